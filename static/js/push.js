/* Notifications on this phone (web push): ask permission, subscribe with the site's public key,
   hand the subscription to Wijkplein; "turn off" removes it. The block stays hidden without
   JavaScript or where the browser has no push. Texts come from the page (translated there). */
(function () {
  "use strict";
  var box = document.querySelector("[data-push]");
  if (!box) { return; }
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    return;
  }
  var on = box.querySelector("[data-push-on]");
  var off = box.querySelector("[data-push-off]");
  var status = box.querySelector("[data-push-status]");

  function say(name) { status.textContent = box.getAttribute("data-msg-" + name) || ""; }
  function show(subscribed) { on.hidden = subscribed; off.hidden = !subscribed; }
  function serverKey(text) {
    var padded = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": box.getAttribute("data-csrf") },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response;
    });
  }

  navigator.serviceWorker.register(box.getAttribute("data-worker"), { scope: "/" }).then(function (reg) {
    box.hidden = false;
    reg.pushManager.getSubscription().then(function (sub) {
      show(Boolean(sub) && Notification.permission === "granted");
    });
    on.addEventListener("click", function () {
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") { say("denied"); return null; }
        return reg.pushManager.getSubscription().then(function (old) {
          return old ? old.unsubscribe() : true; /* a key that changed needs a new one */
        }).then(function () {
          return reg.pushManager.subscribe({
            userVisibleOnly: true,
            applicationServerKey: serverKey(box.getAttribute("data-key"))
          });
        }).then(function (sub) {
          return post(box.getAttribute("data-subscribe"), sub.toJSON());
        }).then(function () { show(true); say("on"); });
      }).catch(function () { say("failed"); });
    });
    off.addEventListener("click", function () {
      reg.pushManager.getSubscription().then(function (sub) {
        if (!sub) { return null; }
        var endpoint = sub.endpoint;
        return sub.unsubscribe().then(function () {
          return post(box.getAttribute("data-stop"), { endpoint: endpoint });
        });
      }).then(function () { show(false); say("off"); }).catch(function () { say("failed"); });
    });
  }).catch(function () { /* no service worker: the block stays hidden */ });
}());
