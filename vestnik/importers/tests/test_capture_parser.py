"""The capture format parser: pure, no database."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vestnik.importers.capture import decode, parse_age, parse_capture
from vestnik.importers.exceptions import ParseError, SourceError

SEED = Path(__file__).resolve().parents[2] / "demo" / "data" / "seed" / "000_30cfd75c4d8bef58.txt"


def test_seed_page_parses_into_rubric_title_paragraphs_byline_and_six_recent_posts():
    page = parse_capture(SEED.read_text(encoding="utf-8"), "seed")
    assert page.rubrics == ["Политика"]
    assert page.title.startswith("Жена депортированного из Казахстана")
    assert page.byline == "Ануар Нурпеисов"
    assert page.lead.startswith("Жена офицера Федеральной службы безопасности")
    assert len(page.paragraphs) == 8
    assert page.body_paragraphs[-1].startswith("Жена Жилина опасается")
    assert [p.age for p in page.recent_posts] == [dt.timedelta(hours=14)] + [dt.timedelta(days=2)] * 5
    assert page.recent_posts[0].title.startswith("80 лет служения искусству")
    assert page.recent_posts[0].excerpt.endswith("академический…")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 часов ago", dt.timedelta(hours=14)),
        ("1 час назад", dt.timedelta(hours=1)),
        ("2 дня ago", dt.timedelta(days=2)),
        ("5 дней назад", dt.timedelta(days=5)),
        ("21 минуту назад", dt.timedelta(minutes=21)),
        ("3 недели назад", dt.timedelta(weeks=3)),
        ("14 сағат бұрын", dt.timedelta(hours=14)),
        ("2 күн бұрын", dt.timedelta(days=2)),
        ("3 hours ago", dt.timedelta(hours=3)),
        ("вчера", dt.timedelta(days=1)),
        ("только что", dt.timedelta(0)),
    ],
)
def test_relative_times_in_ru_kk_en_and_the_seeds_mixed_form(text, expected):
    assert parse_age(text) == expected


@pytest.mark.parametrize("text", ["давно", "14 попугаев назад", "ago", "", "часов 14 назад"])
def test_unknown_relative_times_are_not_guessed(text):
    assert parse_age(text) is None


MALFORMED = {
    "empty file": ("", 1, "empty"),
    "no rubric line": ("Заголовок\n\nАбзац.\n\nИван Петров\n", 1, "Categories:"),
    "rubric line without a rubric": ("Categories:\n\nЗаголовок\n\nАбзац.\n\nИван Петров\n", 1, "no rubric"),
    "only the rubric line": ("Categories: Политика\n", 2, "title"),
    "title but no paragraph": ("Categories: Политика\n\nЗаголовок\n", 4, "paragraph"),
    "no byline": ("Categories: Политика\n\nЗаголовок\n\nАбзац один.\n\nАбзац два, и он длинный.\n", 7, "byline"),
    "recent post without its time": (
        "Categories: Политика\n\nЗаголовок\n\nАбзац.\n\nИван Петров\n\nRecent Posts\n\nНовость\n\nОтрывок…\n",
        14, "relative time"),
    "recent post with a bad time": (
        "Categories: Политика\n\nЗаголовок\n\nАбзац.\n\nИван Петров\n\nRecent Posts\n\nНовость\n\nОтрывок…\n\nкогда-то\n",
        15, "relative time"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_capture_names_the_line_and_what_was_expected(case):
    text, line, words = MALFORMED[case]
    with pytest.raises(ParseError) as info:
        parse_capture(text, "bad.txt")
    assert info.value.line == line
    assert words in str(info.value)
    assert str(info.value).startswith(f"bad.txt, line {line}:")


def test_non_utf8_file_names_the_line_of_the_first_bad_byte():
    data = "Categories: Политика\n\nЗаголовок\n".encode() + "Абзац".encode("cp1251")
    with pytest.raises(ParseError, match="line 4: the file is not UTF-8"):
        decode(data, "cp1251.txt")


def test_binary_file_is_refused():
    with pytest.raises(SourceError, match="binary"):
        parse_capture("Categories: A\x00\x00", "x.bin")


def test_rubric_line_followed_directly_by_the_title_still_parses():
    page = parse_capture("Categories: Политика, Общество\nЗаголовок\n\nАбзац.\n\nИван Петров\n")
    assert page.rubrics == ["Политика", "Общество"]
    assert page.title == "Заголовок"


@given(st.text(max_size=400))
def test_parser_either_parses_or_raises_parse_error(text):
    try:
        page = parse_capture(text, "fuzz.txt")
    except SourceError:
        return
    assert page.title and page.byline and page.paragraphs
