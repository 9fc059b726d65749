"""The PostgreSQL index finds a query's newest matches period by period (periods.py)."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from vestnik.news.tests.factories import article_with
from vestnik.search.periods import period_cover, period_lexemes


def test_a_period_is_covered_by_whole_years_months_and_days():
    assert period_cover(dt.date(2024, 12, 30), dt.date(2026, 2, 2)) == [
        "#2024-12-30", "#2024-12-31", "#2025", "#2026-01", "#2026-02-01", "#2026-02-02",
    ]  # fmt: skip
    assert period_cover(dt.date(2026, 11, 28), dt.date(2026, 11, 28)) == ["#2026-11-28"]
    assert period_cover(dt.date(2024, 2, 1), dt.date(2024, 2, 29)) == ["#2024-02"]  # leap year


def test_a_cover_names_each_day_exactly_once():
    first, last = dt.date(2023, 3, 17), dt.date(2026, 11, 28)
    cover = set(period_cover(first, last))
    day = first - dt.timedelta(days=3)
    while day <= last + dt.timedelta(days=3):
        named = cover & set(period_lexemes(dt.datetime.combine(day, dt.time(12), dt.UTC)))
        assert len(named) == (1 if first <= day <= last else 0), day
        day += dt.timedelta(days=1)


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
def test_the_newest_matches_are_found_whatever_the_spread_of_dates(politics, monkeypatch):
    """Against the plain answer (every match sorted by date), for matches bunched on the
    newest day, spread over years, or with the newest articles not matching at all."""
    from vestnik.search import backends
    from vestnik.search.models import SearchDocument
    from vestnik.search.query import parse_query

    monkeypatch.setattr(backends, "RANK_LIMIT", 4)
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
        lead="Итог.",
        first_published_at=now - dt.timedelta(days=2000),
    )
    for word in ("засуха", "паводок", "регион", "сводка"):
        expected = list(
            SearchDocument.objects.filter(page__title__icontains=word[:5])
            .order_by("-published_at", "-page_id")
            .values_list("page_id", flat=True)
        ) if word in ("засуха", "паводок") else list(
            SearchDocument.objects.exclude(page__title="Засуха отступила")
            .order_by("-published_at", "-page_id").values_list("page_id", flat=True)
        )  # fmt: skip
        found = backends.PostgresBackend().newest_matches(parse_query(word))
        assert found == expected[:5], word
