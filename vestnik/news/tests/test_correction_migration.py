"""The single correction field and updated_at of articles saved before correction notes
become notes, in the article and in its revisions: nothing an editor wrote is lost."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from vestnik.news.models import ArticlePage

from .factories import ArticleFactory

BEFORE = [("news", "0008_correction_notes")]
AFTER = None  # every app's latest migration, as the rest of the suite expects


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def as_before_notes(page_id: int, correction: str, updated_at):
    """The article's row and revisions as the old schema held them."""
    stamp = updated_at.isoformat().replace("+00:00", "Z") if updated_at else None
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE news_articlepage SET correction = %s, updated_at = %s WHERE page_ptr_id = %s",
            [correction, updated_at, page_id],
        )
        cursor.execute("DELETE FROM news_correctionnote WHERE page_id = %s", [page_id])
        cursor.execute("SELECT id, content FROM wagtailcore_revision WHERE object_id = %s", [str(page_id)])
        for revision_id, content in cursor.fetchall():
            content = json.loads(content) if isinstance(content, str) else content
            content.pop("correction_notes", None)
            content |= {"correction": correction, "updated_at": stamp}
            cursor.execute(
                "UPDATE wagtailcore_revision SET content = %s WHERE id = %s",
                [json.dumps(content), revision_id],
            )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_single_correction_and_update_time_become_notes_in_rows_and_revisions(politics):
    corrected_at = timezone.now().replace(microsecond=0) - dt.timedelta(hours=3)
    updated_at = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    corrected = ArticleFactory(parent=politics, title="С исправлением")
    draft_corrected = ArticleFactory(parent=politics, title="Черновик с исправлением", publish=False)
    only_updated = ArticleFactory(parent=politics, title="Только обновлён")
    untouched = ArticleFactory(parent=politics, title="Без исправлений")

    migrate(BEFORE)
    as_before_notes(corrected.pk, "<p>Исправлена сумма.</p>", corrected_at)
    as_before_notes(draft_corrected.pk, "<p>Исправлено имя.</p>", None)
    as_before_notes(only_updated.pk, "", updated_at)
    migrate(AFTER)

    article = ArticlePage.objects.get(pk=corrected.pk)
    [note] = article.correction_notes.all()
    assert (note.kind, note.noted_at, note.text) == ("correction", corrected_at, "<p>Исправлена сумма.</p>")
    assert article.updated_at == corrected_at
    # The revision holds the same note (same id), so publishing it again keeps that row.
    [revision_note] = article.latest_revision.as_object().correction_notes.all()
    assert (revision_note.pk, revision_note.text) == (note.pk, note.text)
    article.latest_revision.publish()
    assert [n.pk for n in ArticlePage.objects.get(pk=corrected.pk).correction_notes.all()] == [note.pk]

    # A correction without a time is dated by the last publication, or the revision's creation.
    draft = ArticlePage.objects.get(pk=draft_corrected.pk).get_latest_revision_as_object()
    [draft_note] = draft.correction_notes.all()
    assert draft_note.text == "<p>Исправлено имя.</p>" and draft_note.noted_at is not None

    # A time without text keeps "обновлено" at that time and shows no note.
    updated = ArticlePage.objects.get(pk=only_updated.pk)
    assert [(n.kind, n.noted_at, n.text) for n in updated.correction_notes.all()] == [
        ("update", updated_at, "")
    ]
    assert updated.updated_at == updated_at

    assert not ArticlePage.objects.get(pk=untouched.pk).correction_notes.exists()
    assert ArticlePage.objects.get(pk=untouched.pk).updated_at is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_correction_notes_migrate_back_into_the_single_field(politics):
    from .factories import add_note

    article = add_note(
        ArticleFactory(parent=politics), "<p>Первое.</p>", at=timezone.now() - dt.timedelta(hours=2)
    )
    add_note(article, "<p>Второе.</p>", at=timezone.now() - dt.timedelta(hours=1))
    migrate(BEFORE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT correction FROM news_articlepage WHERE page_ptr_id = %s", [article.pk])
        assert cursor.fetchone()[0] == "<p>Первое.</p><p>Второе.</p>"
    migrate(AFTER)
    assert [n.text for n in ArticlePage.objects.get(pk=article.pk).correction_notes.all()] == [
        "<p>Первое.</p><p>Второе.</p>"
    ]
