"""Migration 0004 moves the exact forms out of the GIN-indexed vector, and back."""

import importlib

import pytest
from django.db import connection

from vestnik.news.tests.factories import ArticleFactory

forms_migration = importlib.import_module("vestnik.search.migrations.0004_forms_column")

OLD_VECTOR = "'франция':2A '=франции':2A 'во':1A '=во':1A 'стать':5 'сталь':5 '=стали':5 '#2026'"


def _row(page_id):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector::text, forms::text FROM search_searchdocument WHERE page_id = %s", [page_id]
        )
        return cursor.fetchone()


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_forms_move_to_their_own_column_with_their_positions_and_back(politics):
    article = ArticleFactory(parent=politics, title="Во Франции")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_searchdocument SET vector = %s::tsvector, forms = NULL WHERE page_id = %s",
            [OLD_VECTOR, article.pk],
        )
    with connection.schema_editor() as editor:
        forms_migration.split(None, editor)
    vector, forms = _row(article.pk)
    assert vector == "'#2026' 'во':1A 'сталь':5 'стать':5 'франция':2A"
    assert forms == "'во':1A 'стали':5 'франции':2A"

    with connection.schema_editor() as editor:
        forms_migration.join(None, editor)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector = %s::tsvector FROM search_searchdocument WHERE page_id = %s",
            [OLD_VECTOR, article.pk],
        )
        assert cursor.fetchone()[0] is True


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_vectors_are_compressed_with_lz4():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attcompression FROM pg_attribute "
            "WHERE attrelid = 'search_searchdocument'::regclass AND attname IN ('vector', 'forms') ORDER BY attname"
        )
        assert cursor.fetchall() == [("forms", "l"), ("vector", "l")]
