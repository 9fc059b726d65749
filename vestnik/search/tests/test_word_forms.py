"""A reader's word finds every form of it, on SQLite and on PostgreSQL alike."""

import pytest

from vestnik.search.selectors import search

pytestmark = pytest.mark.django_db


def titles(query, **kwargs):
    return [hit.article.title for hit in search(query, **kwargs).hits]


def test_country_name_finds_its_other_case_forms(corpus):
    assert titles("Франция") == ["Переговоры во Франции"]


def test_derived_adjective_is_a_separate_word(corpus):
    assert "Французский сыр на ярмарке" not in titles("Франция")
    assert titles("французский") == ["Французский сыр на ярмарке"]


def test_suppletive_plural_finds_the_singular(corpus):
    # "люди" is a form of "человек" in the dictionary, so both articles match.
    assert set(titles("люди")) == {"Переговоры во Франции", "Один человек на площади"}


def test_surname_finds_all_its_forms(corpus):
    assert titles("Жилина") == ["ФСБ объявила Жилина в розыск"]
    assert titles("Жилиной") == ["ФСБ объявила Жилина в розыск"]


def test_yo_and_case_do_not_matter(corpus):
    assert titles("ЛЮДИ") == titles("люди")


def test_kazakh_plural_and_case_forms_find_each_other(corpus):
    expected = ["Алматыда жаңа мектеп ашылды"]
    assert titles("балалар") == expected
    assert titles("мектептер") == expected
    assert titles("қала") == expected


def test_city_in_kazakh_locative_found_by_its_name(corpus):
    assert titles("Алматы") == ["Алматыда жаңа мектеп ашылды"]


def test_author_name_tags_and_rubric_are_searchable(corpus):
    assert titles("Соколова") == ["Переговоры во Франции"]
    assert "Переговоры во Франции" in titles("политика")


def test_phrase_in_quotes_needs_these_words_in_this_order(corpus):
    assert titles('"во Франции"') == ["Переговоры во Франции"]
    assert titles('"Франции во"') == []


def test_minus_excludes_a_word(corpus):
    assert set(titles("человек")) == {"Переговоры во Франции", "Один человек на площади"}
    assert titles("человек -площадь") == ["Переговоры во Франции"]


def test_minus_excludes_a_phrase(corpus):
    assert titles('человек -"на площади"') == ["Переговоры во Франции"]


def test_function_words_are_not_required(corpus):
    assert titles("человек и площадь") == ["Один человек на площади"]


def test_function_words_count_inside_a_phrase(corpus):
    assert titles('"на площади"') == ["Один человек на площади"]
    assert titles('"в площади"') == []


def test_a_query_of_only_function_words_asks_for_more(corpus):
    results = search("и в на")
    assert results.error and "Добавьте ещё слово" in results.error
