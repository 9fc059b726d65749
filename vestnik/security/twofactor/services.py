"""Devices and codes: who must use a second factor, setting a device up, checking a code,
backup codes, turning it off. Views and the middleware call these; nothing here renders."""

from __future__ import annotations

import datetime as dt
from base64 import b32encode
from dataclasses import dataclass

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Приложение-аутентификатор"
BACKUP_DEVICE_NAME = "Резервные коды"


def twofactor_enabled(user) -> bool:
    """The user has a confirmed device, so the admin asks them for a code after the password."""
    return user_has_device(user, confirmed=True)


def twofactor_required(user) -> bool:
    """VESTNIK_2FA_REQUIRED_FOR names the user: "superusers" for a superuser, or one of
    their groups by name."""
    required_for = set(settings.VESTNIK_2FA_REQUIRED_FOR)
    if not required_for or not user.is_authenticated:
        return False
    if "superusers" in required_for and user.is_superuser:
        return True
    return user.groups.filter(name__in=required_for - {"superusers"}).exists()


def totp_device_pending(*, user) -> TOTPDevice:
    """The device being set up: unconfirmed, kept between page loads so the QR code stays the
    same until the editor confirms it with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_secret(device: TOTPDevice) -> str:
    """The key as people type it into an authenticator app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI, made here (no request leaves the server); the admin's
    Content-Security-Policy allows data: images."""
    return segno.make(text, error="m", micro=False).svg_data_uri(scale=5, border=4, dark="#000")


@dataclass(frozen=True)
class CodeCheck:
    """What checking a code found: the device that accepted it, or how many wrong codes in a
    row the device has seen and, while it is throttled, when the next attempt is allowed."""

    device: Device | None
    failures: int = 0
    retry_at: dt.datetime | None = None

    @property
    def accepted(self) -> bool:
        return self.device is not None

    @property
    def retry_in_seconds(self) -> int:
        if self.retry_at is None:
            return 0
        return max(1, int((self.retry_at - timezone.now()).total_seconds() + 0.999))


def normalized(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def device_check(device: Device, code: str) -> CodeCheck:
    allowed, info = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(device=None, failures=info["failure_count"], retry_at=info.get("locked_until"))
    if device.verify_token(code):
        return CodeCheck(device=device)
    return CodeCheck(device=None, failures=device.throttling_failure_count)


@transaction.atomic
def code_check(*, user, code: str) -> CodeCheck:
    """Checks a code against the user's confirmed devices: six digits against the TOTP app,
    anything else against the backup codes (each works once). A wrong code counts against
    that device's throttle (django-otp doubles the wait after each one: 1 s, 2 s, 4 s…)."""
    code = normalized(code)
    totp = TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update().first()
    static = StaticDevice.objects.devices_for_user(user, confirmed=True).select_for_update().first()
    looks_like_totp = code.isdigit() and len(code) == (totp.digits if totp else 6)
    candidates = (totp, static) if looks_like_totp else (static, totp)
    device = next((candidate for candidate in candidates if candidate is not None), None)
    if device is None:
        return CodeCheck(device=None)
    return device_check(device, code)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, code: str) -> CodeCheck:
    """Confirms the pending device if the code is its current one; a wrong code counts against
    its throttle like any other. Other unconfirmed devices of the user are dropped."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    check = device_check(device, normalized(code))
    if check.accepted:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return check


@transaction.atomic
def backup_codes_issue(*, user, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """New single-use backup codes for the user; any earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": BACKUP_DEVICE_NAME, "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def twofactor_disable(*, user) -> None:
    """Removes every device of the user: the admin no longer asks them for a code."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
