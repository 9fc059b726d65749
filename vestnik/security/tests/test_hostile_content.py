"""Hostile content is inert on every reader page, feed, sitemap and JSON-LD block.

The corpus (xss_vectors.txt) goes into every text field a newsroom fills: directly into the
database (bodies and corrections unescaped, as a script or a buggy importer could leave
them), through Wagtail's page editor and snippet form, through the WordPress and capture
importers, and into the search box. Each answer is parsed (lxml) and must hold no script
but the page's own file and its JSON-LD, no on* attribute, no javascript:/vbscript:/data:
URL, no inline style, frame or plugin. test_browser_hostile_content.py loads the same
pages in chromium and watches for any script that runs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape

from vestnik.news.models import ArticlePage, Author, InfoPage
from vestnik.news.tests.factories import admin_article_form, inline_forms

from .hostile import (
    build_hostile_site,
    feed_problems,
    html_problems,
    ld_json_problems,
    pack,
    vectors,
)

pytestmark = pytest.mark.django_db

VECTORS = vectors()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response


def page_problems(client, urls) -> list[str]:
    problems = []
    for url in urls:
        problems += html_problems(get(client, url).content.decode(), url)
    return problems


@pytest.fixture
def site(home):
    return build_hostile_site(home)


# --- the corpus and the checker ------------------------------------------------------


def test_corpus_holds_at_least_100_distinct_vectors():
    assert len(VECTORS) >= 100
    assert len(set(VECTORS)) == len(VECTORS)
    # Each one, if it ran, would call something the browser test sees (alert, window.__xss,
    # a request to another origin); two spell alert() in entities or base64.
    detectable = (
        "alert",
        "__xss",
        "msgbox",
        "//evil",
        ".htc",
        "{{ request",
        "&#97;&#108;",
        "base64,PHNjcmlwdD5hbGVydCgx",
    )
    assert [v for v in VECTORS if not any(mark in v for mark in detectable)] == []


def test_checker_sees_the_vectors_left_raw_in_a_page():
    """The checks have teeth: most vectors written into a page unescaped are caught (the rest
    are text already: escaped entities, template syntax, fullwidth brackets)."""
    caught = [v for v in VECTORS if html_problems(f"<html><body><p>{v}</p></body></html>", "raw")]
    assert len(caught) >= 100, sorted(set(VECTORS) - set(caught))


# --- saved directly: every field, every reader page --------------------------------------


def test_reader_pages_show_the_corpus_inert(client, site):
    urls = site.page_urls()
    assert len(urls) > 60
    assert page_problems(client, urls) == []


def test_the_corpus_reaches_the_pages_as_text(client, site):
    """Inert because escaped or cleaned, not because it is missing: the titles, leads and
    names are on the pages as the editor typed them."""
    article = site.articles[0]
    html = get(client, article.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    author = site.authors[0]
    assert escape(author.name) in get(client, author.get_absolute_url()).content.decode()


def test_feeds_carry_the_corpus_inert(client, site, settings):
    from vestnik.news.models.site_settings import NewsSiteSettings

    problems = []
    for full_text in (False, True):
        NewsSiteSettings.objects.update_or_create(
            site_id=site.rubric.get_site().pk, defaults={"feed_full_text": full_text}
        )
        client.get("/")  # a new setting is read on the next request
        for url in site.feed_urls():
            problems += feed_problems(get(client, url).content, f"{url} (full text: {full_text})")
    assert problems == []


def test_sitemaps_are_well_formed_with_the_corpus_in_titles(client, site):
    problems = feed_problems(get(client, "/sitemap.xml").content, "/sitemap.xml")
    problems += feed_problems(get(client, "/news-sitemap.xml").content, "/news-sitemap.xml")
    assert problems == []


def test_json_ld_of_articles_and_home_parses_and_keeps_the_text(client, site):
    for url in ["/", *(a.url for a in site.articles)]:
        html = get(client, url).content.decode()
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert blocks, url
        for block in blocks:
            assert ld_json_problems(block, url) == []
    # The headline is the title as typed, not mangled by the escaping.
    data = json.loads(blocks[0])
    assert data[0]["headline"].startswith(site.articles[-1].title[:20])


# --- search ---------------------------------------------------------------------------


def test_search_queries_come_back_escaped(client, site):
    problems = []
    for vector in VECTORS:
        q = quote(vector)
        response = client.get(f"/search/?q={q}")
        assert response.status_code in (200, 400), vector
        problems += html_problems(response.content.decode(), f"/search/?q={vector}")
        api = client.get(f"/api/search/?q={q}")
        assert api["Content-Type"].startswith("application/json")
        json.loads(api.content)
    assert problems == []


def test_search_results_highlight_hostile_titles_escaped(client, site):
    for q in ("alert", "script", "onerror", "svg"):
        html = get(client, f"/search/?q={q}").content.decode()
        assert 'class="search-result' in html, q
        assert "<mark>" in html
        assert html_problems(html, f"/search/?q={q}") == []


# --- through the admin ------------------------------------------------------------------


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "Very-long-pass-123")
    client.force_login(user)
    return client


def article_form(sample: list[str], **overrides) -> dict:
    data = admin_article_form(
        title=pack(sample, 255)[0],
        slug=f"hostile-{len(sample)}-{abs(hash(tuple(sample))) % 10**6}",
        lead=pack(sample, 600)[0],
        # What Draftail posts when an editor types or pastes the vectors: text in blocks.
        body=contentstate([(v, None) for v in sample]),
        **inline_forms(
            "correction_notes",
            [
                {
                    "kind": "correction",
                    "noted_at": "2025-11-08 14:00",
                    "text": contentstate([(v, None) for v in sample[:5]]),
                }
            ],
        ),
        hero_caption=pack(sample, 300)[0],
        tags=", ".join('"' + t.replace('"', "") + '"' for t in pack(sample, 100)[:3]),
    )
    return {**data, **overrides}


def contentstate(blocks: list[tuple[str, dict | None]]) -> str:
    """Draftail's JSON, a block per text, each with an optional entity (a LINK's or an
    IMAGE's data): what a browser, or an attacker skipping the browser, posts for a
    rich-text field."""
    entity_map, out = {}, []
    for i, (text, entity) in enumerate(blocks):
        ranges, kind = [], "unstyled"
        if entity is not None:
            kind = "atomic" if entity["type"] == "IMAGE" else kind
            entity_map[str(i)] = {"mutability": "MUTABLE", **entity}
            ranges = [{"offset": 0, "length": len(text), "key": i}]
        out.append({"key": f"k{i}", "type": kind, "depth": 0, "text": text, "inlineStyleRanges": [],
                    "entityRanges": ranges, "data": {}})  # fmt: skip
    return json.dumps({"blocks": out, "entityMap": entity_map})


def form_errors(response) -> str:
    context = response.context or {}
    form = context.get("form")
    return str(form.errors if form is not None else response.content.decode()[:2000])


@pytest.mark.parametrize("part", range(0, len(VECTORS), 35))
def test_articles_saved_through_the_page_editor_are_inert(editor, politics, part):
    sample = VECTORS[part : part + 35]
    response = editor.post(f"/admin/pages/add/news/articlepage/{politics.pk}/", article_form(sample))
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(title=pack(sample, 255)[0])
    assert article.live
    assert (
        page_problems(
            editor, [article.url, politics.url, "/", *(t.get_absolute_url() for t in article.tags.all())]
        )
        == []
    )


def test_hostile_link_entities_posted_to_the_editor_lose_their_urls(editor, politics):
    urls = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "jav\tascript:alert(1)",
            "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "javascript&colon;alert(1)",
            "\x01javascript:alert(1)", "java\u200bscript:alert(1)", "https://example.org/\"onmouseover=\"alert(1)"]  # fmt: skip
    from .hostile import hostile_image

    image = hostile_image(alt_text="Снимок", credit="", title="Снимок")
    links = [(f"ссылка {i}", {"type": "LINK", "data": {"url": url}}) for i, url in enumerate(urls)]
    # An image entity whose format and alt text no editor could pick or type.
    images = [(" ", {"type": "IMAGE", "data": {"id": image.pk, "format": fmt, "alt": alt}})
              for fmt, alt in [('"><script>alert(1)</script>', "x"), ("left", '" onerror="alert(1)'),
                               ("", "<img src=x onerror=alert(1)>")]]  # fmt: skip
    body = contentstate(links + images)
    response = editor.post(
        f"/admin/pages/add/news/articlepage/{politics.pk}/",
        article_form(
            ["Ссылки"],
            title="Ссылки из редактора",
            body=body,
            **inline_forms(
                "correction_notes",
                [{"kind": "correction", "noted_at": "2025-11-08 14:00", "text": contentstate(links)}],
            ),
        ),  # fmt: skip
    )
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(title="Ссылки из редактора")
    assert page_problems(editor, [article.url]) == []
    assert editor.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_authors_saved_through_the_snippet_form_are_inert(editor, politics):
    from vestnik.news.tests.factories import article_with

    for name, bio in zip(pack(VECTORS, 150)[:8], pack(VECTORS, 1000), strict=False):
        response = editor.post(
            "/admin/snippets/news/author/add/", {"name": name, "slug": "", "position": name[:150], "bio": bio}
        )
        assert response.status_code == 302, form_errors(response)
    authors = list(Author.objects.all())
    assert len(authors) == 8
    article = article_with(rubric=politics, authors=authors, title="Материал восьми авторов")
    assert page_problems(editor, [article.url, *(a.get_absolute_url() for a in authors)]) == []


def test_image_alt_text_and_credit_saved_through_the_image_form_are_inert(editor, politics):
    from vestnik.news.tests.factories import article_with

    from .hostile import hostile_image

    image = hostile_image(alt_text="x", credit="x", title="x")
    alt, credit = pack(VECTORS, 255)[2], pack(VECTORS, 255)[5]
    response = editor.post(f"/admin/images/{image.pk}/", {"title": "Снимок", "alt_text": alt, "credit": credit,
                                                          "collection": image.collection_id, "tags": ""})  # fmt: skip
    assert response.status_code == 302, form_errors(response)
    image.refresh_from_db()
    assert (image.alt_text, image.credit) == (alt, credit)
    article = article_with(rubric=politics, title="Материал со снимком", hero_image=image, hero_caption=alt,
                           body=f'<p>Текст.</p><embed embedtype="image" id="{image.pk}" format="left" alt="{alt.replace(chr(34), "&quot;")}"/>')  # fmt: skip
    assert page_problems(editor, [article.url, politics.url, "/"]) == []


# --- through the importers --------------------------------------------------------------


def test_wordpress_import_of_hostile_posts_is_inert(client, home, tmp_path):
    from vestnik.importers.tests import wxr_builder as wb
    from vestnik.importers.wxr_import import import_wxr
    from vestnik.syndication.xmltext import xml_safe

    bodies = [VECTORS[i : i + 20] for i in range(0, len(VECTORS), 20)]
    titles, excerpts = pack(VECTORS, 200), pack(VECTORS, 400)
    items = [
        wb.item(100 + i, titles[i % len(titles)], "\n\n".join(body), slug=f"post-{i}",
                excerpt=excerpts[i % len(excerpts)] if i % 2 else "", creator="hacker",
                categories=[("news", "Новости <script>alert(1)</script>")],
                tags=[(f"tag-{i}", pack(VECTORS, 90)[i])], date=f"2024-05-{10 + i:02d} 10:30:00")
        for i, body in enumerate(bodies)
    ]  # fmt: skip
    items.append(
        wb.item(
            900, "О нас <img src=x onerror=alert(1)>", "\n\n".join(VECTORS), post_type="page", slug="about"
        )
    )
    export = wb.export(
        wb.author("hacker", '"><script>alert(1)</script>'),
        wb.category(1, "news", "Новости <script>alert(1)</script>"),
        *(wb.tag(10 + i, f"tag-{i}", pack(VECTORS, 90)[i]) for i in range(len(bodies))),
        *items,
    )
    path = tmp_path / "hostile.xml"
    path.write_text(xml_safe(export), encoding="utf-8")  # XML 1.0 cannot carry U+0001 at all
    report = import_wxr(path, fetch_media=False)
    articles = list(ArticlePage.objects.live())
    assert len(articles) == len(bodies), report.summary()
    info = InfoPage.objects.get()
    urls = ["/", *(a.url for a in articles), info.url, articles[0].get_parent().url]
    urls += [a.get_absolute_url() for a in Author.objects.all()]
    urls += [t.tag.get_absolute_url() for a in articles for t in a.tagged_items.all()]
    problems = page_problems(client, urls)
    for url in ("/feeds/rss/", "/feeds/atom/", "/feeds/yandex/"):
        problems += feed_problems(get(client, url).content, url)
    assert problems == []


def test_capture_import_of_hostile_text_is_inert(client, home, tmp_path):
    from vestnik.importers.services import import_capture

    title = 'Заголовок <script>alert(1)</script> и "><img src=x onerror=alert(1)>'
    paragraphs = [" ".join(chunk) for chunk in pack(VECTORS, 400, sep="\n")]
    paragraphs = [p.replace("\n", " ") for p in paragraphs]
    text = "\n\n".join(
        ["Categories: Политика, Общество <svg onload=alert(1)>", title, *paragraphs, "Ануар Нурпеисов",
         "Recent Posts", "Свежий <script>alert(1)</script>", "<img src=x onerror=alert(1)> выдержка", "2 часа назад"]
    )  # fmt: skip
    path = tmp_path / "capture.txt"
    path.write_text(text, encoding="utf-8")
    captured = dt.datetime(2025, 11, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    report = import_capture(path=path, captured_at=captured)
    assert len(report.created) == 2
    articles = list(ArticlePage.objects.live())
    urls = [
        "/",
        *(a.url for a in articles),
        *(a.get_parent().url for a in articles),
        "/author/anuar-nurpeisov/",
    ]
    problems = page_problems(client, urls)
    for url in ("/feeds/rss/", "/feeds/atom/", "/feeds/yandex/"):
        problems += feed_problems(get(client, url).content, url)
    assert problems == []
