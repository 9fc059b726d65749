"""Editors' passwords: at least 12 characters, not a common one, not only digits, checked
wherever Wagtail's admin sets a password."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

GOOD = "весенний номер редакции"


@pytest.mark.parametrize(
    ("password", "complaint"),
    [
        ("короткий11ч", "как минимум 12 символов"),
        ("password1234", "слишком широко распространён"),
        ("123456789012", "только из цифр"),
    ],
)
def test_weak_password_is_refused_with_the_reason(password, complaint):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(complaint in message for message in refused.value.messages), refused.value.messages


def test_a_long_passphrase_is_accepted():
    validate_password(GOOD)


@pytest.fixture
def admin_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("chief", "chief@example.com", GOOD))
    return client


def new_user(password: str) -> dict:
    return {"username": "reporter", "email": "reporter@example.com", "first_name": "Айгерим",
            "last_name": "Сапарова", "password1": password, "password2": password}  # fmt: skip


def test_admin_refuses_to_create_an_editor_with_a_short_password(admin_client):
    response = admin_client.post("/admin/users/new/", new_user("Короткий1!"))
    assert response.status_code == 200
    assert "как минимум 12 символов" in response.content.decode()
    assert not get_user_model().objects.filter(username="reporter").exists()


def test_admin_creates_an_editor_with_a_long_passphrase(admin_client):
    response = admin_client.post("/admin/users/new/", new_user(GOOD + " два"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert get_user_model().objects.get(username="reporter").check_password(GOOD + " два")


def test_editor_cannot_change_their_password_to_a_short_one(admin_client):
    response = admin_client.post(
        "/admin/account/",
        {"password-old_password": GOOD, "password-new_password1": "Короткий1!",
         "password-new_password2": "Короткий1!"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "как минимум 12 символов" in response.content.decode()
    assert get_user_model().objects.get(username="chief").check_password(GOOD)
