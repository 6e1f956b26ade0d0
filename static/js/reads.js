/* One read of the article, counted once the page is shown. Pages come from
   a shared cache that the application never sees, so the page reports its
   read itself (news.views.read). Nothing about the reader is sent. */
(function () {
  "use strict";

  var script = document.currentScript;
  var url = script && script.getAttribute("data-read-url");
  if (!url) {
    return;
  }
  if (navigator.sendBeacon && navigator.sendBeacon(url)) {
    return;
  }
  if (window.fetch) {
    window.fetch(url, { method: "POST", keepalive: true, credentials: "omit" });
  }
})();
