// "Use my location" on /wijk: ask the browser for the location, then post it so the server
// can suggest the neighbourhood that holds it. Without JavaScript the list still works.
(function () {
  "use strict";
  var button = document.getElementById("use-location");
  var form = document.getElementById("location-form");
  var status = document.getElementById("location-status");
  if (!button || !form || !status || !navigator.geolocation) {
    return;
  }
  button.hidden = false;
  function say(text) {
    status.textContent = text;
    status.hidden = false;
  }
  button.addEventListener("click", function () {
    say(button.getAttribute("data-busy"));
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        document.getElementById("lat").value = position.coords.latitude.toFixed(6);
        document.getElementById("lon").value = position.coords.longitude.toFixed(6);
        form.submit();
      },
      function () {
        button.disabled = false;
        say(button.getAttribute("data-failed"));
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
    );
  });
})();
