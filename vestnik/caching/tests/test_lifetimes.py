"""How long a cached page stays fresh: one TTL when it prints a relative time, longer for an
article page, which prints none and changes only through its tags."""

import time

import pytest

from vestnik.caching import tags as page_tags
from vestnik.caching.middleware import CACHE_HEADER


@pytest.fixture(autouse=True)
def lasting(settings):
    """Production's lifetimes (with Redis); without it both are the TTL (settings/base.py)."""
    settings.VESTNIK_PAGE_CACHE_TTL, settings.VESTNIK_PAGE_CACHE_LASTING_TTL = 60, 3600


@pytest.fixture
def later(monkeypatch):
    """Moves the clock the cache reads forward by the given seconds."""
    real = time.time

    def move(seconds: float) -> None:
        monkeypatch.setattr(time, "time", lambda: real() + seconds)

    return move


def test_article_page_stays_cached_past_the_short_ttl(client, newsroom, later, settings):
    url = newsroom["articles"][0].url
    client.get(url)
    later(settings.VESTNIK_PAGE_CACHE_TTL + 1)
    assert client.get(url)[CACHE_HEADER] == "hit"
    later(settings.VESTNIK_PAGE_CACHE_LASTING_TTL + 1)
    assert client.get(url)[CACHE_HEADER] == "miss"


def test_page_with_relative_times_is_rendered_again_after_the_short_ttl(client, newsroom, later, settings):
    client.get("/politika/")
    later(settings.VESTNIK_PAGE_CACHE_TTL + 1)
    assert client.get("/politika/")[CACHE_HEADER] == "miss"


def test_long_lived_article_still_gets_a_sidebar_no_older_than_the_short_ttl(
    client, newsroom, later, settings
):
    url = newsroom["articles"][0].url
    first = client.get(url)
    later(settings.VESTNIK_PAGE_CACHE_TTL + 1)
    again = client.get(url)
    assert again[CACHE_HEADER] == "hit"
    assert again["Last-Modified"] != first["Last-Modified"]  # the sidebar, with its times, is new


@pytest.mark.parametrize(
    ("shown", "long"),
    [
        ({"article:1"}, False),
        ({"article:1", page_tags.LASTING}, True),
        ({"article:1", page_tags.LASTING, page_tags.SHOWS_RELATIVE_TIME}, False),
    ],
)
def test_only_a_page_that_asks_and_prints_no_relative_time_lives_long(shown, long, settings):
    expected = settings.VESTNIK_PAGE_CACHE_LASTING_TTL if long else settings.VESTNIK_PAGE_CACHE_TTL
    assert page_tags.lifetime(shown) == expected


def test_printing_a_relative_time_marks_the_render():
    from django.template import Context, Template
    from django.utils import timezone

    with page_tags.collecting() as shown:
        Template("{% load vestnik_text %}{% reltime when %}").render(Context({"when": timezone.now()}))
    assert page_tags.SHOWS_RELATIVE_TIME in shown
