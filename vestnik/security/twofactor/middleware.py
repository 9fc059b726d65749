"""Keeps an editor who still owes a code out of the admin.

After django-otp's OTPMiddleware has said whether this session passed the code step
(``request.user.is_verified()``), a signed-in user with a confirmed device gets no page of
Wagtail's admin or Django's until they have entered a code: they are sent to the code form.
A user whom VESTNIK_2FA_REQUIRED_FOR names and who has no device yet is sent to the set-up
page. Everyone else passes: for them two-factor is optional. The login, logout, password
reset, the admin's sprite and translation catalogue stay open; static files are not under
these prefixes at all.
"""

from __future__ import annotations

from functools import lru_cache

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import services


@lru_cache(maxsize=1)
def guarded_prefixes() -> tuple[str, ...]:
    return (reverse("wagtailadmin_home"), reverse("admin:index"))


@lru_cache(maxsize=1)
def open_paths() -> frozenset[str]:
    return frozenset(
        {
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_sprite"),
            reverse("wagtailadmin_javascript_catalog"),
            reverse("admin:login"),
            reverse("admin:logout"),
        }
    )


def is_open(path: str) -> bool:
    return path in open_paths() or path.startswith(reverse("wagtailadmin_password_reset"))


def redirect_with_next(url_name: str, request):
    return redirect(f"{reverse(url_name)}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if not path.startswith(guarded_prefixes()) or is_open(path):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        if services.twofactor_enabled(user):
            if path != reverse("vestnik_2fa_verify"):
                return redirect_with_next("vestnik_2fa_verify", request)
        elif services.twofactor_required(user):
            if path != reverse("vestnik_2fa"):
                return redirect_with_next("vestnik_2fa", request)
        return self.get_response(request)
