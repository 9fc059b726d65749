"""Screenshots of the demo site's pages and of the admin's article editor and review screen
(desktop) into docs/screenshots/.

Each public page type (home, rubric, article, its Kazakh version, author, tag, search, a
search with a suggestion, 404) on a 390-px phone and a 1280-px desktop, in light and dark
(prefers-color-scheme): ``<page>-<phone|desktop>-<light|dark>.png``. Phone pictures are one
screen (what a reader judges first), desktop ones the whole page.

Usage: `make screenshots` while `make demo` serves on PORT (default 8000); `--only article`
takes one page type. The admin's pictures
are taken as the demo's Политика editor, whose password `make demo` keeps in var/demo-newsroom.txt.
Drives Debian's /usr/bin/chromium through Playwright; downloads no browser.
"""

from __future__ import annotations

import argparse
import re
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
STAFF_CREDENTIALS = ROOT / "var" / "demo-newsroom.txt"
SEED_TITLE = "Жена депортированного"
AWAITING_REVIEW_TITLE = "Мажилис рассмотрит поправки"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")


def find_pages(base: str) -> dict[str, str]:
    home = urllib.request.urlopen(base + "/").read().decode()
    article = re.search(r'href="(/politika/zhena-[^"]+)"', home)
    if article is None:  # the seed article may be off the front page: take it from its rubric
        rubric = urllib.request.urlopen(base + "/politika/").read().decode()
        article = re.search(r'href="(/politika/zhena-[^"]+)"', rubric)
    article_path = article.group(1) if article else "/politika/"
    return {
        "home": "/",
        "rubric": "/politika/",
        "article": article_path,
        "article-kk": "/kk" + article_path,
        "author": "/author/anuar-nurpeisov/",
        "tag": "/tag/almaty/",
        "404": "/no-such-page/",
        "search": "/search/?q=%D0%96%D0%B8%D0%BB%D0%B8%D0%BD%D0%B0",  # Жилина
        "search-suggestion": "/search/?q=ghtpbltyn",  # президент typed in the Latin layout
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", default="8000")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--only", action="append", help="a page type (home, article…); repeatable")
    parser.add_argument("--no-admin", action="store_true", help="skip the admin's pictures")
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    OUT.mkdir(parents=True, exist_ok=True)
    pages = find_pages(base)
    if args.only:
        unknown = set(args.only) - set(pages)
        if unknown:
            parser.error(f"--only {', '.join(sorted(unknown))}: expected one of {', '.join(pages)}")
        pages = {name: path for name, path in pages.items() if name in args.only}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for scheme in SCHEMES:
            for view, size in VIEWPORTS.items():
                context = browser.new_context(
                    viewport=size, device_scale_factor=1, locale="ru-RU", color_scheme=scheme
                )
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base + path, wait_until="networkidle")
                    # Scroll through once so lazy images below the fold load before the shot.
                    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                    page.wait_for_load_state("networkidle")
                    page.evaluate("window.scrollTo(0, 0)")
                    target = OUT / f"{name}-{view}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=args.full_page or view == "desktop")
                    print(target.relative_to(OUT.parent.parent))
                context.close()
        if not args.no_admin and not args.only:
            admin_screenshots(browser, base)
        browser.close()


def admin_screenshots(browser, base: str) -> None:
    """The article editor and the review screen, as the demo's Политика editor sees them."""
    if not STAFF_CREDENTIALS.exists():
        print(f"SKIPPED the admin's pictures: no {STAFF_CREDENTIALS.relative_to(ROOT)} (run `make demo`)")
        return
    passwords = dict(line.split() for line in STAFF_CREDENTIALS.read_text().splitlines() if line.strip())
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000}, device_scale_factor=1, locale="ru-RU"
    )
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", passwords["redaktor"])
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")

    # A published article, opened from the page search as an editor would.
    page.goto(base + "/admin/pages/search/?q=" + urllib.parse.quote(SEED_TITLE), wait_until="networkidle")
    page.click(f"a[href*='/edit/']:has-text('{SEED_TITLE}')")
    page.wait_for_load_state("networkidle")
    shoot(page, "admin-article-editor")

    # The article the demo's reporter submitted, from the dashboard's "awaiting your review",
    # with its status (who sent it to which task, when) and the editor's choices open: approve
    # (with a comment) and publish, or send it back for changes.
    page.goto(base + "/admin/", wait_until="networkidle")
    page.click(f"a:has-text('{AWAITING_REVIEW_TITLE}')")
    page.wait_for_load_state("networkidle")
    page.click("[data-side-panel-toggle=status]")
    page.click("footer [data-w-dropdown-target=toggle]")
    page.wait_for_timeout(500)  # the panel's and the drop-up's opening animations
    shoot(page, "admin-review")
    context.close()


def shoot(page, name: str) -> None:
    target = OUT / f"{name}.png"
    page.screenshot(path=str(target))
    print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
