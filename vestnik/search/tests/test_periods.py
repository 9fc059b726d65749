"""The PostgreSQL index finds a query's newest matches period by period (periods.py)."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from vestnik.news.tests.factories import article_with
from vestnik.search.periods import period_cover, period_lexemes


def test_a_period_is_named_by_days_then_months_then_years():
    last = dt.date(2026, 11, 28)
    assert period_cover(dt.date(2026, 11, 26), last) == ["#2026-11-26", "#2026-11-27", "#2026-11-28"]
    assert period_cover(dt.date(2026, 9, 15), last) == ["#2026-09", "#2026-10", "#2026-11"]
    months = ["#2024-12", *(f"#2025-{m:02d}" for m in range(1, 13)), "#2026-01", "#2026-02"]
    assert period_cover(dt.date(2024, 12, 30), dt.date(2026, 2, 2)) == months
    assert period_cover(dt.date(2019, 5, 1), last) == [f"#{y}" for y in range(2019, 2027)]


@pytest.mark.parametrize("days", [1, 7, 31, 32, 200, 731, 732, 3000])
def test_a_cover_names_each_day_once_from_some_day_to_the_last(days):
    """Every day of the period exactly once; days before it only back to the start of its
    first month or year, without a gap (so the cover is "everything since some day")."""
    last = dt.date(2026, 11, 28)
    first = last - dt.timedelta(days=days - 1)
    cover = set(period_cover(first, last))
    named = []
    day = first - dt.timedelta(days=400)
    while day <= last:
        count = len(cover & set(period_lexemes(dt.datetime.combine(day, dt.time(12), dt.UTC))))
        assert count <= 1, day
        if count:
            named.append(day)
        day += dt.timedelta(days=1)
    assert named[-1] == last and named[0] <= first
    assert len(named) == (last - named[0]).days + 1  # no gap
    assert named[0] >= first.replace(month=1, day=1)


def test_periods_are_utc_days():
    almaty = dt.timezone(dt.timedelta(hours=5))
    assert period_lexemes(dt.datetime(2026, 1, 1, 3, 0, tzinfo=almaty)) == (
        "#2025",
        "#2025-12",
        "#2025-12-31",
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_sql_gives_a_copied_vector_the_periods_python_would():
    from django.db import connection

    from vestnik.search.periods import with_periods_sql

    when = dt.datetime(2025, 12, 31, 22, 30, tzinfo=dt.UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ({with_periods_sql('v', 't')})::text "
            "FROM (SELECT %s::tsvector v, %s::timestamptz t) copied",
            ["'реформа':1A '#2019' '#2019-05' '#2019-05-01'", when],
        )
        assert (
            cursor.fetchone()[0] == " ".join(f"'{p}'" for p in sorted(period_lexemes(when))) + " 'реформа':1A"
        )


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("rank_limit, phrase_candidates", [(1, 20), (4, 20), (4, 1)])
def test_the_newest_matches_are_found_whatever_the_spread_of_dates(
    politics, monkeypatch, rank_limit, phrase_candidates
):
    """Against the plain answer (every match sorted by date), for matches bunched on the
    newest day, spread over years, or with the newest articles not matching at all;
    words and phrases (whose candidates are checked newest first)."""
    from vestnik.search import backends
    from vestnik.search.models import SearchDocument
    from vestnik.search.query import parse_query

    monkeypatch.setattr(backends, "RANK_LIMIT", rank_limit)
    monkeypatch.setattr(backends, "PHRASE_CANDIDATES", phrase_candidates)  # 1: too few, check all
    rng = random.Random(5)
    now = timezone.now()
    for n in range(24):
        days = rng.choice([0, 0, 1, 3, 40, 400, 1500])
        title = "Засуха в регионе" if n % 3 else "Паводок в регионе"
        article_with(rubric=politics, title=f"{title} {n}", lead="Сводка.",
                     first_published_at=now - dt.timedelta(days=days, minutes=n))  # fmt: skip
    article_with(
        rubric=politics,
        title="Засуха отступила",
        lead="Регион.",
        first_published_at=now - dt.timedelta(days=2000),
    )
    newest_first = list(
        SearchDocument.objects.order_by("-published_at", "-page_id").values_list("page_id", "page__title")
    )
    queries = {
        "засуха": lambda title: title.startswith("Засуха"),
        "паводок": lambda title: title.startswith("Паводок"),
        "регион": lambda title: True,
        '"засуха в регионе"': lambda title: title.startswith("Засуха в регионе"),
        'регион -"паводок в регионе"': lambda title: not title.startswith("Паводок"),
        '"в регионе" -засуха': lambda title: title.startswith("Паводок"),
        '"регионе засуха"': lambda title: False,  # both words in many articles, never so
    }
    for text, wanted in queries.items():
        expected = [page_id for page_id, title in newest_first if wanted(title)]
        found = backends.PostgresBackend().newest_matches(parse_query(text))
        assert found == expected[: rank_limit + 1], text
