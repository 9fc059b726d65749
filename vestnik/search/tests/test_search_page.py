"""The results page and the JSON endpoint, as a reader and a client see them."""

import datetime as dt

import pytest
from django.utils import timezone

from vestnik.core.text.layout import swap_layout
from vestnik.news.tests.factories import article_with

pytestmark = pytest.mark.django_db


def test_results_page_marks_the_matched_words_in_their_own_form(client, corpus):
    response = client.get("/search/", {"q": "Франция"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Найден 1 материал" in html
    assert "Переговоры во <mark>Франции</mark>" in html
    assert "Встреча с <mark>Францией</mark> прошла" in html
    assert 'href="/politika/' in html


def test_count_is_worded_for_the_number(client, corpus):
    html = client.get("/search/", {"q": "человек"}).content.decode()
    assert "Найдено 2 материала" in html


def test_count_in_kazakh_and_english(client, corpus):
    assert "1 материал табылды" in client.get("/kk/search/", {"q": "Франция"}).content.decode()
    assert "1 article found" in client.get("/en/search/", {"q": "Франция"}).content.decode()


def test_beyond_the_rank_limit_the_count_says_more_than(client, politics, monkeypatch):
    from vestnik.search import backends

    monkeypatch.setattr(backends, "RANK_LIMIT", 2)
    for n in range(3):
        article_with(rubric=politics, title=f"Погода, выпуск {n}", lead="Прогноз.")
    for path, expected in [("/search/", "Найдено более 2 материалов"), ("/kk/search/", "2+ материал табылды"),
                           ("/en/search/", "More than 2 articles found")]:  # fmt: skip
        assert expected in client.get(path, {"q": "погода"}).content.decode()
    data = client.get("/api/search/", {"q": "погода"}).json()
    assert (data["total"], data["total_exact"], len(data["results"])) == (2, False, 2)
    data = client.get("/api/search/", {"q": "выпуск 1"}).json()
    assert (data["total"], data["total_exact"]) == (1, True)


def test_filter_by_rubric(client, corpus, society):
    html = client.get("/search/", {"q": "человек", "rubric": society.pk}).content.decode()
    assert "Один <mark>человек</mark> на площади" in html
    assert "Переговоры" not in html


def test_filter_by_author(client, corpus):
    html = client.get("/search/", {"q": "человек", "author": corpus["author"].slug}).content.decode()
    assert "Переговоры" in html and "на площади" not in html


def test_filter_by_date_range(client, corpus):
    today = timezone.localdate()
    params = {
        "q": "человек",
        "date_from": str(today - dt.timedelta(days=30)),
        "date_to": str(today - dt.timedelta(days=10)),
    }
    html = client.get("/search/", params).content.decode()
    assert "на площади" in html and "Переговоры" not in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "31.13.2024"}, "Дата «с» не распознана"),
        ({"date_from": "2024-05-02", "date_to": "2024-05-01"}, "Дата «по» раньше даты «с»"),
        ({"rubric": "999999"}, "Такой рубрики нет"),
        ({"author": "nobody"}, "Такого автора нет"),
    ],
)
def test_bad_filters_name_what_is_wrong(client, corpus, params, message):
    response = client.get("/search/", {"q": "человек", **params})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_pagination_keeps_the_query_and_filters(client, politics):
    for n in range(12):
        article_with(rubric=politics, title=f"Сводка погоды номер {n}", lead="Погода.")
    first = client.get("/search/", {"q": "погода", "rubric": politics.pk}).content.decode()
    assert "Найдено 12 материалов" in first
    assert f"q=%D0%BF%D0%BE%D0%B3%D0%BE%D0%B4%D0%B0&amp;rubric={politics.pk}&amp;page=2" in first
    second = client.get("/search/", {"q": "погода", "rubric": politics.pk, "page": 2}).content.decode()
    assert second.count('class="search-result"') == 2
    assert 'start="11"' in second


def test_nothing_found_suggests_a_spelling_fix(client, corpus):
    html = client.get("/search/", {"q": "переговры"}).content.decode()
    assert "ничего не нашлось" in html
    assert "Возможно, вы искали:" in html and ">переговоры</a>" in html


def test_wrong_keyboard_layout_is_fixed(client, corpus):
    typed = swap_layout("переговоры")
    assert typed == "gthtujdjhs"
    html = client.get("/search/", {"q": typed}).content.decode()
    assert ">переговоры</a>" in html


def test_no_suggestion_when_it_would_find_nothing_either(client, corpus):
    html = client.get("/search/", {"q": "абырвалг"}).content.decode()
    assert "ничего не нашлось" in html and "Возможно, вы искали" not in html


def test_json_endpoint_returns_the_same_results(client, corpus):
    data = client.get("/api/search/", {"q": "Франция"}).json()
    assert data["total"] == 1 and data["page"] == 1 and data["pages"] == 1
    (result,) = data["results"]
    assert result["title"] == "Переговоры во Франции"
    assert result["url"].startswith("http://testserver/politika/")
    assert "<mark>Францией</mark>" in result["snippet_html"]
    assert result["rubric"] == "Политика"


def test_json_endpoint_explains_bad_queries(client, corpus):
    response = client.get("/api/search/", {"q": "!!!"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "q"
    response = client.get("/api/search/", {"q": "человек", "date_from": "вчера"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "date_from"


def test_empty_search_page_shows_the_form(client, corpus):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


HOSTILE_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    "слово " * 40,
    "!!! ??? ...",
    '"',
    '""',
    '"незакрытая фраза',
    "*",
    "Франц*",
    "NEAR(a b)",
    "a OR b AND NOT c",
    "'; DROP TABLE search_fts; --",
    "--",
    "-",
    "-Франция",
    "title:Франция",
    "{title}: x",
    "^Франция",
    "Франция 😀🇰🇿",
    "iPhone 15 цена",
    "Қазақстан Russia Франция",
    "<script>alert(1)</script>",
    "\x00\x01\x1f",
    "Франция\u200b\u202e",
    "%_%",
    "ё" * 300,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_queries_get_a_page_never_an_error(client, corpus, query):
    response = client.get("/search/", {"q": query})
    html = response.content.decode()
    if response.status_code == 400:  # the form refused it (NUL characters) and says why
        assert 'class="field__error"' in html or 'class="search-message"' in html
    else:
        assert response.status_code == 200
        assert ('class="search-count"' in html) or ('class="search-message"' in html) or not query.strip()
    assert "<script>alert(1)</script>" not in html
    assert client.get("/api/search/", {"q": query}).status_code in (200, 400)


def test_too_long_query_says_how_long_it_may_be(client, corpus):
    html = client.get("/search/", {"q": "x" * 10_000}).content.decode()
    assert "Запрос слишком длинный: 10000 символов. Сократите его до 300." in html


def test_fts_operators_are_searched_as_words(client, politics):
    article_with(rubric=politics, title="Near и far: английский для журналистов", lead="Урок.")
    html = client.get("/search/", {"q": "NEAR"}).content.decode()
    assert "Найден 1 материал" in html
