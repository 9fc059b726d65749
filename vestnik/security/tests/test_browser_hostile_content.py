"""In headless chromium, no script from the XSS corpus runs on any page, feed or search.

The site is filled by build_hostile_site (every text field, the bodies raw in the database)
and every page type is loaded. First with the Content-Security-Policy switched off, so the
markup itself must be inert (the policy would otherwise hide a sanitising bug), then with it
on, where the page must not even try anything the policy refuses.

A vector that ran would open a dialog (alert, confirm, prompt, print), set window.__xss,
throw an uncaught error or ask for something from another origin; and the live DOM, as
chromium's own HTML parser built it, must hold no on* attribute, no javascript: URL and no
script but the page's own.
"""

from urllib.parse import quote, urlsplit

import pytest

from vestnik.core.tests.browser import ARGS, CHROMIUM, MARKS, serve_plain_static

from .hostile import build_hostile_site, vectors

PERMISSIVE_CSP = "default-src * 'unsafe-inline' 'unsafe-eval' data: blob:"

pytestmark = [pytest.mark.once, *MARKS]

# Before any page script: every way a vector reports itself ends in window.__xss.
WATCH = """
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function (...args) { window.__xss = (window.__xss || 0) + 1; };
}
"""

# The DOM as chromium parsed it: anything that could run, whatever the server-side parser saw.
INSPECT = """
() => {
  const found = [];
  const bad = /^(javascript|vbscript|data|livescript):/i;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\t\\n\\r]/g, "").replace(/^[\\x00-\\x20]+/, "");
      if (name.startsWith("on")) found.push(`<${el.localName} ${name}=${attr.value}>`);
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "style"].includes(name)
          && (bad.test(value) || name === "srcdoc" || name === "style"))
        found.push(`<${el.localName} ${name}=${attr.value}>`);
    }
    if (el.localName === "script") {
      const type = (el.getAttribute("type") || "").toLowerCase();
      const src = el.getAttribute("src") || "";
      if (type !== "application/ld+json" && !(src.startsWith("/static/js/") && !el.textContent.trim()))
        found.push(`<script type=${type} src=${src}>${el.textContent.slice(0, 60)}`);
    }
    if (["iframe", "object", "embed", "base", "svg", "math", "style", "frame"].includes(el.localName))
      found.push(`<${el.localName}>`);
  }
  return found;
}
"""


def run_pages(live_server, paths: list[str], *, inspect_paths: set[str]) -> list[str]:
    """Load each path in one tab and list what ran or could run."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    current = [""]
    host = urlsplit(live_server.url).netloc

    def report(event: str) -> None:
        problems.append(f"{current[0]}: {event}")

    def only_this_server(route):
        if urlsplit(route.request.url).netloc == host:
            return route.continue_()
        report(f"a request to another origin: {route.request.url}")
        return route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        context.add_init_script(WATCH)
        context.route("**/*", only_this_server)
        page = context.new_page()
        page.on("dialog", lambda d: (report(f"dialog {d.type}: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: report(f"uncaught error: {e}"))
        page.on("console", lambda m: report(f"console: {m.text}") if "Refused to" in m.text else None)
        for path in paths:
            current[0] = path
            response = page.goto(live_server.url + path, wait_until="load")
            if response is None or response.status not in (200, 400):
                report(f"status {response and response.status}")
            page.wait_for_timeout(20)  # error events of broken images, focus handlers
            if page.evaluate("() => window.__xss || 0"):
                report("window.__xss was set")
            if path in inspect_paths:
                problems.extend(f"{path}: {found}" for found in page.evaluate(INSPECT))
        browser.close()
    return problems


def summary(problems: list[str]) -> str:
    """How many of each kind, and the first few in full."""
    kinds: dict[str, int] = {}
    for problem in problems:
        kind = problem.split(": ", 1)[1].split(":")[0][:40]
        kinds[kind] = kinds.get(kind, 0) + 1
    return f"{len(problems)} problems {kinds}\n" + "\n".join(p[-300:] for p in problems[:20])


@pytest.fixture
def hostile_live_site(live_server, settings, home):
    serve_plain_static(settings)
    return build_hostile_site(home)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_script_runs_with_the_policy_switched_off(live_server, hostile_live_site, settings):
    settings.VESTNIK_CSP = PERMISSIVE_CSP
    site = hostile_live_site
    pages = site.page_urls()
    searches = [f"/search/?q={quote(v)}" for v in vectors()] + ["/search/?q=alert", "/search/?q=script"]
    other = site.feed_urls()[:8] + ["/sitemap.xml", "/news-sitemap.xml", "/api/search/?q=alert"]
    problems = run_pages(live_server, pages + searches + other, inspect_paths=set(pages + searches))
    assert problems == [], summary(problems)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_the_policy_refuses_is_even_tried(live_server, hostile_live_site):
    site = hostile_live_site
    pages = ["/", site.rubric.url, *(a.url for a in site.articles), site.authors[0].get_absolute_url(),
             site.tags[0].get_absolute_url(), "/search/?q=alert"]  # fmt: skip
    problems = run_pages(live_server, pages, inspect_paths=set())
    assert problems == [], summary(problems)
