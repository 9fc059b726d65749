"""How long an article takes to read, from its words."""

from __future__ import annotations

import math
import re

# Silent reading of Russian news prose by adults runs near 180 words a minute (Russian words are
# longer than English ones, whose usual figure is 230–250); Kazakh words are longer still, so
# one rate for every language errs, if anything, towards a shorter estimate for Russian and
# English. docs/design.md, "Reading time".
WORDS_PER_MINUTE = 180

# A word: letters or digits, with inner hyphens and apostrophes ("из-за", "О'Брайен", "2025-й").
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    """The number of words in plain text (markup already removed)."""
    return sum(1 for _ in WORD.finditer(text))


def reading_minutes(text: str, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes to read ``text``, rounded up, and never less than one."""
    if words_per_minute <= 0:
        raise ValueError(f"words_per_minute must be positive, got {words_per_minute}")
    return max(1, math.ceil(count_words(text) / words_per_minute))
