"""The PostgreSQL and Redis paths, against the real servers (CI sets both variables)."""

import os

import pytest
from django.db import connection

from vestnik.news.selectors import rubric_blocks
from vestnik.news.services import ensure_site


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_run_really_uses_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


@pytest.mark.django_db
def test_rubric_blocks_window_query_runs_on_this_database():
    from vestnik.news.tests.factories import ArticleFactory, RubricFactory

    home = ensure_site()
    rubric = RubricFactory(parent=home, title="Наука")
    for _ in range(6):
        ArticleFactory(parent=rubric)
    blocks = rubric_blocks()
    assert [len(b["articles"]) for b in blocks] == [4]


@pytest.mark.redis
def test_redis_cache_from_redis_url_round_trips(settings):
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache(os.environ["VESTNIK_TEST_REDIS_URL"], {"KEY_PREFIX": "vestnik-test"})
    cache.set("greeting", "сәлем", 30)
    assert cache.get("greeting") == "сәлем"
    key = f"generation-{os.getpid()}"
    cache.set(key, 1, 30)
    assert cache.incr(key) == 2  # the content generation counter relies on atomic incr
    cache.delete(key)
    cache.delete("greeting")
    assert cache.get("greeting") is None


def test_settings_choose_redis_when_redis_url_is_set(monkeypatch):
    import importlib

    import vestnik.settings.base as base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CACHES["default"]["BACKEND"] == "vestnik.core.cache.ResilientRedisCache"
        assert reloaded.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
        assert reloaded.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        assert reloaded.DATABASES["default"]["NAME"] == "test"
        # pooled, and without PostgreSQL's JIT (seconds of compile time on big admin lists)
        assert reloaded.DATABASES["default"]["OPTIONS"]["options"] == "-c jit=off"
        assert reloaded.DATABASES["default"]["OPTIONS"]["pool"]["max_size"] == 4
    finally:
        monkeypatch.delenv("REDIS_URL")
        monkeypatch.delenv("DATABASE_URL")
        importlib.reload(base)


def test_settings_default_to_sqlite_and_local_memory(monkeypatch):
    import importlib

    import vestnik.settings.base as base

    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    reloaded = importlib.reload(base)
    assert reloaded.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert str(reloaded.DATABASES["default"]["NAME"]).endswith("var/vestnik.sqlite3")
    assert reloaded.CACHES["default"]["BACKEND"].endswith("LocMemCache")
