"""Excerpts that end at a word boundary, and plain text out of HTML."""

from __future__ import annotations

import html
import re

ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|div|figcaption)>|<br\s*/?>", re.I)
_SENTENCE_END = re.compile(r"[.!?…][»”\")]?(?=\s)")
# Punctuation that must not dangle before the ellipsis ("в Париж, …").
_TRAILING = " \t,;:—–-«„(\"'"
# Prefer ending on a whole sentence when one ends in the last part of the allowance.
SENTENCE_WINDOW = 0.6


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, one space between blocks."""
    text = _BLOCK_END.sub(" ", markup)
    text = html.unescape(_TAG.sub("", text))
    return _SPACE.sub(" ", text).strip()


def cut_excerpt(text: str, limit: int = 160) -> str:
    """At most ``limit`` characters of ``text``, never cut inside a word.

    Short text comes back untouched (whitespace normalised). Longer text ends on the
    last complete sentence when one ends within the final 40% of the allowance;
    otherwise it is cut at the last word boundary and ends with "…". A single word
    longer than the limit is kept whole rather than split (with "…" when text follows).
    """
    if limit < 1:
        raise ValueError("excerpt limit must be at least 1 character")
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() <= limit]
    if sentence_ends and sentence_ends[-1] >= limit * SENTENCE_WINDOW:
        return window[: sentence_ends[-1]]
    # The ellipsis takes one character; the head must end where a space follows.
    boundary = text.rfind(" ", 0, limit)
    if boundary <= 0:
        first_word = text.split(" ", 1)[0]
        return text if first_word == text else first_word + ELLIPSIS
    return text[:boundary].rstrip(_TRAILING) + ELLIPSIS
