"""Reading time: words at 180 a minute, rounded up, with each language's plural forms."""

import pytest
from django.utils import translation

from vestnik.core.templatetags.vestnik_text import reading_time
from vestnik.core.text.reading import WORDS_PER_MINUTE, count_words, reading_minutes


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Астана", 1),
        ("Из-за снегопада в Астане", 4),  # "из-за" is one word
        ("Жилина, 36-летний офицер — ФСБ.", 4),  # punctuation and dashes are not words
        ("Балаларға арналған 2025-й жыл", 4),
        ("O’Brien said it's fine", 4),
    ],
)
def test_words_are_counted_with_inner_hyphens_and_apostrophes(text, words):
    assert count_words(text) == words


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 1), (1, 1), (WORDS_PER_MINUTE, 1), (WORDS_PER_MINUTE + 1, 2), (WORDS_PER_MINUTE * 5, 5),
     (WORDS_PER_MINUTE * 21 - 3, 21)],
)  # fmt: skip
def test_minutes_are_rounded_up_and_never_zero(words, minutes):
    assert reading_minutes(" ".join(["слово"] * words)) == minutes


def test_a_rate_that_is_not_positive_is_refused_by_name():
    with pytest.raises(ValueError, match="words_per_minute must be positive, got 0"):
        reading_minutes("слово", words_per_minute=0)


def body_of(minutes: int) -> str:
    """An article body (HTML) that takes exactly ``minutes`` to read."""
    words = ["слово"] * (WORDS_PER_MINUTE * minutes)
    return "<p>" + " ".join(words[:50]) + "</p><p>" + " ".join(words[50:]) + "</p>"


@pytest.mark.parametrize(
    ("lang", "minutes", "expected"),
    [
        ("ru", 1, "1 минута чтения"),
        ("ru", 2, "2 минуты чтения"),
        ("ru", 4, "4 минуты чтения"),
        ("ru", 5, "5 минут чтения"),
        ("ru", 11, "11 минут чтения"),
        ("ru", 21, "21 минута чтения"),
        ("ru", 22, "22 минуты чтения"),
        ("kk", 1, "1 минут оқу"),
        ("kk", 5, "5 минут оқу"),
        ("en", 1, "1 min read"),
        ("en", 5, "5 min read"),
    ],
)
def test_reading_time_is_said_in_the_readers_language(lang, minutes, expected):
    with translation.override(lang):
        html = reading_time("", body_of(minutes))
    assert html == f'<span class="reading-time">{expected}</span>'


def test_the_lead_counts_and_markup_does_not():
    lead = " ".join(["слово"] * 10)
    body = '<p class="' + "x " * 500 + '">' + " ".join(["слово"] * (WORDS_PER_MINUTE - 5)) + "</p>"
    with translation.override("ru"):
        assert reading_time("", body) == '<span class="reading-time">1 минута чтения</span>'
        assert reading_time(lead, body) == '<span class="reading-time">2 минуты чтения</span>'
