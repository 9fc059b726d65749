"""The article page's weight budget (issue #10): HTML under 60 KB and CSS under 30 KB
uncompressed, at most five requests before the first render, and every picture below the
fold lazy with its size known. Timings (LCP, CLS) are measured by bench/page_budget_bench.py,
not asserted here; the same budget in a real browser: test_browser_accessibility.py."""

import re

import pytest
from django.contrib.staticfiles import finders
from lxml import html as lxml_html

from vestnik.images.tests.factories import news_image

from .factories import AuthorFactory, add_note, article_with

# The page weight does not depend on the database engine: measured in the SQLite pass only.
pytestmark = [pytest.mark.django_db, pytest.mark.once]

HTML_BUDGET = 60 * 1024
CSS_BUDGET = 30 * 1024
RENDER_BLOCKING_BUDGET = 5  # the HTML itself included


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def long_body(images) -> str:
    """About 1,500 words of Russian prose with pictures between its paragraphs."""
    sentence = ("Депутаты Мажилиса рассмотрели поправки в бюджет на следующий год и предложили "
                "увеличить расходы на образование, здравоохранение и дороги в регионах. ")  # fmt: skip
    paragraphs = [f"<p>{sentence * 4}</p>" for _ in range(25)]
    for n, image in enumerate(images):
        paragraphs.insert(
            5 + 8 * n, f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Зал"/>'
        )
    return "".join(paragraphs)


@pytest.fixture
def heavy_article(politics, society):
    """An article as heavy as a real one: hero with caption and credit, pictures in the body,
    two authors, tags, correction notes, and other articles for the sidebar."""
    authors = [AuthorFactory(name="Ануар Нурпеисов"), AuthorFactory(name="Айгерим Сапарова")]
    for n in range(8):
        article_with(rubric=society, title=f"Другая новость номер {n} о событиях в Казахстане",
                     hero_image=news_image(alt_text=f"Снимок {n}"), authors=authors[:1])  # fmt: skip
    hero = news_image(alt_text="Депутаты в зале", caption="Заседание Мажилиса", credit="Фото: Вестник")
    body_images = [news_image(alt_text=f"Зал заседаний {n}") for n in range(3)]
    article = article_with(
        rubric=politics, title="Мажилис принял бюджет на 2027 год во втором чтении", hero_image=hero,
        body=long_body(body_images), authors=authors, tags=["бюджет", "Мажилис", "образование", "дороги"],
        extra_rubrics=[society],
    )  # fmt: skip
    add_note(article, "<p>Уточнена сумма расходов на образование.</p>")
    return add_note(article, "<p>Добавлен комментарий министерства.</p>", kind="update")


@pytest.mark.parametrize("prefix", ["", "/kk", "/en"])
def test_article_html_is_under_60_kb(client, heavy_article, prefix):
    html = client.get(prefix + heavy_article.url).content
    assert "Мажилис принял бюджет".encode() in html and html.count(b"<img") >= 4  # the heavy page
    assert len(html) < HTML_BUDGET, f"{prefix or '/'} article page: {len(html)} bytes, budget {HTML_BUDGET}"


def test_css_is_under_30_kb(client, heavy_article):
    tree = lxml_html.fromstring(client.get(heavy_article.url).content.decode())
    sheets = [href.removeprefix("/static/") for href in tree.xpath("//link[@rel='stylesheet']/@href")]
    assert sheets == ["css/site.css"], sheets
    css = open(finders.find("css/site.css"), "rb").read()
    assert b"@import" not in css  # one file is the whole of it
    assert len(css) < CSS_BUDGET, f"site.css: {len(css)} bytes, budget {CSS_BUDGET}"


def render_blocking(tree) -> list[str]:
    """What the browser must fetch before it paints: stylesheets for every medium, and scripts
    in the head that are neither deferred, async nor modules (JSON-LD is data, not fetched)."""
    found = []
    for link in tree.xpath("//link[@rel='stylesheet']"):
        if link.get("media", "all") not in ("print",):
            found.append(link.get("href"))
    for script in tree.xpath("//head/script[@src]"):
        if script.get("defer") is None and script.get("async") is None and script.get("type") != "module":
            found.append(script.get("src"))
    return found


@pytest.mark.parametrize("url", ["article", "/", "/politika/", "/search/?q=бюджет", "/no-such-page/"])
def test_at_most_five_requests_before_the_first_render(client, heavy_article, url):
    response = client.get(heavy_article.url if url == "article" else url)
    tree = lxml_html.fromstring(response.content.decode())
    blocking = render_blocking(tree)
    assert 1 + len(blocking) <= RENDER_BLOCKING_BUDGET, blocking
    assert tree.xpath("//link[@rel='stylesheet']"), "no stylesheet found: the check itself is broken"
    # No web font, and nothing from another host, before or after the render.
    assert not tree.xpath("//link[@rel='preload' and @as='font']")
    assert not [src for src in tree.xpath("//script/@src | //link/@href[../@rel='stylesheet']")
                if re.match(r"(https?:)?//", src)]  # fmt: skip


def pictures_below_the_fold(tree, first_paint_class: str) -> list:
    """Every <img> except the ones inside the element that is the page's largest paint."""
    above = f'contains(concat(" ", normalize-space(@class), " "), " {first_paint_class} ")'
    return tree.xpath(f"//main//img[not(ancestor::*[{above}])]")


@pytest.mark.parametrize(("url", "first_paint"), [("article", "article__figure"), ("/", "home__lead")])
def test_pictures_below_the_fold_are_lazy_and_sized(client, heavy_article, url, first_paint):
    tree = lxml_html.fromstring(client.get(heavy_article.url if url == "article" else url).content.decode())
    images = pictures_below_the_fold(tree, first_paint)
    assert len(images) >= 3, "the page should have pictures below the fold to check"
    for img in images:
        assert img.get("loading") == "lazy", lxml_html.tostring(img)[:200]
        assert int(img.get("width")) > 0 and int(img.get("height")) > 0, lxml_html.tostring(img)[:200]
    first = tree.xpath(f'//*[contains(concat(" ", normalize-space(@class), " "), " {first_paint} ")]//img')
    assert first and first[0].get("loading") == "eager" and first[0].get("width") and first[0].get("height")
