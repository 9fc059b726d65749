"""Reads go to a replica, writes and the writer's next reads to the primary."""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from vestnik.core.db_router import PIN_COOKIE, PrimaryReplicaRouter, _pinned, _wrote
from vestnik.news.models import ArticlePage, Author

# Transactional: inside a test-wide transaction every read would (rightly) stay on the primary.
pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica"]
)


@pytest.fixture
def replicas(settings):
    settings.VESTNIK_DB_REPLICAS = ["replica"]
    pinned, wrote = _pinned.set(False), _wrote.set(False)
    yield
    _pinned.reset(pinned)
    _wrote.reset(wrote)


def queries_on(alias):
    return CaptureQueriesContext(connections[alias])


def test_without_replicas_everything_uses_the_primary(settings):
    settings.VESTNIK_DB_REPLICAS = []
    assert PrimaryReplicaRouter().db_for_read(Author) == "default"


def test_reads_go_to_the_replica_and_writes_to_the_primary(replicas):
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Author) == "replica"
    assert router.db_for_write(Author) == "default"
    _wrote.set(True)  # once the request has written, it reads its own writes from the primary
    assert router.db_for_read(Author) == "default"


def test_outside_a_request_everything_reads_from_the_primary(settings):
    settings.VESTNIK_DB_REPLICAS = ["replica"]
    assert _pinned.get() is True  # commands and workers: no replica lag to reason about
    assert PrimaryReplicaRouter().db_for_read(Author) == "default"


def test_reads_inside_a_transaction_stay_on_the_primary(replicas):
    with transaction.atomic():
        assert PrimaryReplicaRouter().db_for_read(Author) == "default"


def test_migrations_run_only_on_the_primary():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "news")
    assert not router.allow_migrate("replica", "news")


def test_reader_page_is_read_from_the_replica_and_sets_no_cookie(client, newsroom, replicas, settings):
    settings.VESTNIK_PAGE_CACHE = False
    url = newsroom["articles"][0].url
    client.get(url)  # the site settings row is created on first use: a write
    with queries_on("default") as primary, queries_on("replica") as replica:
        response = client.get(url)
    assert response.status_code == 200
    assert len(replica) > 0
    assert len(primary) == 0
    assert PIN_COOKIE not in response.cookies  # so the page stays cacheable


def test_editor_who_just_saved_reads_from_the_primary_for_a_while(client, newsroom, replicas, settings):
    settings.VESTNIK_PAGE_CACHE = False
    response = client.post("/search/", {"q": "x"})  # any POST is pinned to the primary
    author = newsroom["anuar"]

    def write_view_response():
        from django.test import RequestFactory

        from vestnik.core.db_router import ReadYourWritesMiddleware

        def view(request):
            Author.objects.filter(pk=author.pk).update(position="редактор")
            from django.http import HttpResponse

            return HttpResponse("saved")

        return ReadYourWritesMiddleware(view)(RequestFactory().post("/admin/x/"))

    saved = write_view_response()
    assert saved.cookies[PIN_COOKIE]["max-age"] == settings.VESTNIK_REPLICA_PIN_SECONDS
    assert saved.cookies[PIN_COOKIE]["httponly"]
    client.cookies[PIN_COOKIE] = "1"
    with queries_on("default") as primary, queries_on("replica") as replica:
        assert client.get(newsroom["articles"][0].url).status_code == 200
    assert len(primary) > 0 and len(replica) == 0
    assert response.status_code in (200, 405)


def test_pins_do_not_leak_from_one_request_into_the_next(client, newsroom, replicas, settings):
    settings.VESTNIK_PAGE_CACHE = False
    client.post("/search/", {"q": "x"})
    client.cookies.pop(PIN_COOKIE, None)
    with queries_on("replica") as replica:
        client.get(newsroom["articles"][0].url)
    assert len(replica) > 0
    assert ArticlePage.objects.exists()
