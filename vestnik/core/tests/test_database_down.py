"""With the database unreachable, cached pages are still served and every other page is a
clear 503, never a traceback. (test_postgres_outage.py stops a real PostgreSQL server.)"""

from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

from vestnik.caching.middleware import CACHE_HEADER


@pytest.fixture
def reader():
    # A reader's browser: the server's error page, not the exception, comes back.
    return Client(raise_request_exception=False)


@pytest.fixture
def database_down():
    refused = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=refused):
        yield


def test_an_uncached_page_is_a_503_page_saying_the_site_is_temporarily_unavailable(
    reader, newsroom, database_down
):
    response = reader.get(newsroom["articles"][0].url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Сайт временно недоступен" in text and 'lang="kk"' in text and "Traceback" not in text


def test_a_cached_page_is_served_while_the_database_is_down(reader, newsroom):
    url = newsroom["articles"][0].url
    reader.get(url)
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=OperationalError("refused")):
        response = reader.get(url)
    assert response.status_code == 200 and response[CACHE_HEADER] == "hit"


def test_a_stale_copy_beats_the_error_page(reader, newsroom, settings):
    url = newsroom["articles"][0].url
    # Copies go out of date at once: the page would be rendered again.
    settings.VESTNIK_PAGE_CACHE_TTL = settings.VESTNIK_PAGE_CACHE_LASTING_TTL = 0
    reader.get(url)
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=OperationalError("refused")):
        response = reader.get(url)
    assert response.status_code == 200
    assert response[CACHE_HEADER] == "stale-database-down"
    assert newsroom["articles"][0].title in response.content.decode()


def test_other_errors_stay_500s(reader, newsroom, monkeypatch):
    from vestnik.news import selectors

    monkeypatch.setattr(selectors, "home_blocks", mock.Mock(side_effect=ZeroDivisionError))
    response = reader.get("/")
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.content.decode()
