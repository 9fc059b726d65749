"""Publication periods written into the PostgreSQL index, so that a query can ask the GIN
index for only the newest matches.

Each article's vector carries three position-less lexemes naming the UTC year, month
and day of its publication ("#2026", "#2026-11", "#2026-11-28"). A query for a common
word can then add "and published in these days" and the GIN index intersects the word's
long posting list with a few short ones, instead of returning half a million matches to
be sorted by date. No word the reader types can make these lexemes: query words are
letters and digits only.
"""

from __future__ import annotations

import datetime as dt

PREFIX = "#"


def period_lexemes(published_at: dt.datetime) -> tuple[str, str, str]:
    day = published_at.astimezone(dt.UTC).date()
    return (f"{PREFIX}{day:%Y}", f"{PREFIX}{day:%Y-%m}", f"{PREFIX}{day:%Y-%m-%d}")


# The same in SQL, for rows copied by SQL (the HTTP benchmark's archive; migration 0003
# has its own copy, as migrations must). test_periods checks the two agree.
PERIOD_LEXEMES_SQL = (
    "array_to_tsvector(ARRAY["
    "'#' || to_char({column} AT TIME ZONE 'UTC', 'YYYY'), "
    "'#' || to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM'), "
    "'#' || to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')])"
)


def _month_end(day: dt.date) -> dt.date:
    first_of_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_of_next - dt.timedelta(days=1)


def period_cover(first: dt.date, last: dt.date) -> list[str]:
    """The fewest period lexemes that together name every day from ``first`` to ``last``:
    whole years where they fit, then whole months, then days (at most about 85)."""
    lexemes, day = [], first
    while day <= last:
        if day.month == 1 and day.day == 1 and dt.date(day.year, 12, 31) <= last:
            lexemes.append(f"{PREFIX}{day:%Y}")
            day = dt.date(day.year + 1, 1, 1)
        elif day.day == 1 and _month_end(day) <= last:
            lexemes.append(f"{PREFIX}{day:%Y-%m}")
            day = _month_end(day) + dt.timedelta(days=1)
        else:
            lexemes.append(f"{PREFIX}{day:%Y-%m-%d}")
            day += dt.timedelta(days=1)
    return lexemes


def with_periods_sql(vector: str, published_at: str) -> str:
    """SQL for ``vector`` with its period lexemes replaced by those of ``published_at``."""
    kept = (
        f"ts_delete({vector}, ARRAY(SELECT lexeme FROM unnest({vector}) WHERE left(lexeme, 1) = '{PREFIX}'))"
    )
    return f"{kept} || {PERIOD_LEXEMES_SQL.format(column=published_at)}"
