"""An entity's page lists its live articles (accepted mentions only), newest first and
paginated, in every language; its feeds validate; the pages showing it are invalidated by
a decision; the queries are bounded."""

import datetime as dt

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vestnik.entities.models import Mention
from vestnik.entities.services import enrich_article, mention_decide
from vestnik.news.tests.factories import article_with
from vestnik.news.tests.test_query_counts import MAX_QUERIES

pytestmark = pytest.mark.django_db


def analysed_article(rubric, title, text, *, hours_ago=1, accept=True):
    article = article_with(rubric=rubric, title=title, body=f"<p>{text}</p>",
                           first_published_at=timezone.now() - dt.timedelta(hours=hours_ago))  # fmt: skip
    enrich_article(article_id=article.pk)
    if accept:
        for mention in Mention.objects.filter(article=article):
            mention_decide(mention=mention, status=Mention.Status.ACCEPTED)
    return article


def test_entity_page_lists_accepted_live_articles_newest_first(client, politics, extraction):
    old = analysed_article(politics, "Старое о Жилине", "Жилин.", hours_ago=30)
    new = analysed_article(politics, "Новое о Жилине", "Жилин.", hours_ago=2)
    analysed_article(politics, "Непринятое о Жилине", "Жилин.", accept=False)
    rejected = analysed_article(politics, "Отклонённое о Жилине", "Жилин.", accept=False)
    mention_decide(mention=Mention.objects.get(article=rejected), status=Mention.Status.REJECTED)
    unpublished = analysed_article(politics, "Снятое о Жилине", "Жилин.")
    unpublished.unpublish()
    html = client.get("/persons/mikhail-zhilin/").content.decode()
    assert "<h1>Михаил Жилин</h1>" in html
    assert html.index(new.title) < html.index(old.title)
    for absent in ("Непринятое", "Отклонённое", "Снятое"):
        assert absent not in html, absent
    assert 'href="/feeds/entity/mikhail-zhilin/rss/"' in html


def test_entity_pages_by_kind_and_language(client, politics, extraction):
    analysed_article(politics, "Новость", "Жилин. ФСБ. Астана.")
    for url in ("/persons/mikhail-zhilin/", "/organizations/fsb/", "/places/astana/", "/kk/persons/mikhail-zhilin/",
                "/en/organizations/fsb/"):  # fmt: skip
        assert client.get(url).status_code == 200, url
    assert client.get("/places/mikhail-zhilin/").status_code == 404  # a person is not a place
    assert client.get("/persons/nikto/").status_code == 404


def test_entity_page_is_paginated(client, politics, extraction, settings):
    settings.VESTNIK_PAGE_SIZE = 2
    for i in range(3):
        analysed_article(politics, f"Материал {i}", "Жилин.", hours_ago=i + 1)
    first = client.get("/persons/mikhail-zhilin/").content.decode()
    second = client.get("/persons/mikhail-zhilin/?page=2").content.decode()
    assert "Материал 0" in first and "Материал 2" not in first
    assert "Материал 2" in second


def test_entity_feeds_parse_and_hold_only_its_articles(client, politics, extraction):
    analysed_article(politics, "О Жилине", "Жилин.")
    analysed_article(politics, "Об Астане", "Астана.")
    for url in ("/feeds/entity/mikhail-zhilin/rss/", "/feeds/entity/mikhail-zhilin/atom/"):
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
        assert [e.title for e in feed.entries] == ["О Жилине"], url
        assert "Михаил Жилин" in feed.feed.title
    assert client.get("/feeds/entity/nikto/rss/").status_code == 404


def test_article_page_links_its_accepted_entities_in_the_readers_language(client, politics, extraction):
    article = analysed_article(politics, "О Жилине", "Жилин и ФСБ.")
    mention_decide(mention=Mention.objects.get(article=article, name="ФСБ"), status=Mention.Status.REJECTED)
    html = client.get(f"/kk{article.url}").content.decode()
    assert 'href="/kk/persons/mikhail-zhilin/"' in html
    assert "/organizations/fsb/" not in html


def test_article_lists_people_then_organisations_then_places_most_mentioned_first(
    client, politics, extraction
):
    article = analysed_article(
        politics, "Порядок", "Астана. Парламент. Серикбаев. ФСБ. ФСБ. Жилин. Серикбаев. Жилин. Жилин."
    )
    html = client.get(article.url).content.decode()
    names = ["Михаил Жилин", "Айдос Серикбаев", "ФСБ", "Парламент", "Астана"]
    positions = [html.index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)


def test_a_decision_invalidates_the_cached_article_and_entity_pages(client, politics, extraction, settings):
    settings.VESTNIK_PAGE_CACHE = True
    article = analysed_article(politics, "О Жилине", "Жилин и ФСБ.", accept=False)
    zhilin = Mention.objects.get(article=article, name="Михаил Жилин")
    mention_decide(mention=zhilin, status=Mention.Status.ACCEPTED)
    assert "/persons/mikhail-zhilin/" in client.get(article.url).content.decode()
    assert "О Жилине" in client.get("/persons/mikhail-zhilin/").content.decode()
    client.get(article.url)  # now cached
    mention_decide(mention=Mention.objects.get(pk=zhilin.pk), status=Mention.Status.REJECTED)
    assert "/persons/mikhail-zhilin/" not in client.get(article.url).content.decode()
    assert "О Жилине" not in client.get("/persons/mikhail-zhilin/").content.decode()


def test_renaming_an_entity_shows_on_the_cached_article_page(client, politics, extraction, settings):
    settings.VESTNIK_PAGE_CACHE = True
    article = analysed_article(politics, "О Жилине", "Жилин.")
    assert "Михаил Жилин" in client.get(article.url).content.decode()
    entity = Mention.objects.get(article=article).entity
    entity.name = "Михаил Юрьевич Жилин"
    entity.save()
    assert "Михаил Юрьевич Жилин" in client.get(article.url).content.decode()


def count(client, url):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/persons/mikhail-zhilin/", "ARTICLE"])
def test_query_count_does_not_grow_with_entities_related_or_articles(
    client, politics, extraction, settings, url
):
    settings.VESTNIK_PAGE_CACHE = False
    first = analysed_article(politics, "Жилин и ФСБ в Астане", "Жилин. Жилин. ФСБ. ФСБ. Астана.")
    analysed_article(politics, "Снова Жилин", "Жилин. Жилин. ФСБ. ФСБ.", hours_ago=3)
    url = first.url if url == "ARTICLE" else url
    few = count(client, url)
    for i in range(6):
        analysed_article(
            politics, f"Ещё {i}: Жилин", "Жилин. Жилин. ФСБ. ФСБ. Астана. Серикбаев.", hours_ago=4 + i
        )
    enrich_article(article_id=first.pk, force=True)
    many = count(client, url)
    assert many == few, (few, many)
    # The article page's ceiling is the one the other page types are held to; an entity page is a tag page.
    assert many <= MAX_QUERIES["article" if url == first.url else "tag"]


def test_a_decision_purges_the_entity_page_and_feeds_from_the_cdn(politics, extraction, settings,
                                                                  django_capture_on_commit_callbacks):  # fmt: skip
    from vestnik.caching.tests.test_cdn_purge import PURGED

    article = analysed_article(politics, "О Жилине", "Жилин.", accept=False)
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "vestnik.caching.tests.test_cdn_purge.RecordingBackend"}
    }
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mention_decide(mention=Mention.objects.get(article=article), status=Mention.Status.ACCEPTED)
    root = "http://localhost"
    expected = {f"{root}/persons/mikhail-zhilin/", f"{root}/kk/persons/mikhail-zhilin/",
                f"{root}/feeds/entity/mikhail-zhilin/rss/", f"{root}/feeds/entity/mikhail-zhilin/atom/"}  # fmt: skip
    assert expected <= set(PURGED), expected - set(PURGED)
    PURGED.clear()
