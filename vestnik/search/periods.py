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


def period_cover(first: dt.date, last: dt.date) -> list[str]:
    """Period lexemes naming every day from ``first`` to ``last`` (the newest publication
    day), and perhaps earlier days of ``first``'s month or year: days for up to a month,
    whole months for up to two years, whole years beyond.

    Coarse on purpose. What the GIN index walks is the shortest of the query's lists; a
    cover of many days names short lists, and for a word rarer than those days (found in
    one article in 50, say) the index would walk every article of the period instead of
    the word's own list. Naming a little more than the period costs nothing in
    correctness: what is named is still everything from some day up to the newest, so
    the newest matches found there are the newest overall.
    """
    span = (last - first).days + 1
    if span <= 31:
        return [f"{PREFIX}{first + dt.timedelta(days=n):%Y-%m-%d}" for n in range(span)]
    if span <= 731:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        return [
            f"{PREFIX}{first.year + (first.month - 1 + n) // 12}-{(first.month - 1 + n) % 12 + 1:02d}"
            for n in range(months)
        ]
    return [f"{PREFIX}{year}" for year in range(first.year, last.year + 1)]


def with_periods_sql(vector: str, published_at: str) -> str:
    """SQL for ``vector`` with its period lexemes replaced by those of ``published_at``."""
    kept = (
        f"ts_delete({vector}, ARRAY(SELECT lexeme FROM unnest({vector}) WHERE left(lexeme, 1) = '{PREFIX}'))"
    )
    return f"{kept} || {PERIOD_LEXEMES_SQL.format(column=published_at)}"
