/* Push handlers of Wijkplein's service worker (imported by /sw.js with importScripts).
   A push carries {title, body, url, tag}; a tap opens the page it is about (this site only). */
/* global self, clients */
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "Wijkplein", {
    body: data.body || "",
    tag: data.tag || "wijkplein",
    data: { url: data.url || "/" },
    icon: "/static/img/favicon.svg"
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var wanted = (event.notification.data && event.notification.data.url) || "/";
  var url = new URL(wanted, self.location.origin);
  if (url.origin !== self.location.origin) { url = new URL("/", self.location.origin); }
  event.waitUntil(clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (list) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].url === url.href && "focus" in list[i]) { return list[i].focus(); }
    }
    return clients.openWindow(url.href);
  }));
});
