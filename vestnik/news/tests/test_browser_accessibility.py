"""WCAG 2.2 A and AA on every public page type, in headless chromium with axe-core.

Home, rubric, article, author, tag, entity, search (with results) and 404 pages, in Russian, Kazakh
and English, in light and dark mode (prefers-color-scheme), under the site's real
Content-Security-Policy: axe must report no violation. Then the keyboard: Tab from the top
reaches the skip link first, focus is always visible, and every rubric of the menu is reached
by Tab, on a phone too (where the menu scrolls sideways). And the article page's budget as the
browser sees it: at most five requests before the first render, nothing from another origin,
pictures below the fold lazy and sized, the copy-link button revealed and working.

Each test builds its small site once and walks its pages in one browser.
"""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from vestnik.core.tests.browser import ARGS, CHROMIUM, MARKS, serve_plain_static

from .factories import ArticleFactory, AuthorFactory, RubricFactory, article_with

pytestmark = [pytest.mark.once, *MARKS]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
LANGUAGES = ["", "/kk", "/en"]
SCHEMES = ["light", "dark"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def browser(site):
    """A chromium for the test, started after its database is set up (``site``): a browser for
    the whole module started before that, and the database a flushing test had emptied was not
    restored (no root page). Playwright's sync API keeps an event loop running in this
    thread, which Django takes for an async context and refuses database calls in; the tests'
    own setup is plain synchronous code, so the guard is lifted while the browser lives."""
    import os

    from playwright.sync_api import sync_playwright

    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def site(live_server, settings, tmp_path):
    """Two rubrics, two authors, pictured articles with tags and an entity: every page type has content."""
    from vestnik.entities.models import Mention
    from vestnik.entities.services import entity_for
    from vestnik.images.tests.factories import news_image
    from vestnik.news.services import ensure_site

    serve_plain_static(settings)
    settings.MEDIA_ROOT = tmp_path
    home = ensure_site()
    politics = RubricFactory(parent=home, title="Политика")
    society = RubricFactory(parent=home, title="Общество")
    anuar = AuthorFactory(name="Ануар Нурпеисов", position="Обозреватель", bio="Пишет о парламенте.")
    aigerim = AuthorFactory(name="Айгерим Сапарова")
    now = timezone.now()
    body = "".join(
        f"<p>Депутаты Мажилиса обсудили бюджет, абзац {n}: расходы на школы и дороги растут.</p>"
        for n in range(12)
    )
    article = article_with(
        rubric=politics, title="Мажилис принял бюджет на 2027 год", authors=[anuar, aigerim],
        tags=["бюджет", "Мажилис"], hero_image=news_image(alt_text="Депутаты в зале Мажилиса",
        caption="Заседание Мажилиса", credit="Фото: Вестник"), body=body,
        first_published_at=now - dt.timedelta(minutes=30),
    )  # fmt: skip
    for n in range(6):
        article_with(
            rubric=society if n % 2 else politics, title=f"Бюджет школ и больниц в регионе номер {n}",
            authors=[aigerim], tags=["бюджет"], hero_image=news_image(alt_text=f"Снимок номер {n}"),
            first_published_at=now - dt.timedelta(hours=n + 1),
        )  # fmt: skip
    ArticleFactory(
        parent=society, title="Новость без картинки", first_published_at=now - dt.timedelta(days=2)
    )
    # An accepted organisation: the article links it and it has a page of its own.
    mazhilis = entity_for(kind="ORG", name="Мажилис")
    Mention.objects.create(article=article, kind="ORG", name="Мажилис", count=3,
                           status=Mention.Status.ACCEPTED, entity=mazhilis)  # fmt: skip
    return {
        "home": "/",
        "rubric": politics.url,
        "article": article.url,
        "author": anuar.get_absolute_url(),
        "tag": "/tag/byudzhet/",
        "search": "/search/?q=бюджет",
        "entity": mazhilis.get_absolute_url(),
        "404": "/no-such-page/",
        "_menu": [politics.url, society.url],
    }


def open_tab(browser, *, scheme="light", viewport=DESKTOP, host=""):
    """A tab that records script errors, CSP refusals and requests to other origins."""
    context = browser.new_context(color_scheme=scheme, viewport=viewport, locale="ru-RU")
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda e: page.problems.append(f"script error: {e}"))
    page.on("console", lambda m: page.problems.append(m.text) if "Refused to" in m.text else None)

    def only_this_server(route):
        if urlsplit(route.request.url).netloc == host:
            return route.continue_()
        page.problems.append(f"a request to another origin: {route.request.url}")
        return route.abort()

    if host:
        context.route("**/*", only_this_server)
    return page


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}) {node['target']}: {v['help']}"
        for v in results.response["violations"]
        for node in v["nodes"]
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_public_page_type_has_no_wcag_a_or_aa_violation(live_server, site, browser):
    host = urlsplit(live_server.url).netloc
    report = []
    checked = 0
    for scheme in SCHEMES:
        page = open_tab(browser, scheme=scheme, host=host)
        for prefix in LANGUAGES:
            for name, path in site.items():
                if name.startswith("_"):
                    continue
                response = page.goto(live_server.url + prefix + path, wait_until="load")
                assert response.status == (404 if name == "404" else 200), (
                    f"{prefix}{path}: {response.status}"
                )
                if name == "search":
                    assert page.locator(".search-result").count() >= 3, "the search page shows no results"
                assert page.locator("h1").count() == 1, f"{prefix}{path}: not exactly one h1"
                assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "ru")
                report += [f"{scheme} {prefix}{path}: {v}" for v in axe_violations(page)]
                checked += 1
        report += [f"{scheme}: {problem}" for problem in page.problems]
        page.context.close()
    assert checked == len(SCHEMES) * len(LANGUAGES) * 8
    assert not report, f"{len(report)} accessibility problems:\n" + "\n".join(report)


def focus_report(page) -> dict:
    """What has focus, and whether it shows: an outline (or a box shadow) and a place on screen."""
    return page.evaluate(
        """() => {
          const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
          return {cls: el.className, tag: el.localName, href: el.getAttribute("href"), id: el.id,
                  outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                  shadow: style.boxShadow !== "none",
                  onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                            && box.right <= innerWidth + 1 && box.bottom <= innerHeight + 1};
        }"""
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_keyboard_reaches_skip_link_first_then_every_menu_link_with_visible_focus(
    live_server, site, browser, viewport
):
    for scheme in SCHEMES:
        page = open_tab(browser, scheme=scheme, viewport=viewport)
        page.goto(live_server.url + site["article"], wait_until="load")
        page.keyboard.press("Tab")
        first = focus_report(page)
        assert first["cls"] == "skip-link" and first["outline"] and first["onScreen"], first
        page.keyboard.press("Enter")
        assert focus_report(page)["id"] == "content", "the skip link does not move focus to the content"

        page.goto(live_server.url + site["article"], wait_until="load")
        reached = []
        for _ in range(60):
            page.keyboard.press("Tab")
            focused = focus_report(page)
            if focused["tag"] == "body":  # past the last link: focus left the page
                break
            assert focused["outline"] or focused["shadow"], f"focus not visible on {focused}"
            assert focused["onScreen"], f"focused but off screen: {focused}"
            reached.append(focused["href"])
        missing = [url for url in site["_menu"] if url not in reached]
        assert not missing, f"menu links never reached by Tab ({scheme}, {viewport}): {missing}"
        page.context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_article_budget_and_share_button_in_the_browser(live_server, site, browser):
    host = urlsplit(live_server.url).netloc
    page = open_tab(browser, viewport=PHONE, host=host)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + site["article"], wait_until="load")
    blocking = page.evaluate(
        """() => performance.getEntriesByType("resource")
                 .filter(e => e.renderBlockingStatus === "blocking").map(e => e.name)"""
    )
    assert blocking, "chromium reported no render-blocking resource: the stylesheet should be one"
    assert 1 + len(blocking) <= 5, blocking
    below = page.evaluate(
        """() => [...document.querySelectorAll("main img")]
                 .filter(img => img.getBoundingClientRect().top > innerHeight)
                 .map(img => ({src: img.currentSrc || img.src, loading: img.loading,
                               width: img.getAttribute("width"), height: img.getAttribute("height")}))"""
    )
    hero = page.locator(".article__figure img")
    assert hero.get_attribute("loading") == "eager" and hero.get_attribute("width")
    for img in below:
        assert img["loading"] == "lazy" and img["width"] and img["height"], img

    # With JavaScript the copy button appears and copies the canonical address.
    button = page.locator("button[data-copy-url]")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('.share__status').textContent !== ''")
    assert page.locator(".share__status").text_content() == "Ссылка скопирована"
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + site["article"]
    assert not page.problems, page.problems
    page.context.close()

    # Without JavaScript there is no dead button.
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    plain = context.new_page()
    plain.goto(live_server.url + site["article"])
    assert plain.locator("button[data-copy-url]").count() == 1
    assert not plain.locator("button[data-copy-url]").is_visible()
    context.close()
