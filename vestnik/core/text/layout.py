"""Text typed with the wrong keyboard layout: "ghtpbltyn" was meant as "президент"."""

from __future__ import annotations

_LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_CYRILLIC = "йцукенгшщзхъфывапролджэячсмитьбюё"
_TO_CYRILLIC = str.maketrans(_LATIN + _LATIN.upper(), _CYRILLIC + _CYRILLIC.upper())
_TO_LATIN = str.maketrans(_CYRILLIC + _CYRILLIC.upper(), _LATIN + _LATIN.upper())


def swap_layout(text: str) -> str | None:
    """The same keys read in the other layout (ЙЦУКЕН ↔ QWERTY), or None if nothing changes.

    Only text entirely in one layout's letters is swapped: a mix of scripts was typed on
    purpose ("iPhone 15 цена").
    """
    letters = [c for c in text.lower() if c.isalpha() or c in "[];',.`"]
    if not letters:
        return None
    if all(c in _LATIN for c in letters):
        swapped = text.translate(_TO_CYRILLIC)
    elif all(c in _CYRILLIC for c in letters):
        swapped = text.translate(_TO_LATIN)
    else:
        return None
    return swapped if swapped != text else None
