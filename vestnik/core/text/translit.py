"""Transliteration of Russian and Kazakh titles into URL slugs.

Three tables are offered; a site picks one in its settings (``NewsSiteSettings.slug_table``):

``news`` (default)
    The convention of most Russian-language news sites: ж→zh, х→kh, ц→ts, ч→ch, ш→sh,
    щ→shch, ю→yu, я→ya, й→y, ы→y, ё→e, э→e; ъ and ь are dropped.
``gost_b``
    GOST 7.79-2000 system B in its form for URLs (the standard's own recommendation):
    ё→yo, й→j, х→x, щ→shh, ц→c before е/и/ы/й and cz elsewhere; the apostrophe
    marks of ъ, ь, ы (y'), э (e') are dropped, as the standard allows for URLs.
``kazakh_latin``
    The Kazakh Latin alphabet of 2021 (ä ğ q ñ ö ū ü ş ı), folded to ASCII for URLs
    (ä→a, ğ→g, ñ→n, ö→o, ū→u, ü→u, ı→i, ş→sh, ç→ch): қ stays q, so Қазақстан → qazaqstan.

Every table handles the Kazakh letters ә ғ қ ң ө ұ ү һ і. Characters outside the
tables (other scripts, accented Latin) fall back to an ASCII approximation; emoji and
other symbols are dropped.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_RU_NEWS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip
# Kazakh letters in Russian-language news URLs: the plain Latin base letter.
_KK_IN_NEWS = {
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "і": "i",
}  # fmt: skip

_GOST_B = {
    **_RU_NEWS,
    "ё": "yo", "й": "j", "х": "x", "ц": "cz", "щ": "shh", "ъ": "", "ь": "", "ы": "y",
    "э": "e",
    # GOST 7.79 B marks these with an apostrophe (a`, g`, ...), dropped in URLs.
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "і": "i",
}  # fmt: skip

_KAZAKH_LATIN_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ç", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip
# Diacritics of the 2021 alphabet, folded for ASCII URLs.
_KAZAKH_LATIN_ASCII = {
    "ä": "a", "ğ": "g", "ñ": "n", "ö": "o", "ū": "u", "ü": "u", "ı": "i", "ş": "sh",
    "ç": "ch",
}  # fmt: skip

TABLES: dict[str, dict[str, str]] = {
    "news": {**_RU_NEWS, **_KK_IN_NEWS},
    "gost_b": _GOST_B,
    "kazakh_latin": {
        cyr: "".join(_KAZAKH_LATIN_ASCII.get(ch, ch) for ch in lat) for cyr, lat in _KAZAKH_LATIN_2021.items()
    },
}
DEFAULT_TABLE = "news"
TABLE_LABELS = {
    "news": "Новостной стандарт (zh, kh, ts, ch, sh, shch, yu, ya)",
    "gost_b": "ГОСТ 7.79-2000, система Б",
    "kazakh_latin": "Казахский латинский алфавит 2021 года",
}
_GOST_C_BEFORE = set("еиыйeiyj")

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def transliterate(text: str, table: str = DEFAULT_TABLE) -> str:
    """Lowercase ``text`` and write it in Latin letters with the named table."""
    try:
        mapping = TABLES[table]
    except KeyError:
        raise ValueError(f"unknown transliteration table {table!r}; choose one of {sorted(TABLES)}") from None
    lowered = text.lower()
    out: list[str] = []
    for i, ch in enumerate(lowered):
        if table == "gost_b" and ch == "ц":
            following = lowered[i + 1 : i + 2]
            out.append("c" if following in _GOST_C_BEFORE else "cz")
        elif ch in mapping:
            out.append(mapping[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            out.append(_ascii_fallback(ch))
    return "".join(out)


def _ascii_fallback(ch: str) -> str:
    if not ch.isalnum():
        return " "  # emoji and symbols say nothing in a URL
    decomposed = unicodedata.normalize("NFKD", ch)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped.isascii():
        return stripped
    return anyascii(ch).lower()


def make_slug(text: str, table: str = DEFAULT_TABLE, max_length: int = 80) -> str:
    """A URL slug of ASCII letters, digits and single hyphens, cut at a hyphen.

    Returns an empty string when ``text`` has nothing that can be written in Latin
    letters (e.g. only emoji); callers choose their own fallback then.
    """
    slug = _NON_SLUG.sub("-", transliterate(text, table)).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-")
