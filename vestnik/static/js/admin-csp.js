/* Wagtail's admin without inline scripts (docs/security.md, "Response headers").
   Wagtail writes a few calls into its forms as inline <script> code: initDateChooser(id,
   config) after a date field, new InlinePanel(options) after an inline panel, new
   ImageChooser(id, options) after a chooser. Vestnik writes them as data instead
   (vestnik/security/admin_scripts.py):
     <script type="application/json" data-vestnik-init="initDateChooser">["id_x", {…}]</script>
   which browsers never run, so the admin's policy needs no 'unsafe-inline' for scripts.
   This file, loaded on every admin page, makes those calls with Wagtail's own functions:
   once the page is parsed (the form's own scripts, which define them, load after this one),
   and then for whatever is added later: a form added to an inline panel, a modal's content,
   a listing swapped in. Each element is called once, as an inline script runs once. */
(() => {
  "use strict";

  const call = (name) => (...args) => window[name](...args);
  const construct = (name) => (...args) => new window[name](...args);
  // The names the data may ask for, and no others (the same list as ADMIN_CALLS in
  // admin_scripts.py): markup that found its way into an admin page must not call what it likes.
  const CALLS = {
    initDateChooser: call("initDateChooser"),
    initTimeChooser: call("initTimeChooser"),
    initDateTimeChooser: call("initDateTimeChooser"),
    createTaskChooser: call("createTaskChooser"),
    InlinePanel: construct("InlinePanel"),
    MultipleChooserPanel: construct("MultipleChooserPanel"),
    Chooser: construct("Chooser"),
    PageChooser: construct("PageChooser"),
    ImageChooser: construct("ImageChooser"),
    DocumentChooser: construct("DocumentChooser"),
    SnippetChooser: construct("SnippetChooser"),
  };
  const SELECTOR = 'script[type="application/json"][data-vestnik-init]';
  const done = new WeakSet();

  const run = (element) => {
    if (done.has(element)) return; // moved, not new (an inline panel's child reordered)
    done.add(element);
    const name = element.dataset.vestnikInit;
    try {
      if (!Object.hasOwn(CALLS, name)) throw new Error(`admin-csp.js: no call named ${JSON.stringify(name)}`);
      CALLS[name](...JSON.parse(element.textContent));
    } catch (error) {
      // As an inline script's error: reported, and the page's other calls still made.
      window.reportError(error);
    }
  };

  const runWithin = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE || !node.isConnected) return;
    if (node.matches(SELECTOR)) run(node);
    node.querySelectorAll(SELECTOR).forEach(run);
  };

  const start = () => {
    runWithin(document.documentElement);
    new MutationObserver((records) => {
      records.forEach((record) => record.addedNodes.forEach(runWithin));
    }).observe(document.documentElement, { childList: true, subtree: true });
  };

  if (document.readyState === "loading") {
    // On window, capturing: before every DOMContentLoaded listener on document (Stimulus's
    // controllers, jQuery's ready), as the inline scripts ran before them.
    window.addEventListener("DOMContentLoaded", start, { capture: true, once: true });
  } else {
    start();
  }
})();
