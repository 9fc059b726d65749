/* Keeps "14 часов назад" true on a page served from a cache: every minute it
   rewrites each <time data-reltime> from its datetime attribute, in the page's
   language, with the same rules as vestnik/core/text/reltime.py (Intl's Kazakh
   data is missing in browsers, and its Russian says "позавчера" where we say
   "2 дня назад"). Optional: without JavaScript the server's text stands, at most
   a minute old (docs/caching.md). Absolute dates and future times are left alone. */
(function () {
  "use strict";
  function ru(n, one, few, many) {
    var d = n % 10, h = n % 100;
    if (d === 1 && h !== 11) return one;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
    return many;
  }
  var PHRASES = {
    ru: { minute: function (n) { return n + " " + ru(n, "минуту", "минуты", "минут") + " назад"; },
          hour: function (n) { return n + " " + ru(n, "час", "часа", "часов") + " назад"; },
          day: function (n) { return n + " " + ru(n, "день", "дня", "дней") + " назад"; },
          now: "только что", yesterday: "вчера" },
    kk: { minute: function (n) { return n + " минут бұрын"; },
          hour: function (n) { return n + " сағат бұрын"; },
          day: function (n) { return n + " күн бұрын"; },
          now: "жаңа ғана", yesterday: "кеше" },
    en: { minute: function (n) { return n + (n === 1 ? " minute ago" : " minutes ago"); },
          hour: function (n) { return n + (n === 1 ? " hour ago" : " hours ago"); },
          day: function (n) { return n + (n === 1 ? " day ago" : " days ago"); },
          now: "just now", yesterday: "yesterday" }
  };
  var say = PHRASES[(document.documentElement.lang || "ru").slice(0, 2)];
  if (!say) return;
  function startOfDay(d) { return new Date(d.getFullYear(), d.getMonth(), d.getDate()); }
  function phrase(then, now) {
    var seconds = (now - then) / 1000;
    if (isNaN(seconds) || seconds < 0) return null;
    if (seconds < 60) return say.now;
    if (seconds < 3600) return say.minute(Math.floor(seconds / 60));
    if (seconds < 86400) return say.hour(Math.floor(seconds / 3600));
    var days = Math.round((startOfDay(now) - startOfDay(then)) / 86400000);
    if (days === 1) return say.yesterday;
    if (days < 7) return say.day(days);
    return null;
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
