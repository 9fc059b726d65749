"""Dates written out in words: "7 ноября 2025", "7 қараша 2025", "7 November 2025"."""

from __future__ import annotations

import datetime as dt

# Russian dates take the genitive month name ("7 ноября").
MONTHS = {
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip


def format_date(value: dt.date, lang: str) -> str:
    """Day, month in words and year, the way each language writes it in news copy."""
    try:
        months = MONTHS[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(MONTHS)}") from None
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_datetime(value: dt.datetime, lang: str) -> str:
    """Date in words and the 24-hour time: "7 ноября 2025, 14:05"."""
    return f"{format_date(value, lang)}, {value:%H:%M}"
