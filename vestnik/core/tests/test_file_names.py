"""Uploaded files' names: never a folder, never a control character, short, in Latin letters."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vestnik.core.text.filenames import safe_file_name


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("Фото Астана 2025.JPG", "foto-astana-2025.jpg"),
        ("Қазақстан жаңалықтары.png", "kazakstan-zhanalyktary.png"),
        ("../../etc/passwd.png", "passwd.png"),
        ("..\\..\\windows\\system.ini.jpg", "system-ini.jpg"),
        ("bad\x00na\x1bme\r\n.png", "bad-na-me.png"),
        ("отчёт.final.v2.webp", "otchet-final-v2.webp"),
        (".htaccess", "htaccess"),
        ("🙂🙂.gif", "file.gif"),
        ("photo.JP\x00G", "photo.jpg"),
        ("", "file"),
    ],
)
def test_file_name_is_made_safe(sent, stored):
    assert safe_file_name(sent) == stored


def test_very_long_name_is_cut_at_a_word_and_keeps_its_extension():
    name = safe_file_name("Очень длинное название фотографии " * 20 + ".jpeg")
    assert len(name) <= 60 + len(".jpeg")
    assert name.startswith("ochen-dlinnoe-nazvanie-fotografii-")
    assert name.endswith(".jpeg") and "-.jpeg" not in name


SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]{1,10})?")


@given(st.text(max_size=400))
def test_any_name_becomes_a_short_slug_with_an_optional_extension(name):
    stored = safe_file_name(name)
    assert SAFE.fullmatch(stored), stored
    assert len(stored) <= 60 + 11
