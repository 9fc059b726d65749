"""Two-factor authentication for the admin (django-otp): setting a TOTP device up, the code
step after the password, wrong codes, backup codes, requiring it, turning it off."""

import datetime as dt
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from vestnik.security.twofactor import services, views

PASSWORD = "верный пароль редакции 2025"
LOGIN = "/admin/login/"
SETUP = "/admin/2fa/"
VERIFY = "/admin/2fa/verify/"


def current_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the editor's app shows now (or a step later: a code works once per step)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    right = {current_code(device, steps) for steps in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in right)


def after_the_wait() -> None:
    """django-otp makes the editor wait after a wrong code (1 s, 2 s, 4 s…): let it pass."""
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - dt.timedelta(hours=1))


def sign_in(client, username="editor", path=LOGIN):
    response = client.post(path, {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password step failed"
    return response


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="телефон", confirmed=True)


@pytest.fixture
def reporter(db):
    """An editor who is not a superuser: Wagtail's "Editors" group gives admin access."""
    user = get_user_model().objects.create_user("reporter", "reporter@example.com", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


# Setting it up


def test_setup_page_shows_a_qr_code_and_the_secret_without_confirming_anything(client, editor):
    client.force_login(editor)
    response = client.get(SETUP)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="data:image/svg+xml' in html  # made on the server, allowed by the admin's CSP
    pending = TOTPDevice.objects.get(user=editor)
    assert not pending.confirmed
    assert services.totp_secret(pending) in html
    assert client.get(SETUP).content.decode().count(services.totp_secret(pending)) == 1  # same key on reload
    assert not services.twofactor_enabled(editor)


def test_a_wrong_code_does_not_confirm_the_device(client, editor):
    client.force_login(editor)
    client.get(SETUP)
    pending = TOTPDevice.objects.get(user=editor)
    response = client.post(SETUP, {"code": wrong_code(pending)})
    assert response.status_code == 200
    assert "Неверный код" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert not services.twofactor_enabled(editor)


def test_the_right_code_confirms_the_device_and_shows_backup_codes(client, editor):
    client.force_login(editor)
    client.get(SETUP)
    pending = TOTPDevice.objects.get(user=editor)
    response = client.post(SETUP, {"code": current_code(pending)})
    assert response.status_code == 200
    assert TOTPDevice.objects.get(user=editor).confirmed
    codes = list(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert len(codes) == services.BACKUP_CODE_COUNT
    assert all(code in response.content.decode() for code in codes)
    # This session has just proved it holds the phone: the admin stays open.
    assert client.get("/admin/").status_code == 200


def test_account_settings_link_to_the_two_factor_page(client, editor):
    client.force_login(editor)
    assert f'href="{SETUP}"' in client.get("/admin/account/").content.decode()


# The code step after the password


def test_an_editor_with_a_device_gets_no_admin_page_until_the_code(client, device):
    sign_in(client)
    for path in ("/admin/", "/admin/pages/", "/admin/account/", SETUP, "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path
    verify_page = client.get(VERIFY)
    assert verify_page.status_code == 200
    assert 'name="code"' in verify_page.content.decode()

    response = client.post(f"{VERIFY}?next=/admin/pages/", {"code": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_code_is_refused(client, device):
    sign_in(client)
    response = client.post(VERIFY, {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "Неверный код" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_repeated_wrong_codes_are_counted_then_throttled(client, device):
    sign_in(client)
    client.post(VERIFY, {"code": wrong_code(device)})
    after_the_wait()
    second = client.post(VERIFY, {"code": wrong_code(device)})
    assert "Неверных кодов подряд: 2" in second.content.decode()
    # No wait this time: django-otp does not even check the next code, the right one included.
    throttled = client.post(VERIFY, {"code": current_code(device)})
    assert throttled.status_code == 429
    assert "Слишком много неверных кодов подряд (2)" in throttled.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    after_the_wait()
    assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_up_to_the_login_limit_sign_out_and_lock_the_name(client, device, settings):
    settings.AXES_FAILURE_LIMIT = 3
    sign_in(client)
    for _ in range(2):
        assert client.post(VERIFY, {"code": wrong_code(device)}).status_code == 200
        after_the_wait()
    locked = client.post(VERIFY, {"code": wrong_code(device)})
    assert locked.status_code == 429
    assert "Слишком много неудачных попыток входа" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}).status_code == 429


def test_a_backup_code_works_once(client, device, editor):
    code = services.backup_codes_issue(user=editor)[0]
    sign_in(client)
    assert client.post(VERIFY, {"code": code.upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")

    sign_in(client)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "Неверный код" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    assert services.backup_codes_left(editor) == services.BACKUP_CODE_COUNT - 1


def test_django_admin_login_is_no_way_around_the_code(client, device):
    sign_in(client, path="/django-admin/login/")
    for path in ("/django-admin/", "/django-admin/auth/user/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path


def test_an_unverified_editor_cannot_set_up_a_second_device(client, device, editor):
    sign_in(client)
    response = client.post(SETUP, {"code": "123456"})
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=editor).count() == 1


# Optional unless required


def test_an_editor_without_a_device_is_not_asked_for_a_code(client, editor):
    sign_in(client)
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_required_for_superusers_sends_a_superuser_without_a_device_to_set_up(
    client, editor, reporter, settings
):
    settings.VESTNIK_2FA_REQUIRED_FOR = ["superusers"]
    sign_in(client)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2Fpages%2F"
    assert "обязательна" in client.get(SETUP).content.decode()
    client.post("/admin/logout/")

    sign_in(client, username="reporter")
    assert client.get("/admin/pages/").status_code == 200


def test_required_for_a_group_sends_its_members_to_set_up(client, reporter, settings):
    settings.VESTNIK_2FA_REQUIRED_FOR = ["Editors"]
    sign_in(client, username="reporter")
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_a_required_superuser_gets_in_once_the_device_is_confirmed(client, editor, settings):
    settings.VESTNIK_2FA_REQUIRED_FOR = ["superusers"]
    sign_in(client)
    client.get(SETUP)
    client.post(SETUP, {"code": current_code(TOTPDevice.objects.get(user=editor))})
    assert client.get("/admin/").status_code == 200


# Turning it off


def test_turning_it_off_needs_a_current_code(client, device, editor):
    client.force_login(editor)
    client.post(VERIFY, {"code": current_code(device)})
    assert client.get(SETUP).status_code == 200  # the status page

    refused = client.post("/admin/2fa/disable/", {"code": wrong_code(device)}, follow=True)
    assert "Неверный код" in refused.content.decode()
    assert services.twofactor_enabled(editor)
    after_the_wait()

    client.post("/admin/2fa/disable/", {"code": current_code(device, steps_ahead=1)})
    assert not services.twofactor_enabled(editor)
    assert not TOTPDevice.objects.filter(user=editor).exists()
    client.post("/admin/logout/")
    sign_in(client)
    assert client.get("/admin/").status_code == 200


# Messages in the editor's language


@pytest.mark.parametrize(
    ("language", "wrong", "throttled"),
    [
        ("ru", "Неверный код. Неверных кодов подряд: 3", "Слишком много неверных кодов подряд (3)"),
        ("en", "Wrong code. Wrong codes in a row: 3", "Too many wrong codes in a row (3)"),
        ("kk", "Код қате. Қатарынан қате кодтар: 3", "Қатарынан тым көп қате код (3)"),
    ],
)
def test_refusals_are_in_the_active_language(language, wrong, throttled):
    retry_at = timezone.now() + dt.timedelta(seconds=4)
    with translation.override(language):
        assert views.refusal_message(services.CodeCheck(device=None, failures=3)).startswith(wrong)
        message = views.refusal_message(services.CodeCheck(device=None, failures=3, retry_at=retry_at))
    assert message.startswith(throttled)
    assert "4" in message.split(")", 1)[1]


def test_the_code_step_speaks_the_editors_admin_language(client, device, editor):
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "en"})
    sign_in(client)
    response = client.post(VERIFY, {"code": wrong_code(device)})
    assert "Wrong code." in response.content.decode()
