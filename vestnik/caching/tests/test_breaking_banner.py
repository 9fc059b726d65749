"""The breaking-news banner and the whole-page cache: marking or unmarking an article shows
at once on every cached page, and no cached copy shows a banner after it has run out."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from vestnik.caching import middleware as page_cache
from vestnik.caching.middleware import CACHE_HEADER
from vestnik.news.models import ArticlePage
from vestnik.news.tests.factories import ArticleFactory, article_with

BANNER = 'class="breaking"'


@pytest.fixture
def paths(newsroom):
    """Public pages of every kind; the last three do not show the first article anywhere."""
    return [
        "/",
        "/kk/",
        "/politika/",
        newsroom["articles"][1].url,
        newsroom["articles"][2].url,
        f"/author/{newsroom['anuar'].slug}/",
        "/tag/vybory/",
        "/search/?q=школа",
        "/obshchestvo/",
        f"/author/{newsroom['aigerim'].slug}/",
        "/tag/obrazovanie/",
    ]


def warm(client, paths):
    for path in paths:
        client.get(path)
        assert client.get(path)[CACHE_HEADER] == "hit", path


def mark_breaking(article, until):
    article = ArticlePage.objects.get(pk=article.pk)
    article.breaking_until = until
    article.save_revision().publish()
    return article


def test_marking_an_article_breaking_shows_the_banner_on_every_cached_page(client, newsroom, paths):
    warm(client, paths)
    url = mark_breaking(newsroom["articles"][0], timezone.now() + dt.timedelta(hours=1)).url
    for path in paths:
        html = client.get(path).content.decode()
        assert BANNER in html, path
        assert f'class="breaking__link" href="{url}"' in html.replace('href="/kk/', 'href="/'), path


def test_a_new_article_published_as_breaking_shows_the_banner_on_every_cached_page(client, newsroom, paths):
    warm(client, paths)
    article_with(rubric=newsroom["society"], title="Землетрясение в Алматы",
                 breaking_until=timezone.now() + dt.timedelta(hours=1))  # fmt: skip
    for path in paths:
        assert "Землетрясение в Алматы" in client.get(path).content.decode(), path


def test_unmarking_removes_the_banner_from_every_cached_page(client, newsroom, paths):
    mark_breaking(newsroom["articles"][0], timezone.now() + dt.timedelta(hours=1))
    warm(client, paths)
    mark_breaking(newsroom["articles"][0], None)
    for path in paths:
        assert BANNER not in client.get(path).content.decode(), path


def test_a_new_title_of_the_breaking_article_shows_in_every_banner(client, newsroom, paths):
    breaking = mark_breaking(newsroom["articles"][0], timezone.now() + dt.timedelta(hours=1))
    warm(client, paths)
    breaking.title = "Парламент принял закон о выборах в первом чтении"
    breaking.save_revision().publish()
    for path in paths:
        assert "в первом чтении" in client.get(path).content.decode(), path


def test_the_banner_is_not_shown_on_its_own_article(client, newsroom):
    breaking = mark_breaking(newsroom["articles"][0], timezone.now() + dt.timedelta(hours=1))
    assert BANNER not in client.get(breaking.url).content.decode()
    assert BANNER in client.get(newsroom["articles"][1].url).content.decode()


@pytest.fixture
def clock(monkeypatch):
    """Moves the clock the page cache and the selectors read."""
    real_time, real_now = page_cache.time.time, timezone.now

    def move(seconds):
        monkeypatch.setattr(page_cache.time, "time", lambda: real_time() + seconds)
        monkeypatch.setattr(timezone, "now", lambda: real_now() + dt.timedelta(seconds=seconds))

    return move


def test_a_cached_page_never_shows_the_banner_after_it_ran_out(client, newsroom, paths, clock):
    mark_breaking(newsroom["articles"][0], timezone.now() + dt.timedelta(seconds=30))
    warm(client, paths)
    clock(25)  # within the page TTL (60 s) and before the banner runs out: still the copy
    assert client.get("/")[CACHE_HEADER] == "hit"
    clock(31)  # the banner ran out, no publish happened, the copy is 31 s old
    for path in paths:
        response = client.get(path)
        assert response[CACHE_HEADER] == "miss", path
        assert BANNER not in response.content.decode(), path


def max_age(response) -> int:
    match = re.fullmatch(r"public, max-age=(\d+), s-maxage=(\d+)", response["Cache-Control"])
    assert match and match[1] == match[2], response["Cache-Control"]  # and no stale-while-revalidate
    return int(match[1])


def test_a_page_with_a_banner_is_kept_in_front_only_until_the_banner_runs_out(client, newsroom, clock):
    mark_breaking(newsroom["articles"][0], timezone.now() + dt.timedelta(seconds=45))
    assert 40 < max_age(client.get("/politika/")) <= 45
    clock(40)
    again = client.get("/politika/")
    assert again[CACHE_HEADER] == "hit"
    assert 0 <= max_age(again) <= 5
    assert again["X-Accel-Expires"] == "1"
    # Without a banner: the usual headers.
    mark_breaking(newsroom["articles"][0], None)
    assert "stale-while-revalidate" in client.get("/politika/")["Cache-Control"]


def test_a_copy_whose_banner_ran_out_is_not_served_stale_while_another_process_renders(
    client, newsroom, clock
):
    mark_breaking(newsroom["articles"][0], timezone.now() + dt.timedelta(seconds=30))
    request_path = "/politika/"
    client.get(request_path)
    clock(31)
    from django.test import RequestFactory

    cache.add(page_cache.page_key(RequestFactory().get(request_path)) + ":lock", 1, 10)  # another worker
    response = client.get(request_path)
    assert response[CACHE_HEADER] == "miss"
    assert BANNER not in response.content.decode()


def test_an_embargoed_breaking_article_brings_its_banner_when_it_goes_live(
    client, newsroom, paths, monkeypatch
):
    from vestnik.ops.workers import publish_due

    embargo = timezone.now() + dt.timedelta(minutes=10)
    article = ArticleFactory(parent=newsroom["politics"], publish=False, title="Итоги выборов",
                             embargo_until=embargo, breaking_until=embargo + dt.timedelta(hours=1))  # fmt: skip
    article.save_revision().publish()
    warm(client, paths)
    assert all("Итоги выборов" not in client.get(path).content.decode() for path in paths)
    monkeypatch.setattr(timezone, "now", lambda: embargo + dt.timedelta(seconds=1))
    publish_due()
    for path in paths:
        assert "Итоги выборов" in client.get(path).content.decode(), path
