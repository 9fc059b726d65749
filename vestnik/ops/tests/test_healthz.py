"""/healthz answers 200 when the database and the cache work, 503 (never 500) when not."""

import os

import pytest
from django.db.utils import ConnectionHandler
from django.test import override_settings
from django.urls import reverse

from vestnik.ops import health

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: connecting fails at once, as with a server that is down.
CLOSED_PORT_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://:cache-secret-pw@127.0.0.1:1/0",
    }
}


@pytest.fixture
def unreachable_database(monkeypatch):
    """A real PostgreSQL connection to a closed port stands in for the default database."""
    broken = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "vestnik",
                "USER": "vestnik",
                "PASSWORD": "db-secret-pw",
                "HOST": "127.0.0.1",
                "PORT": "1",
            }
        }
    )
    monkeypatch.setattr(health, "connections", broken)
    yield
    broken.close_all()


def test_healthz_is_ok_when_database_and_cache_answer(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    for check in ("database", "cache"):
        assert body[check]["ok"] is True
        assert isinstance(body[check]["ms"], float)
        assert "error" not in body[check]


def test_healthz_is_never_cached(client):
    assert client.get("/healthz")["Cache-Control"] == "no-store"


def test_healthz_has_no_language_prefix_whatever_the_reader_language(client):
    assert reverse("healthz") == "/healthz"
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200


def test_healthz_answers_head_but_refuses_post(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@override_settings(CACHES=CLOSED_PORT_REDIS)
def test_healthz_reports_a_dead_cache_with_503_not_500(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["database"]["ok"] is True
    assert body["cache"]["ok"] is False
    assert body["cache"]["error"].startswith("ConnectionError: ")
    assert "cache-secret-pw" not in response.content.decode()


def test_healthz_reports_an_unreachable_database_with_503_not_500(client, unreachable_database):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["database"]["ok"] is False
    assert body["database"]["error"].startswith("OperationalError: ")
    assert body["cache"]["ok"] is True
    assert "db-secret-pw" not in response.content.decode()


@pytest.mark.parametrize(
    ("message", "secrets", "expected"),
    [
        (
            "cannot connect to redis://:hunter2@cache:6379/0",
            (),
            "cannot connect to redis://:***@cache:6379/0",
        ),
        (
            "bad DSN postgres://vestnik:hunter2@db:5432/vestnik",
            (),
            "bad DSN postgres://vestnik:***@db:5432/vestnik",
        ),
        ("invalid dsn: host=db password=hunter2 user=x", (), "invalid dsn: host=db password=*** user=x"),
        ("auth failed with hunter2", ("hunter2",), "auth failed with ***"),
        ("Connection refused", ("",), "Connection refused"),
    ],
)
def test_health_errors_never_show_a_password(message, secrets, expected):
    assert health.redact(message, secrets) == expected


@pytest.mark.redis
def test_healthz_is_ok_against_a_real_redis(client):
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["VESTNIK_TEST_REDIS_URL"],
            "KEY_PREFIX": "vestnik-test",
        }
    }
    with override_settings(CACHES=caches):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["cache"]["ok"] is True
