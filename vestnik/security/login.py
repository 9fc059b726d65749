"""Login throttling with django-axes: which address a login comes from, and what a
locked-out editor sees (vestnik.settings.base, AXES_*)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.account import get_user_login_form, password_reset_enabled

LOCKED_OUT_STATUS = 429


def client_ip(request) -> str:
    """The reader's address: nginx's X-Forwarded-For when the request came through a trusted
    proxy (nginx replaces the header, so its last entry is the one it wrote), else the peer."""
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and peer in settings.VESTNIK_TRUSTED_PROXIES:
        return forwarded.split(",")[-1].strip()
    return peer


def lockout_message() -> str:
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return _(
        "Слишком много неудачных попыток входа. Вход под этим именем с вашего адреса закрыт "
        "на %(minutes)s мин., даже с верным паролем. Попробуйте позже или попросите "
        "администратора снять блокировку."
    ) % {"minutes": minutes}


def locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """Wagtail's login page again, with the reason and status 429; plain text elsewhere."""
    message = lockout_message()
    # The admin's login and its code step (too many wrong codes lock the name out, too).
    if request.path not in (reverse("wagtailadmin_login"), reverse("vestnik_2fa_verify")):
        return HttpResponse(message, status=LOCKED_OUT_STATUS, content_type="text/plain; charset=utf-8")
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    messages.error(request, message)
    context = {
        "form": get_user_login_form()(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "show_password_reset": password_reset_enabled(),
    }
    return render(request, "wagtailadmin/login.html", context, status=LOCKED_OUT_STATUS)
