/* Keeps "14 часов назад" true on a page served from a cache: every minute it
   rewrites each <time data-reltime> from its datetime attribute, with the
   browser's Intl.RelativeTimeFormat in the page's language. Optional: without
   JavaScript the server-rendered text stands (at most a minute old, see docs/caching.md). */
(function () {
  "use strict";
  if (!("RelativeTimeFormat" in Intl)) return;
  var lang = document.documentElement.lang || "ru";
  var rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  var WEEK = 7;
  function startOfDay(d) { return new Date(d.getFullYear(), d.getMonth(), d.getDate()); }
  function phrase(then, now) {
    var seconds = (now - then) / 1000;
    if (seconds < 60 && seconds > -60) return null;  // keep the server's "только что"
    if (Math.abs(seconds) < 3600) return rtf.format(-Math.trunc(seconds / 60), "minute");
    if (Math.abs(seconds) < 86400) return rtf.format(-Math.trunc(seconds / 3600), "hour");
    var days = Math.round((startOfDay(now) - startOfDay(then)) / 86400000);
    if (Math.abs(days) < WEEK) return rtf.format(-days, "day");
    return null;  // an absolute date never goes stale
  }
  function update() {
    var now = new Date();
    document.querySelectorAll("time[data-reltime]").forEach(function (el) {
      var text = phrase(new Date(el.getAttribute("datetime")), now);
      if (text) el.textContent = text;
    });
  }
  update();
  setInterval(update, 60000);
})();
