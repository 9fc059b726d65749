/* "Copy link" on article pages (templates/includes/share.html): the button is rendered
   hidden, so a reader without JavaScript never meets a button that does nothing; this file
   reveals it and copies the canonical URL, then says so in the status line (a live region). */
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain http (an intranet, the demo on another host): the older way, through a selection.
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "visually-hidden";
      document.body.appendChild(field);
      field.select();
      var done = document.execCommand("copy");
      document.body.removeChild(field);
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }
  var buttons = document.querySelectorAll("button[data-copy-url]");
  Array.prototype.forEach.call(buttons, function (button) {
    var status = button.closest(".share").querySelector(".share__status");
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(button.getAttribute("data-copy-url")).then(function () {
        status.textContent = button.getAttribute("data-copied");
      }, function () {
        status.textContent = button.getAttribute("data-copy-url");
      });
    });
  });
})();
