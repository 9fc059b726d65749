"""Repeated wrong passwords at the admin's login lock that name out from that address, even
with the right password, until the cool-off has passed (django-axes)."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

LOGIN = "/admin/login/"
PASSWORD = "верный пароль редакции 2025"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)


def attempt(client, password, username="editor", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_right_password_lets_the_editor_in(client, editor):
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_failures_below_the_limit_leave_the_login_open(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "не тот пароль").status_code == 200
    assert attempt(client, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_failures_up_to_the_limit_lock_the_name_out_with_a_message_in_russian(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=20)
    assert attempt(client, "не тот пароль").status_code == 200
    assert attempt(client, "не тот пароль").status_code == 200
    locked = attempt(client, "не тот пароль")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Слишком много неудачных попыток входа" in html
    assert "закрыт на 20 мин." in html
    assert 'name="password"' in html  # still Wagtail's login page, not a bare error

    refused = attempt(client, PASSWORD)
    assert refused.status_code == 429
    assert not is_logged_in(client)


def test_right_password_works_again_once_the_cool_off_has_passed(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "не тот пароль")
    assert attempt(client, PASSWORD).status_code == 429
    # The cool-off passes: the failures are older than it.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME)
    assert attempt(client, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_lockout_is_for_that_name_from_that_address_only(client, editor, settings):
    get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "не тот пароль")
    assert attempt(client, PASSWORD).status_code == 429
    assert attempt(client, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302
    client.logout()
    assert attempt(client, PASSWORD, username="chief").status_code == 302


def test_addresses_behind_nginx_are_counted_separately(client, editor, settings):
    # nginx on the same host passes the reader's address in X-Forwarded-For.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "не тот пароль", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert (
        attempt(client, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code
        == 429
    )
    assert (
        attempt(client, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code
        == 302
    )


def test_a_forged_forwarded_address_from_outside_does_not_escape_the_lockout(client, editor, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "не тот пароль", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    forged = attempt(client, PASSWORD, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert forged.status_code == 429


def test_django_admin_login_is_throttled_too(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/django-admin/login/", {"username": "editor", "password": "не тот пароль"})
    response = client.post("/django-admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "opening"),
    [("ru", "Слишком много неудачных попыток входа"), ("en", "Too many failed sign-in attempts"),
     ("kk", "Кіру әрекеттері тым көп рет сәтсіз болды")],
)  # fmt: skip
def test_lockout_message_is_in_the_active_language_and_names_the_cool_off(language, opening, settings):
    from django.utils import translation

    from vestnik.security.login import lockout_message

    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
    with translation.override(language):
        message = lockout_message()
    assert message.startswith(opening)
    assert "30" in message
