// "Use my location": ask the browser for the location and put it in the form's hidden
// latitude and longitude fields. On /wijk the form is then sent, so the server can suggest the
// neighbourhood that holds it; in the question form it goes with the question. Without
// JavaScript the buttons stay hidden and the lists still work.
(function () {
  "use strict";
  if (!navigator.geolocation) {
    return;
  }
  var buttons = document.querySelectorAll("button[data-locate]");
  Array.prototype.forEach.call(buttons, function (button) {
    var status = document.getElementById(button.getAttribute("data-status"));
    var lat = document.getElementById(button.getAttribute("data-lat"));
    var lon = document.getElementById(button.getAttribute("data-lon"));
    if (!status || !lat || !lon) {
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
          lat.value = position.coords.latitude.toFixed(6);
          lon.value = position.coords.longitude.toFixed(6);
          button.disabled = false;
          if (button.hasAttribute("data-submit")) {
            button.form.submit();
          } else {
            say(button.getAttribute("data-found"));
          }
        },
        function () {
          button.disabled = false;
          say(button.getAttribute("data-failed"));
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
      );
    });
  });
})();
