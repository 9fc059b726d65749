"""Nothing an editor typed is lost: every save is a revision, any two compare, an old one
comes back, and two editors on one article each keep their work (Wagtail's revisions and
editing sessions, as the newsroom uses them)."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Revision

from vestnik.news.tests.factories import ArticleFactory

from .admin_actions import article_form, edit_article, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(politics):
    return ArticleFactory(parent=politics, title="Мажилис принял бюджет", lead="Первый лид.")


@pytest.fixture
def maria(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("maria", "m@example.org", "x" * 16))
    return client


@pytest.fixture
def erlan(django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(django_user_model.objects.create_superuser("erlan", "e@example.org", "x" * 16))
    return other


def titles(article) -> list[str]:
    revisions = Revision.page_revisions.filter(object_id=str(article.pk)).order_by("created_at", "pk")
    return [revision.content["title"] for revision in revisions]


def test_every_save_and_publish_is_a_revision(maria, article):
    before = len(titles(article))
    edit_article(maria, article, title="Мажилис принял бюджет на 2027 год")
    edit_article(maria, article, title="Мажилис принял бюджет на 2027–2029 годы", action="action-publish")
    assert titles(article)[before:] == [
        "Мажилис принял бюджет на 2027 год",
        "Мажилис принял бюджет на 2027–2029 годы",
    ]
    assert fresh(article).title == "Мажилис принял бюджет на 2027–2029 годы"


def test_any_two_revisions_compare_with_the_changed_words_shown(maria, article):
    edit_article(maria, article, title="Мажилис отклонил бюджет")
    revisions = list(Revision.page_revisions.filter(object_id=str(article.pk)).order_by("created_at", "pk"))
    first, last = revisions[0], revisions[-1]
    url = reverse("wagtailadmin_pages:revisions_compare", args=(article.pk, first.pk, last.pk))
    html = maria.get(url).content.decode()
    assert "принял" in html and "отклонил" in html


def test_old_revision_is_restored_and_published_as_a_new_one(maria, article):
    original = fresh(article).latest_revision
    edit_article(maria, article, title="Ошибочный заголовок", lead="Ошибочный лид.", action="action-publish")
    revert = reverse("wagtailadmin_pages:revisions_revert", args=(article.pk, original.pk))
    form = maria.get(revert).content.decode()
    assert "Мажилис принял бюджет" in form and "Первый лид." in form  # the editor opens on the old text
    edit_article(maria, article, title="Мажилис принял бюджет", lead="Первый лид.", action="action-publish")
    restored = fresh(article)
    assert (restored.title, restored.lead) == ("Мажилис принял бюджет", "Первый лид.")
    assert "Ошибочный заголовок" in titles(article)  # the mistake stays in the history


def test_two_editors_saving_the_same_article_both_keep_their_work(maria, erlan, article):
    loaded = fresh(article).latest_revision
    stale = {"loaded_revision_id": loaded.pk, "loaded_revision_created_at": loaded.created_at.isoformat()}
    edit_article(maria, article, title="Правка Марии", **stale)
    edit_article(erlan, article, title="Правка Ерлана", **stale)  # he had the page open from before
    assert titles(article)[-2:] == ["Правка Марии", "Правка Ерлана"]
    history = erlan.get(reverse("wagtailadmin_pages:history", args=(article.pk,))).content.decode()
    assert "maria" in history and "erlan" in history  # whose save each revision was


def test_autosave_does_not_overwrite_a_newer_version_by_someone_else(maria, erlan, article):
    loaded = fresh(article).latest_revision
    stale = {"loaded_revision_id": loaded.pk, "loaded_revision_created_at": loaded.created_at.isoformat()}
    edit_article(maria, article, title="Правка Марии", **stale)
    form = article_form(None, title="Автосохранение Ерлана", slug=article.slug, lead=article.lead, **stale)
    response = erlan.post(f"/admin/pages/{article.pk}/edit/", form, HTTP_ACCEPT="application/json")
    assert json.loads(response.content)["error_code"] == "invalid_revision"
    assert titles(article)[-1] == "Правка Марии"


def test_an_editor_sees_who_else_has_the_article_open(maria, erlan, article):
    def ping(client, session_id=0):
        url = reverse(
            "wagtailadmin_editing_sessions:ping", args=("news", "articlepage", article.pk, session_id)
        )
        return json.loads(client.post(url, {"is_editing": "1"}).content)

    ping(maria)
    others = ping(erlan)["other_sessions"]
    assert [(s["user"], s["is_editing"]) for s in others] == [("maria", True)]
