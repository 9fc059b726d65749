"""Relative times for news lists: "14 часов назад", "14 сағат бұрын", "14 hours ago".

Past times within a day are counted in minutes or hours, then "вчера" for the previous
calendar day, then days up to a week, then the absolute date ("7 ноября 2025"). Russian
counts take the accusative after "назад" / "через" ("1 минуту назад", "через 21 минуту").
Both datetimes must be aware; the calendar day is taken in ``now``'s time zone.
"""

from __future__ import annotations

import datetime as dt

from .dates import format_date
from .plural import plural

UNITS = {
    "ru": {
        "minute": {"one": "минуту", "few": "минуты", "many": "минут"},
        "hour": {"one": "час", "few": "часа", "many": "часов"},
        "day": {"one": "день", "few": "дня", "many": "дней"},
    },
    "kk": {
        "minute": {"other": "минут"},
        "hour": {"other": "сағат"},
        "day": {"other": "күн"},
    },
    "en": {
        "minute": {"one": "minute", "other": "minutes"},
        "hour": {"one": "hour", "other": "hours"},
        "day": {"one": "day", "other": "days"},
    },
}
# Kazakh "in N units" puts the ablative on the noun, with vowel harmony.
_KK_FUTURE = {"minute": "минуттан", "hour": "сағаттан", "day": "күннен"}
PAST = {"ru": "{n} {unit} назад", "kk": "{n} {unit} бұрын", "en": "{n} {unit} ago"}
FUTURE = {"ru": "через {n} {unit}", "kk": "{n} {unit} кейін", "en": "in {n} {unit}"}
JUST_NOW = {"ru": "только что", "kk": "жаңа ғана", "en": "just now"}
YESTERDAY = {"ru": "вчера", "kk": "кеше", "en": "yesterday"}
TOMORROW = {"ru": "завтра", "kk": "ертең", "en": "tomorrow"}

ABSOLUTE_AFTER_DAYS = 7


def count_phrase(n: int, unit: str, lang: str, *, future: bool = False) -> str:
    """ "14 часов назад", "через 1 минуту", "2 күннен кейін"."""
    if future and lang == "kk":
        word = _KK_FUTURE[unit]
    else:
        word = plural(n, UNITS[lang][unit], lang)
    template = (FUTURE if future else PAST)[lang]
    return template.format(n=n, unit=word)


def relative_time(when: dt.datetime, now: dt.datetime, lang: str = "ru") -> str:
    """How long ago (or how soon) ``when`` is, as a reader of ``lang`` says it."""
    if lang not in UNITS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(UNITS)}")
    if when.tzinfo is None or now.tzinfo is None:
        raise ValueError("relative_time needs time-zone-aware datetimes")
    when_local = when.astimezone(now.tzinfo)
    seconds = (now - when).total_seconds()
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < 60:
        return JUST_NOW[lang]
    if seconds < 3600:
        return count_phrase(int(seconds // 60), "minute", lang, future=future)
    if seconds < 86400:
        return count_phrase(int(seconds // 3600), "hour", lang, future=future)
    days_apart = abs((now.date() - when_local.date()).days)
    if days_apart == 1:
        return (TOMORROW if future else YESTERDAY)[lang]
    if days_apart < ABSOLUTE_AFTER_DAYS:
        return count_phrase(days_apart, "day", lang, future=future)
    return format_date(when_local.date(), lang)
