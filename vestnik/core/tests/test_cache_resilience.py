"""With Redis down the site still serves every page, from the database, without a 500."""

import os

import pytest

from vestnik.core.cache import ResilientRedisCache

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there: a real refused connection


@pytest.fixture
def redis_down(settings):
    ResilientRedisCache._down_until = 0.0
    settings.CACHES = {
        "default": {
            "BACKEND": "vestnik.core.cache.ResilientRedisCache",
            "LOCATION": CLOSED_PORT,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield
    ResilientRedisCache._down_until = 0.0


def test_every_reader_page_is_served_while_redis_is_down(client, newsroom, redis_down):
    article = newsroom["articles"][0]
    for path in (article.url, "/", "/politika/", f"/author/{newsroom['anuar'].slug}/", "/tag/vybory/",
                 "/feeds/rss/", "/search/?q=школа", "/sitemap.xml"):  # fmt: skip
        for _ in range(2):
            assert client.get(path).status_code == 200, path


def test_publishing_works_while_redis_is_down(client, newsroom, redis_down):
    article = newsroom["articles"][0]
    article.title = "Правка без Redis"
    article.save_revision().publish()
    assert "Правка без Redis" in client.get(article.url).content.decode()


def test_down_redis_reads_miss_and_writes_are_dropped(redis_down):
    from django.core.cache import cache

    cache.set("k", "v")
    assert cache.get("k") is None
    assert cache.get_many(["k"]) == {}
    assert cache.add("lock", 1) is True  # nobody else can hold a lock we cannot see
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_health_check_still_reports_the_down_cache(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"]["ok"] is False


@pytest.mark.redis
def test_resilient_cache_is_a_normal_cache_while_redis_is_up():
    cache = ResilientRedisCache(os.environ["VESTNIK_TEST_REDIS_URL"], {"KEY_PREFIX": f"t{os.getpid()}"})
    cache.set("k", "сәлем", 30)
    assert cache.get("k") == "сәлем"
    cache.set("n", 1, 30)
    assert cache.incr("n") == 2
    assert cache.add("n", 5) is False
    cache.delete_many(["k", "n"])
    assert cache.get("k") is None


@pytest.mark.redis
def test_cache_calls_share_one_redis_client_and_a_forked_worker_gets_its_own_connections():
    cache = ResilientRedisCache(os.environ["VESTNIK_TEST_REDIS_URL"], {"KEY_PREFIX": f"t{os.getpid()}"})
    cache.set("k", 1, 30)
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client  # not a new client per call
    pid = os.fork()
    if pid == 0:  # a gunicorn worker forked after the master used the cache
        os._exit(0 if cache.get("k") == 1 and cache._cache.get_client() is client else 1)
    assert os.waitpid(pid, 0)[1] == 0
    assert cache.get("k") == 1
    cache.delete("k")
