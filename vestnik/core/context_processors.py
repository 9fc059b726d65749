"""What every public page's frame (header, menu, footer) needs."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from vestnik.core.languages import OG_LOCALES, language_links


def site_chrome(request):
    from vestnik.news import selectors

    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        # Lazy: admin pages use this context processor too but never show the menu.
        "menu_rubrics": SimpleLazyObject(lambda: [r for r in selectors.menu_rubrics() if r.top_level]),
        "site_settings": SimpleLazyObject(selectors.site_settings),
        "breaking": SimpleLazyObject(selectors.breaking_news),
        # An article page with translations replaces these (ArticlePage.get_context).
        "language_links": language_links(request.path),
        # The interface's language; an article gives its own text's (ArticlePage.get_context).
        "og_locale": OG_LOCALES.get(get_language(), "ru_RU"),
    }
