"""The admin's two-factor pages: set-up and status (/admin/2fa/), the code step after the
password (/admin/2fa/verify/), new backup codes and turning it off."""

from __future__ import annotations

import logging

import django_otp
from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..login import client_ip
from . import services
from .forms import CodeForm, TotpCodeForm

logger = logging.getLogger("vestnik.security")

THROTTLED_STATUS = 429


def refusal_message(check: services.CodeCheck) -> str:
    """What the editor reads after a code was not accepted: wrong, wrong again (with the count),
    or not checked at all because the device is throttled."""
    if check.retry_at is not None:
        return _(
            "Слишком много неверных кодов подряд (%(count)s). Код не проверен: следующую попытку "
            "можно сделать через %(seconds)s с."
        ) % {"count": check.failures, "seconds": check.retry_in_seconds}
    if check.failures > 1:
        return _(
            "Неверный код. Неверных кодов подряд: %(count)s. Проверьте, что время на телефоне "
            "точное, и введите код, который приложение показывает сейчас."
        ) % {"count": check.failures}
    return _("Неверный код. Введите код, который приложение показывает сейчас.")


def refused(request, check: services.CodeCheck) -> int:
    """Shows the refusal, logs it and gives the status for the answer."""
    messages.error(request, refusal_message(check))
    logger.warning(
        "two-factor: code refused for %s (%s in a row%s)",
        request.user.get_username(),
        check.failures,
        ", throttled" if check.retry_at else "",
    )
    return THROTTLED_STATUS if check.retry_at else 200


def safe_next(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Set-up while the editor has no device (QR code, the secret as text, a code to confirm),
    then the status, backup codes and turning it off."""

    page_title = gettext_lazy("Двухфакторная защита")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_template_names(self):
        if services.twofactor_enabled(self.request.user):
            return ["security/twofactor/status.html"]
        return ["security/twofactor/setup.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["required"] = services.twofactor_required(user)
        context["next"] = safe_next(self.request)
        if services.twofactor_enabled(user):
            context["backup_codes_left"] = services.backup_codes_left(user)
            context.setdefault("form", CodeForm())
        else:
            device = services.totp_device_pending(user=user)
            context["qr_code"] = services.qr_code_data_uri(device.config_url)
            context["secret"] = services.totp_secret(device)
            context.setdefault("form", TotpCodeForm())
        return context

    def post(self, request):
        """Confirms the device being set up with a current code."""
        if services.twofactor_enabled(request.user):
            return redirect("vestnik_2fa")
        form = TotpCodeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        device = services.totp_device_pending(user=request.user)
        check = services.totp_device_confirm(device=device, code=form.cleaned_data["code"])
        if not check.accepted:
            status = refused(request, check)
            return self.render_to_response(self.get_context_data(form=TotpCodeForm()), status=status)
        django_otp.login(request, check.device)
        messages.success(request, _("Двухфакторная защита включена."))
        return backup_codes_page(request, services.backup_codes_issue(user=request.user))


def backup_codes_page(request, codes: list[str]):
    context = {
        "page_title": _("Резервные коды"),
        "header_icon": "key",
        "codes": codes,
        "next": safe_next(request),
    }
    return render(request, "security/twofactor/backup_codes.html", context)


@require_POST
def backup_codes(request):
    """A fresh set of backup codes, shown once; the earlier ones stop working."""
    if not services.twofactor_enabled(request.user):
        return redirect("vestnik_2fa")
    return backup_codes_page(request, services.backup_codes_issue(user=request.user))


@require_POST
def disable(request):
    """Turns two-factor off, if the editor gives a current code (or a backup code)."""
    form = CodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Введите код, чтобы выключить двухфакторную защиту."))
        return redirect("vestnik_2fa")
    check = services.code_check(user=request.user, code=form.cleaned_data["code"])
    if not check.accepted:
        refused(request, check)
        return redirect("vestnik_2fa")
    services.twofactor_disable(user=request.user)
    messages.success(request, _("Двухфакторная защита выключена."))
    return redirect("vestnik_2fa")


def verify(request):
    """The code step after the password. A wrong code counts twice: against the device's
    throttle (django-otp) and as a failed login for django-axes, which after
    VESTNIK_LOGIN_FAILURE_LIMIT of them signs the user out and locks the name out from that
    address, as wrong passwords do."""
    user = request.user
    if user.is_verified() or not services.twofactor_enabled(user):
        return redirect(safe_next(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        check = services.code_check(user=user, code=form.cleaned_data["code"])
        if check.accepted:
            django_otp.login(request, check.device)
            axes_reset(ip=client_ip(request), username=user.get_username())
            return redirect(safe_next(request))
        status = refused(request, check)
        if check.retry_at is None:
            user_login_failed.send(
                sender=__name__, credentials={"username": user.get_username()}, request=request
            )
            if getattr(request, "axes_locked_out", False):
                # AxesMiddleware answers with the lockout page (vestnik.security.login).
                logout(request)
        form = CodeForm()
    context = {"form": form, "next": safe_next(request)}
    return render(request, "security/twofactor/verify.html", context, status=status)
