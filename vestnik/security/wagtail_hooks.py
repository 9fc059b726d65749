from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks

from .twofactor import views


@hooks.register("register_admin_urls")
def twofactor_urls():
    return [
        path("2fa/", views.TwoFactorView.as_view(), name="vestnik_2fa"),
        path("2fa/verify/", views.verify, name="vestnik_2fa_verify"),
        path("2fa/backup-codes/", views.backup_codes, name="vestnik_2fa_backup_codes"),
        path("2fa/disable/", views.disable, name="vestnik_2fa_disable"),
    ]


@hooks.register("register_account_menu_item")
def twofactor_account_item(request):
    return {
        "url": reverse("vestnik_2fa"),
        "label": _("Двухфакторная защита"),
        "help_text": _("Код из приложения на телефоне после пароля при входе в админку."),
    }


@hooks.register("insert_global_admin_js")
def admin_calls_without_inline_scripts():
    """Makes the calls that Wagtail writes as inline scripts and Vestnik as data
    (vestnik/security/admin_scripts.py): the admin's policy allows no inline script."""
    return format_html('<script src="{}"></script>', static("js/admin-csp.js"))
