"""Sitemaps against the sitemaps.org 0.9 schemas and the Google News sitemap rules."""

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from vestnik.news.tests.factories import ArticleFactory, RubricFactory, add_note, article_with
from vestnik.syndication import sitemaps

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9",
      "image": "http://www.google.com/schemas/sitemap-image/1.1"}  # fmt: skip


def valid(content, schema: str):
    if not isinstance(content, bytes):  # a streamed response
        content = b"".join(content.streaming_content) if content.streaming else content.content
    document = etree.fromstring(content)
    xsd = etree.XMLSchema(etree.parse(str(SCHEMAS / schema)))
    assert xsd.validate(document), xsd.error_log
    return document


def test_index_lists_every_section_and_validates(client, newsroom):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = valid(response.content, "siteindex.xsd")
    locations = index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    assert locations == [
        f"http://testserver/sitemap-{name}.xml" for name in ("articles", "sections", "authors", "tags")
    ]
    assert index.xpath("//s:sitemap/s:lastmod/text()", namespaces=NS)


def test_article_sitemap_has_every_live_article_with_lastmod_and_image(client, newsroom, politics):
    article_with(rubric=politics, title="Черновик", lead="Нет.").unpublish()
    urlset = valid(client.get("/sitemap-articles.xml"), "sitemap.xsd")
    locations = urlset.xpath("//s:url/s:loc/text()", namespaces=NS)
    expected = {f"http://testserver{a.url}" for a in newsroom["articles"]}
    assert set(locations) == expected
    assert len(urlset.xpath("//s:url/s:lastmod", namespaces=NS)) == len(expected)


def test_updated_time_is_the_lastmod(client, politics):
    updated = timezone.now().replace(microsecond=0) - dt.timedelta(minutes=1)
    add_note(article_with(rubric=politics, title="Бюджет", lead="Коротко."), "<p>Дополнено.</p>", at=updated,
             kind="update")  # fmt: skip
    urlset = valid(client.get("/sitemap-articles.xml"), "sitemap.xsd")
    lastmod = urlset.xpath("//s:url/s:lastmod/text()", namespaces=NS)[0]
    assert dt.datetime.fromisoformat(lastmod) == updated


def test_sections_authors_and_tags_validate(client, newsroom):
    for name in ("sections", "authors", "tags"):
        urlset = valid(client.get(f"/sitemap-{name}.xml"), "sitemap.xsd")
        assert urlset.xpath("//s:url", namespaces=NS), name
    sections = b"".join(client.get("/sitemap-sections.xml").streaming_content).decode()
    assert (
        "<loc>http://testserver/</loc>" in sections
        and f"http://testserver{newsroom['politics'].url}" in sections
    )


def test_authors_and_tags_of_unpublished_articles_only_are_left_out(client, politics):
    from vestnik.news.tests.factories import AuthorFactory

    shown, hidden = AuthorFactory(name="Видимый Автор"), AuthorFactory(name="Скрытый Автор")
    article_with(rubric=politics, authors=[shown], tags=["опубликовано"], title="Опубликовано")
    article_with(rubric=politics, authors=[hidden], tags=["черновик"], title="Снято").unpublish()
    authors = b"".join(client.get("/sitemap-authors.xml").streaming_content).decode()
    tags = b"".join(client.get("/sitemap-tags.xml").streaming_content).decode()
    assert f"/author/{shown.slug}/" in authors and f"/author/{hidden.slug}/" not in authors
    assert "/tag/opublikovano/" in tags and "/tag/chernovik/" not in tags


def test_article_sitemap_is_paginated(client, politics, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for n in range(5):
        article_with(rubric=politics, title=f"Новость {n}", lead="Коротко.")
    index = valid(client.get("/sitemap.xml").content, "siteindex.xsd")
    pages = [loc for loc in index.xpath("//s:sitemap/s:loc/text()", namespaces=NS) if "articles" in loc]
    assert pages == ["http://testserver/sitemap-articles.xml", "http://testserver/sitemap-articles.xml?p=2",
                     "http://testserver/sitemap-articles.xml?p=3"]  # fmt: skip
    seen = []
    for page in ("1", "2", "3"):
        urlset = valid(client.get("/sitemap-articles.xml", {"p": page}), "sitemap.xsd")
        seen += urlset.xpath("//s:url/s:loc/text()", namespaces=NS)
    assert len(seen) == len(set(seen)) == 5
    assert client.get("/sitemap-articles.xml", {"p": "4"}).status_code == 404
    assert client.get("/sitemap-articles.xml", {"p": "x"}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_news_sitemap_follows_google_news_rules(client, politics):
    now = timezone.now()
    fresh = article_with(rubric=politics, title="Свежая <новость> & «цитата»", lead="Коротко.",
                         first_published_at=now - dt.timedelta(hours=3))  # fmt: skip
    article_with(
        rubric=politics, title="Вчерашняя", lead="Коротко.", first_published_at=now - dt.timedelta(hours=30)
    )
    article_with(
        rubric=politics, title="Старая", lead="Коротко.", first_published_at=now - dt.timedelta(hours=49)
    )
    response = client.get("/news-sitemap.xml")
    urlset = valid(response.content, "sitemap.xsd")
    urls = urlset.xpath("//s:url", namespaces=NS)
    assert 1 <= len(urls) <= 1000
    titles = urlset.xpath("//news:news/news:title/text()", namespaces=NS)
    assert titles == ["Свежая <новость> & «цитата»", "Вчерашняя"]
    for url in urls:
        assert url.xpath("news:news/news:publication/news:name/text()", namespaces=NS) == ["Вестник"]
        assert url.xpath("news:news/news:publication/news:language/text()", namespaces=NS) == ["ru"]
        published = dt.datetime.fromisoformat(
            url.xpath("news:news/news:publication_date/text()", namespaces=NS)[0]
        )
        assert published.tzinfo is not None and now - published <= dt.timedelta(hours=48)
    assert urlset.xpath("//s:loc/text()", namespaces=NS)[0] == f"http://testserver{fresh.url}"


def test_robots_txt_points_at_the_sitemaps(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert (
        "Sitemap: http://testserver/sitemap.xml" in text
        and "Sitemap: http://testserver/news-sitemap.xml" in text
    )
    assert "Disallow: /admin/" in text


def test_sitemap_index_counts_the_archive_once_per_publish(client, newsroom, politics, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.VESTNIK_PAGE_CACHE = False
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as again:
        client.get("/sitemap.xml")
    assert not [q for q in again.captured_queries if "COUNT(" in q["sql"].upper()]
    article_with(rubric=politics, title="Новое", lead="Коротко.")
    with CaptureQueriesContext(connection) as after_publish:
        client.get("/sitemap.xml")
    assert [q for q in after_publish.captured_queries if "COUNT(" in q["sql"].upper()]


def test_sections_list_sub_rubrics_and_information_pages(client, home, politics):
    from vestnik.news.models import InfoPage
    from vestnik.news.tests.factories import RubricFactory

    RubricFactory(parent=politics, title="Выборы 2026")
    about = InfoPage(title="О редакции")
    home.add_child(instance=about)
    about.save_revision().publish()
    sections = b"".join(client.get("/sitemap-sections.xml").streaming_content).decode()
    assert "http://testserver/politika/vybory-2026/" in sections
    assert f"http://testserver{about.url}" in sections


def test_the_article_sitemaps_count_is_the_number_of_its_rows(politics):
    article = article_with(rubric=politics, title="Новость")
    article_with(rubric=politics, title="Жаңалық", content_language="kk", translation_of=article)
    ArticleFactory(parent=politics, publish=False, title="Черновик")
    RubricFactory(title="Регионы", parent=politics)
    sitemap = sitemaps.ArticleSitemap()
    assert sitemap.count_rows() == sitemap.items().count() == 2


def test_article_sitemap_pages_start_after_the_previous_pages_last_id(client, politics, monkeypatch):
    """No OFFSET: at a million articles it made the last page skip 950,000 rows (1.6 s)."""
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    ids = [article_with(rubric=politics, title=f"Новость {n}").pk for n in range(5)]
    sitemap = sitemaps.ArticleSitemap()
    assert sitemap.page_starts() == [ids[1], ids[3]]
    with CaptureQueriesContext(connection) as queries:
        assert [row["pk"] for row in sitemap.page_rows(3)] == [ids[4]]
    assert not [q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"].upper()]
    assert list(sitemap.page_rows(4)) == []  # asked for after the archive shrank
