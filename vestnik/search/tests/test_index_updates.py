"""The index follows publishing, editing, unpublishing, deleting and renames."""

import pytest
from django.core.management import call_command

from vestnik.news.tests.factories import ArticleFactory, AuthorFactory, article_with
from vestnik.search.models import SearchDocument, SearchWord
from vestnik.search.selectors import search
from vestnik.search.services import stale_articles

pytestmark = pytest.mark.django_db


def found(query):
    return [hit.article.pk for hit in search(query).hits]


def test_publishing_indexes_the_article(politics):
    article = article_with(rubric=politics, title="Паводок в Атырау", lead="Вода поднялась.")
    assert found("паводок") == [article.pk]
    article.refresh_from_db()
    assert SearchDocument.objects.get(page_id=article.pk).revision_id == article.live_revision_id


def test_editing_and_republishing_replaces_the_old_words(politics):
    article = article_with(rubric=politics, title="Паводок в Атырау", lead="Вода поднялась.")
    article.title = "Наводнение в Атырау"
    article.save_revision().publish()
    assert found("наводнение") == [article.pk]
    assert found("паводок") == []
    assert not SearchWord.objects.filter(word="паводок").exists()


def test_a_saved_draft_does_not_change_what_readers_find(politics):
    article = article_with(rubric=politics, title="Паводок в Атырау", lead="Вода поднялась.")
    article.title = "Черновик про засуху"
    article.save_revision()
    assert found("паводок") == [article.pk]
    assert found("засуха") == []


def test_unpublishing_removes_the_article_and_its_words(politics):
    article = article_with(rubric=politics, title="Паводок в Атырау", lead="Вода поднялась.")
    article.unpublish()
    assert found("паводок") == []
    assert not SearchDocument.objects.filter(page_id=article.pk).exists()
    assert not SearchWord.objects.filter(word="паводок").exists()


def test_deleting_removes_the_article(politics):
    article = article_with(rubric=politics, title="Паводок в Атырау", lead="Вода поднялась.")
    article.delete()
    assert found("паводок") == []
    assert not SearchDocument.objects.exists()


def test_vocabulary_counts_articles_per_word(politics):
    first = article_with(rubric=politics, title="Паводок в Атырау", lead="Вода.")
    article_with(rubric=politics, title="Паводок в Уральске", lead="Вода.")
    assert SearchWord.objects.get(word="паводок").documents == 2
    first.unpublish()
    assert SearchWord.objects.get(word="паводок").documents == 1


def test_renaming_an_author_reindexes_their_articles(politics, django_capture_on_commit_callbacks):
    author = AuthorFactory(name="Ерлан Ахметов")
    article = article_with(rubric=politics, authors=[author], title="Паводок", lead="Вода.")
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Ерлан Жумабаев"
        author.save()
    assert found("Жумабаев") == [article.pk]
    assert not stale_articles().exists()


def test_renaming_a_rubric_reindexes_its_articles(politics, django_capture_on_commit_callbacks):
    article = article_with(rubric=politics, title="Паводок", lead="Вода.")
    with django_capture_on_commit_callbacks(execute=True):
        politics.title = "Власть"
        politics.save_revision().publish()
    assert found("власть") == [article.pk]


def test_stale_articles_are_found_and_fixed_by_the_command(politics):
    article = article_with(rubric=politics, title="Паводок", lead="Вода.")
    SearchDocument.objects.filter(page_id=article.pk).update(revision_id=None)
    assert list(stale_articles()) == [article]
    call_command(
        "rebuild_search_index", "--stale", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w")
    )
    assert not stale_articles().exists()
    assert found("паводок") == [article.pk]


def test_drafts_are_never_indexed(politics):
    ArticleFactory(parent=politics, title="Секретный черновик", lead="Тайна.", publish=False)
    assert found("черновик") == []


@pytest.mark.postgres
def test_postgres_keeps_lemmas_gin_indexed_and_exact_forms_beside_them(politics):
    from django.db import connection

    article = article_with(rubric=politics, title="Во Франции", lead="Коротко.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector::text, forms::text FROM search_searchdocument WHERE page_id = %s", [article.pk]
        )
        vector, forms = cursor.fetchone()
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'search_searchdocument'")
        indexes = [row[0] for row in cursor.fetchall()]
    assert "'франция':2A" in vector and "франции" not in vector
    assert "'франции':2A" in forms and "'франция'" not in forms
    assert [i for i in indexes if "USING gin" in i] == [
        "CREATE INDEX search_document_vector_gin ON public.search_searchdocument USING gin (vector)"
    ]


def test_sqlite_keeps_lemmas_and_exact_forms_in_fts5(politics):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SKIPPED: the FTS5 table exists only on SQLite; this run is on PostgreSQL")
    article = article_with(rubric=politics, title="Во Франции", lead="Коротко.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, title_f FROM search_fts WHERE rowid = %s", [article.pk])
        lemmas, forms = cursor.fetchone()
    assert "франция" in lemmas.split() and forms == "во франции"
