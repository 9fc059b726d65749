"""Reports → Site history: the chief editor sees who published, unpublished or deleted what."""

import pytest

from vestnik.news.tests.factories import ArticleFactory
from vestnik.security.tests.test_audit_log import SITE_HISTORY, history_rows

from .admin_actions import edit_article
from .conftest import logged_in

pytestmark = pytest.mark.django_db

ACTIONS = ("Опубликовано", "Снято с публикации", "Удален")


def publish_unpublish_delete(client, article) -> None:
    assert edit_article(client, article, action="action-publish").status_code == 302
    assert client.post(f"/admin/pages/{article.pk}/unpublish/").status_code == 302
    assert client.post(f"/admin/pages/{article.pk}/delete/").status_code == 302


def test_chief_editor_sees_another_users_publish_unpublish_and_delete(chief, editor, desks):
    article = ArticleFactory(
        parent=desks["politics"], title="Аким ответил на вопросы читателей", publish=False
    )
    publish_unpublish_delete(logged_in(editor), article)

    rows = history_rows(logged_in(chief))
    for label in ACTIONS:
        row = f"Аким ответил на вопросы читателей | Материал | {label} | Мария Ким"
        assert any(line.startswith(row) for line in rows), (row, "\n".join(rows))


def test_site_history_is_in_the_chief_editors_reports_menu(chief):
    html = logged_in(chief).get("/admin/").content.decode()
    assert SITE_HISTORY in html


def test_a_rubric_editor_sees_the_history_of_their_rubric_only(editor, chief, desks):
    mine = ArticleFactory(parent=desks["politics"], title="Материал своей рубрики", publish=False)
    theirs = ArticleFactory(parent=desks["society"], title="Материал чужой рубрики", publish=False)
    chief_client = logged_in(chief)
    edit_article(chief_client, mine, action="action-publish")
    edit_article(chief_client, theirs, action="action-publish")

    rows = history_rows(logged_in(editor))
    assert any(line.startswith("Материал своей рубрики | Материал | Опубликовано") for line in rows), rows
    assert not any("Материал чужой рубрики" in line for line in rows), rows
