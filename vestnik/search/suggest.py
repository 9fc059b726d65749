""" "Did you mean": the other keyboard layout, or the nearest word in the index.

A suggestion is offered only when searching for it finds something. Misspellings are
corrected to the most frequent word of the index's vocabulary (SearchWord) within one
edit — a letter missing, extra, wrong, or two letters swapped — which covers most typos
and needs one indexed lookup instead of a scan of the vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable

from vestnik.core.text.layout import swap_layout

from .models import SearchWord
from .query import ParsedQuery, QueryError, parse_query

_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
MAX_WORD = 30


def edits(word: str) -> set[str]:
    """Every string one edit away from ``word``, in the word's own alphabet."""
    alphabet = _CYRILLIC if any(c in _CYRILLIC for c in word) else _LATIN
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in alphabet}
    inserts = {a + c + b for a, b in splits for c in alphabet}
    return (deletes | swaps | replaces | inserts) - {word}


def _known(forms: set[str]) -> dict[str, int]:
    return dict(SearchWord.objects.filter(word__in=forms, documents__gt=0).values_list("word", "documents"))


def correct_word(word: str) -> str | None:
    if len(word) > MAX_WORD or word.isdigit() or _known({word}):
        return None
    candidates = _known(edits(word))
    return max(candidates, key=lambda w: (candidates[w], w)) if candidates else None


def suggest(text: str, query: ParsedQuery | None, finds: Callable[[ParsedQuery], bool]) -> str | None:
    """A better query than ``text`` that finds something, or None."""
    swapped = swap_layout(text)
    if swapped:
        try:
            swapped_query = parse_query(swapped)
        except QueryError:
            swapped_query = None
        if swapped_query and finds(swapped_query):
            return swapped
    if query is None:
        return None
    corrected = text.lower()
    changed = False
    for clause in query.positive:
        for term in clause.terms:
            better = correct_word(term.form)
            if better:
                corrected = corrected.replace(term.form, better)
                changed = True
    if not changed:
        return None
    try:
        corrected_query = parse_query(corrected)
    except QueryError:
        return None
    return corrected if finds(corrected_query) else None
