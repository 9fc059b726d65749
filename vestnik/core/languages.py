"""The language switcher's links and the content-language helpers every page uses.

A link normally leads to the same page in another interface language (Russian at /,
Kazakh at /kk/, English at /en/). An article page replaces a language's link with the
article's translation into that language, when one is published (news/selectors.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop

from vestnik.core.templatetags.vestnik_i18n import strip_language, with_language

# Read out after the language's name when its link leads to the article in that language:
# "Қазақша, материал қазақ тілінде". Translated in the link's own language (it is marked
# lang="kk" as a whole).
_IN_LANGUAGE = {
    "ru": gettext_noop("материал на русском"),
    "kk": gettext_noop("материал на казахском"),
    "en": gettext_noop("материал на английском"),
}
OG_LOCALES = {"ru": "ru_RU", "kk": "kk_KZ", "en": "en_US"}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool  # this very page, in the language the reader has now
    hint: str = ""  # set when the link leads to the article's translation

    def __iter__(self) -> Iterator:
        # Templates written for the earlier (code, name, url, current) tuples still unpack it.
        return iter((self.code, self.name, self.url, self.current))


def interface_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def language_links(request_path: str, *, translations: Mapping[str, str] | None = None) -> list[LanguageLink]:
    """One link per interface language. ``translations``: language → site path (without a
    language prefix) of the same article in that language; such a link goes there, shown
    with the interface in that language."""
    current = interface_language()
    path = strip_language(request_path)
    translations = translations or {}
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            with translation.override(code):
                hint = translation.gettext(_IN_LANGUAGE.get(code, ""))
            links.append(LanguageLink(code, name, with_language(translations[code], code), False, hint))
        else:
            links.append(LanguageLink(code, name, with_language(path, code), code == current))
    return links


def lang_attribute(language: str | None) -> str:
    """`` lang="kk"`` for content written in another language than the interface's, else ""."""
    if not language or language == interface_language():
        return ""
    return f' lang="{language}"' if language in OG_LOCALES else ""
