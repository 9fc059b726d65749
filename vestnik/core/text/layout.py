"""Text typed with the wrong keyboard layout: "ghtpbltyn" was meant as "президент"."""

from __future__ import annotations

_LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_CYRILLIC = "йцукенгшщзхъфывапролджэячсмитьбюё"
# Shift gives capitals on letter keys only: "[" and "," have no upper case of their own.
_PAIRS = list(zip(_LATIN, _CYRILLIC, strict=True))
_PAIRS += [(a.upper(), b.upper()) for a, b in _PAIRS if a.isalpha()]
_TO_CYRILLIC = str.maketrans({a: b for a, b in _PAIRS})
_TO_LATIN = str.maketrans({b: a for a, b in _PAIRS})


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
