"""Title over body, exact form over other forms, newer over older — moderately."""

import datetime as dt

import pytest
from django.utils import timezone

from vestnik.news.tests.factories import article_with
from vestnik.search.selectors import search

pytestmark = pytest.mark.django_db


def ranked(query):
    return [hit.article.title for hit in search(query).hits]


def test_title_match_ranks_above_body_match(politics):
    when = timezone.now() - dt.timedelta(days=2)
    article_with(
        rubric=politics,
        title="Новости дня",
        lead="Разное.",
        body="<p>Парламент обсудил реформу.</p>",
        first_published_at=when,
    )
    article_with(rubric=politics, title="Реформа пенсий", lead="Разное.", body="<p>Обсуждение.</p>",
                 first_published_at=when)  # fmt: skip
    assert ranked("реформа") == ["Реформа пенсий", "Новости дня"]


def test_exact_form_ranks_above_other_forms(politics):
    when = timezone.now() - dt.timedelta(days=2)
    for title in ("Визит во Францию", "Визит во Франции", "Визит и Франция"):
        article_with(rubric=politics, title=title, lead="Коротко.", first_published_at=when)
    assert ranked("Франции")[0] == "Визит во Франции"
    assert ranked("Францию")[0] == "Визит во Францию"


def test_newer_article_ranks_above_an_equal_older_one(politics):
    now = timezone.now()
    article_with(
        rubric=politics,
        title="Выборы в маслихат",
        lead="Итоги.",
        first_published_at=now - dt.timedelta(days=300),
    )
    article_with(
        rubric=politics,
        title="Выборы в мажилис",
        lead="Итоги.",
        first_published_at=now - dt.timedelta(days=1),
    )
    assert ranked("выборы") == ["Выборы в мажилис", "Выборы в маслихат"]


def test_recency_boost_is_moderate_relevance_still_wins(politics):
    now = timezone.now()
    article_with(
        rubric=politics,
        title="Новая налоговая реформа",
        lead="Подробности.",
        first_published_at=now - dt.timedelta(days=400),
    )
    article_with(rubric=politics, title="Коротко о главном", lead="Подробности.",
                 body="<p>Упомянули и реформу.</p>", first_published_at=now - dt.timedelta(hours=1))  # fmt: skip
    assert ranked("реформа") == ["Новая налоговая реформа", "Коротко о главном"]


def test_scores_are_reported_in_rank_order(politics):
    when = timezone.now() - dt.timedelta(days=2)
    for title in ("Бюджет принят", "Про бюджет и бюджетные нормы", "Итоги"):
        article_with(rubric=politics, title=title, lead="Бюджет.", first_published_at=when)
    scores = [hit.score for hit in search("бюджет").hits]
    assert len(scores) == 3 and scores == sorted(scores, reverse=True) and scores[0] > 0


def test_only_the_newest_matches_are_ranked_when_there_are_very_many(politics, monkeypatch):
    from vestnik.search import backends

    monkeypatch.setattr(backends, "RANK_LIMIT", 2)
    now = timezone.now()
    for days in (30, 20, 10):
        article_with(rubric=politics, title=f"Погода через {days} дней", lead="Прогноз.",
                     first_published_at=now - dt.timedelta(days=days))  # fmt: skip
    results = search("погода")
    assert (results.total, results.total_exact) == (2, False)  # "more than 2"
    assert [hit.article.title for hit in results.hits] == ["Погода через 10 дней", "Погода через 20 дней"]


def test_counts_up_to_the_rank_limit_are_exact(politics, monkeypatch):
    from vestnik.search import backends

    monkeypatch.setattr(backends, "RANK_LIMIT", 3)
    for n in range(3):
        article_with(rubric=politics, title=f"Погода, выпуск {n}", lead="Прогноз.")
    results = search("погода")
    assert (results.total, results.total_exact) == (3, True)


def test_the_readers_language_ranks_first(client, politics):
    """A Russian reader finds the Russian article above a Kazakh one that says more; a
    Kazakh reader the other way round."""
    when = timezone.now() - dt.timedelta(days=2)
    article_with(rubric=politics, title="Жилин в Париже", lead="Коротко.", first_published_at=when)
    article_with(rubric=politics, title="Жилин Парижде", lead="Жилин, Жилин және Жилин.",
                 content_language="kk", first_published_at=when + dt.timedelta(hours=1))  # fmt: skip
    order = {}
    for prefix in ("", "/kk"):
        results = client.get(f"{prefix}/api/search/", {"q": "Жилин"}).json()["results"]
        order[prefix] = [r["title"] for r in results]
    assert order[""] == ["Жилин в Париже", "Жилин Парижде"]
    assert order["/kk"] == ["Жилин Парижде", "Жилин в Париже"]
