"""Plural forms after a number in Russian, Kazakh and English."""

from __future__ import annotations

LANGUAGES = ("ru", "kk", "en")


def plural_category(n: int, lang: str) -> str:
    """The CLDR plural category of an integer: ``one``, ``few`` or ``many`` / ``other``.

    Russian: 1, 21, 101 → one; 2–4, 22–24 → few; 0, 5–20, 11–14, 111–114 → many.
    Kazakh nouns do not change after a numeral (14 сағат), so everything is ``other``.
    English: 1 → one, everything else → other.
    """
    n = abs(n)
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    if lang == "kk":
        return "other"
    if lang == "en":
        return "one" if n == 1 else "other"
    raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")


def plural(n: int, forms: dict[str, str], lang: str) -> str:
    """Pick the word form for ``n`` from ``forms`` keyed by plural category."""
    category = plural_category(n, lang)
    return forms.get(category) or forms["other"]
