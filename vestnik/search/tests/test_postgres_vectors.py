"""PostgreSQL's vectors are sent in binary; PostgreSQL must store exactly what it would
have made of the same lexemes, positions and weights written as text."""

import datetime as dt

import pytest
from django.db import connection

from vestnik.news.tests.factories import article_with
from vestnik.search.backends import MAX_POSITION, PostgresBackend
from vestnik.search.documents import FIELDS, analyse
from vestnik.search.periods import period_lexemes

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PUBLISHED = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)


def text_literals(document) -> tuple[str, str]:
    """The same vectors as tsvector text, each word's position written out as it comes;
    PostgreSQL's own parser orders, merges and cuts them."""
    lemmas: list[str] = []
    forms: list[str] = []
    position = 0
    for name in FIELDS:
        weight = {"title": "A", "lead": "B", "meta": "C", "body": ""}[name]
        field = document.fields[name]
        for form, word_lemmas in zip(field.forms, field.lemmas, strict=True):
            position += 1
            at = f"{min(position, MAX_POSITION)}{weight}"
            forms.append(f"'{form}':{at}")
            lemmas += [f"'{lemma}':{at}" for lemma in word_lemmas]
        position += 1
    lemmas += [f"'{period}'" for period in period_lexemes(PUBLISHED)]
    return " ".join(lemmas), " ".join(forms)


def stored_and_parsed(politics, texts):
    article = article_with(rubric=politics, title="Заголовок", lead="Коротко.")
    document = analyse(texts)
    backend = PostgresBackend()
    backend.write_many([(article.pk, backend.vectors(document, PUBLISHED))])
    lemmas, forms = text_literals(document)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector::text, forms::text, CAST(%s AS tsvector)::text, CAST(%s AS tsvector)::text "
            "FROM search_searchdocument WHERE page_id = %s",
            [lemmas, forms, article.pk],
        )
        return cursor.fetchone()


def test_binary_vectors_store_what_postgres_parses_from_text(politics):
    texts = {
        "title": "Ёлки и елки во Франции: Жилина и Жилин",
        "lead": "Президент Казахстана встретился с президентом Франции.",
        "meta": "Политика \n Мария Соколова",
        "body": "Алматыда жаңа мектептер ашылды. Люди, человек, стали; сталь. Санкт-Петербург 2026 года. "
        "Президент сказал: «Франция — партнёр».",
    }
    vector, forms, parsed_vector, parsed_forms = stored_and_parsed(politics, texts)
    assert vector == parsed_vector
    assert forms == parsed_forms
    assert "'франция':5A,15B,35" in vector  # a lemma at each of its forms' positions, weighted
    assert "'#2026-11-28'" in vector


def test_words_past_the_last_position_share_it_once_with_the_first_weight(politics):
    # 16,400 body words after a title word that returns at the end: PostgreSQL keeps
    # positions up to 16,383 and each of a lexeme's positions once.
    texts = {"title": "Паводок", "body": " ".join(["вода"] * 16_400 + ["паводок", "паводок", "финал"])}
    vector, forms, parsed_vector, parsed_forms = stored_and_parsed(politics, texts)
    assert vector == parsed_vector
    assert forms == parsed_forms
    assert "'финал':16383" in vector
    assert "'паводок':1A,16383" in vector


def test_a_word_keeps_at_most_256_positions(politics):
    texts = {"title": "Вода", "body": " ".join(["вода"] * 400)}
    vector, forms, parsed_vector, parsed_forms = stored_and_parsed(politics, texts)
    assert vector == parsed_vector
    assert forms == parsed_forms
    cursor = connection.cursor()
    cursor.execute("SELECT cardinality(positions) FROM unnest(%s::tsvector) WHERE lexeme = 'вода'", [vector])
    assert cursor.fetchone() == (256,)
