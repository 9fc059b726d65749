"""The page cache and its invalidation on the production cache, the real Redis server."""

import os

import pytest

from vestnik.caching.middleware import CACHE_HEADER

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache(settings):
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["VESTNIK_TEST_REDIS_URL"],
            "KEY_PREFIX": f"vestnik-test-pages-{os.getpid()}",
        }
    }
    cache.clear()
    yield cache
    cache.clear()


def test_hit_from_redis_needs_no_database(client, newsroom, redis_cache, django_assert_num_queries):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    url = newsroom["articles"][0].url
    assert client.get(url)[CACHE_HEADER] == "miss"
    with django_assert_num_queries(0):
        assert client.get(url)[CACHE_HEADER] == "hit"


def test_publish_invalidates_the_pages_kept_in_redis(client, newsroom, redis_cache):
    article = newsroom["articles"][0]
    for path in (article.url, "/", "/politika/", "/feeds/rss/"):
        client.get(path)
        assert client.get(path)[CACHE_HEADER] == "hit"
    article.title = "Заголовок после правки"
    article.save_revision().publish()
    for path in (article.url, "/", "/politika/", "/feeds/rss/"):
        response = client.get(path)
        assert "Заголовок после правки" in response.content.decode(), path
    assert client.get("/obshchestvo/")[CACHE_HEADER] == "miss"  # never cached before: first render
    assert client.get("/obshchestvo/")[CACHE_HEADER] == "hit"
