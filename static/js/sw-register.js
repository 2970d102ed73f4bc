// Register the service worker (/sw.js), which keeps the public pages a person saw readable
// offline. Without JavaScript, or in a browser without service workers, nothing changes.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) {
    return;
  }
  var seenBySw = Boolean(navigator.serviceWorker.controller);
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    navigator.serviceWorker.ready.then(function (registration) {
      if (!registration.active) {
        return;
      }
      // The worker may keep this page when it did not see it load (the first visit), and
      // makes its offline page speak the language of this page.
      registration.active.postMessage({
        type: "page",
        url: seenBySw ? null : location.href,
        lang: document.documentElement.lang
      });
    });
  });
})();
