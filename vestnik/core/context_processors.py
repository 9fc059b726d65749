"""What every public page's frame (header, menu, footer) needs."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from vestnik.core.templatetags.vestnik_i18n import strip_language, with_language


def site_chrome(request):
    from vestnik.news import selectors

    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    path = strip_language(request.path)
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        # Lazy: admin pages use this context processor too but never show the menu.
        "menu_rubrics": SimpleLazyObject(lambda: [r for r in selectors.menu_rubrics() if r.top_level]),
        "site_settings": SimpleLazyObject(selectors.site_settings),
        "breaking": SimpleLazyObject(selectors.breaking_news),
        "language_links": [
            (code, name, with_language(path, code), code == current) for code, name in settings.LANGUAGES
        ],
    }
