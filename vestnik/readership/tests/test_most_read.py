"""Views are counted without a database write per view and ranked per day and week."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from vestnik.news.tests.factories import ArticleFactory
from vestnik.readership import counters
from vestnik.readership.models import ArticleViews
from vestnik.readership.selectors import most_read


@pytest.fixture(autouse=True)
def _fresh_counters(settings):
    settings.REDIS_URL = ""
    counters.reset_for_tests()  # and flush only when a test says so
    yield
    counters.reset_for_tests()


def views_in_db() -> dict[int, int]:
    return {v.article_id: v.views for v in ArticleViews.objects.all()}


def test_each_reader_view_is_counted_even_from_the_page_cache(client, politics, django_assert_num_queries):
    read, other = ArticleFactory(parent=politics), ArticleFactory(parent=politics)
    client.get(read.url)  # rendered
    with django_assert_num_queries(0):  # from the cache, and counting writes nothing
        assert client.get(read.url)["X-Vestnik-Cache"] == "hit"
    client.get(read.url)
    client.get(other.url)
    counters.flush()
    assert views_in_db() == {read.pk: 3, other.pk: 1}


def test_robots_prefetches_and_non_articles_are_not_counted(client, politics):
    article = ArticleFactory(parent=politics)
    client.get(article.url, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    client.get(article.url, HTTP_SEC_PURPOSE="prefetch")
    client.get("/politika/")
    client.get("/")
    counters.flush()
    assert views_in_db() == {}


def test_flushing_twice_adds_up_and_never_counts_a_view_twice(client, politics):
    article = ArticleFactory(parent=politics)
    client.get(article.url)
    counters.flush()
    counters.flush()
    client.get(article.url)
    counters.flush()
    assert views_in_db() == {article.pk: 2}


def test_views_of_a_deleted_article_are_dropped_not_an_error(client, politics):
    article = ArticleFactory(parent=politics)
    client.get(article.url)
    article.delete()
    assert counters.flush() == 1
    assert views_in_db() == {}


def test_most_read_ranks_today_and_the_last_seven_days(politics):
    today = timezone.localdate()
    a, b, c = (ArticleFactory(parent=politics, title=t) for t in ("Альфа", "Бета", "Гамма"))
    ArticleViews.objects.create(article=a, day=today, views=5)
    ArticleViews.objects.create(article=b, day=today, views=9)
    ArticleViews.objects.create(article=c, day=today - dt.timedelta(days=3), views=40)
    ArticleViews.objects.create(article=a, day=today - dt.timedelta(days=8), views=1000)  # too old
    assert [x.title for x in most_read(window="day")] == ["Бета", "Альфа"]
    assert [x.title for x in most_read(window="week")] == ["Гамма", "Бета", "Альфа"]


def test_a_translations_readers_count_for_its_original_listed_once(politics):
    today = timezone.localdate()
    original = ArticleFactory(parent=politics, title="Оригинал")
    kazakh = ArticleFactory(parent=politics, title="Аударма", content_language="kk", translation_of=original)
    other = ArticleFactory(parent=politics, title="Другая")
    ArticleViews.objects.create(article=original, day=today, views=4)
    ArticleViews.objects.create(article=kazakh, day=today, views=4)
    ArticleViews.objects.create(article=other, day=today, views=6)
    ranked = most_read(window="day")
    assert [(x.title, x.views) for x in ranked] == [("Оригинал", 8), ("Другая", 6)]


def test_unpublished_article_leaves_the_list_at_once(politics):
    a, b = ArticleFactory(parent=politics, title="Альфа"), ArticleFactory(parent=politics, title="Бета")
    for article in (a, b):
        ArticleViews.objects.create(article=article, day=timezone.localdate(), views=3)
    assert len(most_read(window="day")) == 2
    a.unpublish()
    assert [x.title for x in most_read(window="day")] == ["Бета"]


def test_home_page_shows_most_read_today_and_this_week(client, politics):
    article = ArticleFactory(parent=politics, title="Самая читаемая новость")
    ArticleViews.objects.create(article=article, day=timezone.localdate(), views=7)
    html = client.get("/").content.decode()
    assert "Самое читаемое" in html and "За неделю" in html
    assert html.count("Самая читаемая новость") >= 2
    assert "Most read" in client.get("/en/").content.decode()


def test_a_view_after_the_minute_is_over_flushes_the_tally(client, politics):
    article = ArticleFactory(parent=politics)
    counters.reset_for_tests(next_flush=0.0)
    client.get(article.url)
    assert views_in_db() == {article.pk: 1}
    client.get(article.url)  # within the minute: counted in memory only
    assert views_in_db() == {article.pk: 1}


def test_flush_command_without_redis_says_there_is_nothing_to_flush_from_it():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("flush_view_counts", stdout=out)
    assert "REDIS_URL is not set" in out.getvalue()


# --- Redis: the production path, against the real server -----------------------------------


@pytest.fixture
def redis_counters(settings):
    import redis

    settings.REDIS_URL = os.environ["VESTNIK_TEST_REDIS_URL"]
    settings.VESTNIK_VIEWS_PREFIX = f"vestnik-test-{os.getpid()}"
    counters.reset_for_tests()
    client = redis.Redis.from_url(settings.REDIS_URL)
    yield client
    for key in client.scan_iter(match=settings.VESTNIK_VIEWS_PREFIX + ":*"):
        client.delete(key)


@pytest.mark.redis
def test_redis_counts_views_and_flush_moves_them_to_the_database(client, politics, redis_counters):
    article = ArticleFactory(parent=politics)
    for _ in range(3):
        client.get(article.url)
    day_key = f"{counters._hash_key(timezone.localdate().isoformat())}"
    assert int(redis_counters.hget(day_key, str(article.pk))) == 3
    assert counters.flush() == 3
    assert views_in_db() == {article.pk: 3}
    assert not redis_counters.exists(day_key)


@pytest.mark.redis
def test_redis_hash_left_by_a_failed_flush_is_picked_up_next_time(client, politics, redis_counters):
    article = ArticleFactory(parent=politics)
    client.get(article.url)
    day_key = counters._hash_key(timezone.localdate().isoformat())
    redis_counters.rename(day_key, day_key + ":flushing:crashed")  # a flush died after claiming it
    client.get(article.url)  # new views go to a fresh hash meanwhile
    assert counters.flush() == 2
    assert views_in_db() == {article.pk: 2}


@pytest.mark.redis
def test_flush_command_writes_the_redis_counters(client, politics, redis_counters):
    from io import StringIO

    from django.core.management import call_command

    client.get(ArticleFactory(parent=politics).url)
    out = StringIO()
    call_command("flush_view_counts", stdout=out)
    assert out.getvalue().strip() == "1 views written"
