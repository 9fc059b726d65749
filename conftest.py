"""Suite-wide switches: PostgreSQL- and Redis-marked tests say clearly when they are skipped."""

import os

import pytest

ON_POSTGRES = os.environ.get("VESTNIK_TEST_ON_POSTGRES") == "1"
REDIS_URL = os.environ.get("VESTNIK_TEST_REDIS_URL", "")


def _neighbour_database(url: str) -> str:
    """The same Redis server, the database numbered one below (or 1 for database 0)."""
    base, _, number = url.rstrip("/").rpartition("/")
    if not number.isdigit() or base.endswith(":/"):
        return url.rstrip("/") + "/1"
    return f"{base}/{int(number) - 1 if int(number) else 1}"


# `make test` runs the SQLite and PostgreSQL passes side by side: the PostgreSQL pass takes
# a neighbouring Redis database, so that one pass's cache.clear() (FLUSHDB) never empties
# what the other is testing.
if ON_POSTGRES and REDIS_URL:
    REDIS_URL = os.environ["VESTNIK_TEST_REDIS_URL"] = _neighbour_database(REDIS_URL)


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(
        reason="SKIPPED PostgreSQL test: this run is on SQLite; `make test` repeats the suite on "
        "PostgreSQL when VESTNIK_TEST_DATABASE_URL is set"
    )
    skip_redis = pytest.mark.skip(reason="SKIPPED Redis test: set VESTNIK_TEST_REDIS_URL to run it")
    skip_once = pytest.mark.skip(
        reason="SKIPPED in the PostgreSQL pass: it runs its own processes and databases (or only a "
        "browser), whatever the suite's database, and ran in the SQLite pass"
    )
    for item in items:
        if "postgres" in item.keywords and not ON_POSTGRES:
            item.add_marker(skip_pg)
        if "once" in item.keywords and ON_POSTGRES:
            item.add_marker(skip_once)
        if "redis" in item.keywords and not REDIS_URL:
            item.add_marker(skip_redis)


def pytest_report_header(config):
    db = (
        "PostgreSQL (" + os.environ.get("VESTNIK_TEST_DATABASE_URL", "") + ")"
        if ON_POSTGRES
        else "SQLite in memory"
    )
    redis = REDIS_URL or "not set: Redis tests will be skipped"
    return [f"vestnik: database {db}; Redis {redis}"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from vestnik.caching import fragments
    from vestnik.news.generation import forget_local

    cache.clear()
    forget_local()
    fragments.forget_local()
    yield
    cache.clear()
    forget_local()
    fragments.forget_local()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's language: a request to /en/… activates English in the
    test's thread, and page URLs built afterwards (page.url) would carry /en/."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
