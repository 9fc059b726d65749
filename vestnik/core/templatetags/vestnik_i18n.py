"""Links that keep the reader in their language: Russian at /, Kazakh at /kk/, English at /en/."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()


def with_language(path: str, lang: str) -> str:
    if lang == settings.LANGUAGE_CODE:
        return path
    return f"/{lang}{path}"


def strip_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


@register.simple_tag
def url_in_language(path: str) -> str:
    """A site path (e.g. "/politika/") in the reader's current language."""
    return with_language(path or "/", (get_language() or settings.LANGUAGE_CODE).split("-")[0])


@register.simple_tag
def content_lang(language: str | None) -> str:
    """`` lang="kk"`` on an element whose text is in another language than the page's
    interface (an article written in Kazakh on a Russian page), else nothing."""
    from django.utils.safestring import mark_safe

    from vestnik.core.languages import lang_attribute

    return mark_safe(lang_attribute(language))  # noqa: S308 — a code from OG_LOCALES only
