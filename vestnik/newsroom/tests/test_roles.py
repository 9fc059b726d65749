"""What each role may and may not do, through Wagtail's admin as a browser would post it."""

import re

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from vestnik.news.models import HomePage
from vestnik.news.tests.factories import ArticleFactory, inline_forms
from vestnik.newsroom.roles import Role

from .admin_actions import create_article, edit_article, fresh, refused, workflow_action
from .conftest import logged_in
from .factories import newsroom_member

pytestmark = pytest.mark.django_db


def status_panel(editor_page) -> str:
    """The text of the editor's status side panel (workflow, schedule, lock, privacy)."""
    from bs4 import BeautifulSoup

    panel = BeautifulSoup(editor_page.content, "html.parser").select_one("[data-side-panel='status']")
    return " ".join(panel.get_text(" ").split())


def submitted(reporter, rubric, title="Маслихат утвердил бюджет"):
    """An article the reporter wrote in ``rubric`` and submitted for approval."""
    response, article = create_article(logged_in(reporter), rubric, title=title, action="action-submit")
    assert response.status_code == 302, response.content.decode()[:2000]
    return article


class TestReporter:
    def test_reporter_writes_a_draft_in_own_rubric(self, reporter, desks):
        response, article = create_article(logged_in(reporter), desks["politics"], title="Сенат собрался")
        assert response.status_code == 302
        assert article is not None and not article.live
        assert article.owner == reporter and article.get_parent().pk == desks["politics"].pk

    def test_reporter_may_not_write_in_another_rubric(self, reporter, desks):
        client = logged_in(reporter)
        assert refused(client.get(f"/admin/pages/add/news/articlepage/{desks['society'].pk}/"))
        response, article = create_article(client, desks["society"], title="Чужая рубрика")
        assert refused(response)
        assert article is None

    def test_reporters_publish_button_leaves_the_article_a_draft(self, reporter, desks):
        client = logged_in(reporter)
        response, article = create_article(
            client, desks["politics"], title="Срочно в номер", action="action-publish"
        )
        assert response.status_code == 302
        assert not article.live and article.first_published_at is None
        edit_article(client, article, action="action-publish")
        assert not fresh(article).live
        editor_page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
        assert 'name="action-publish"' not in editor_page
        assert 'name="action-submit"' in editor_page

    def test_reporter_submits_the_article_to_the_rubrics_editors(self, reporter, desks):
        article = submitted(reporter, desks["politics"])
        state = article.current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == reporter
        assert state.workflow.name == "Проверка: Политика"
        approvers = set(state.current_task_state.task.specific.groups.values_list("name", flat=True))
        assert approvers == {"Политика — редакторы", "Главный редактор"}

    def test_reporter_cannot_change_the_article_while_it_awaits_approval(self, reporter, desks):
        article = submitted(reporter, desks["politics"])
        edit_article(logged_in(reporter), article, lead="Тайком поправленный лид.")
        assert fresh(article).get_latest_revision_as_object().lead != "Тайком поправленный лид."

    def test_reporter_cannot_approve_their_own_article(self, reporter, desks):
        article = submitted(reporter, desks["politics"])
        assert refused(workflow_action(logged_in(reporter), article, "approve", "Сам себе одобряю"))
        article = fresh(article)
        assert not article.live and article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    def test_reporter_cannot_edit_a_colleagues_article_or_unpublish_one(self, reporter, desks):
        colleague = newsroom_member(Role.REPORTER, rubric=desks["politics"], username="colleague")
        _, draft = create_article(logged_in(colleague), desks["politics"], title="Черновик коллеги")
        live = ArticleFactory(parent=desks["politics"], title="Опубликованный материал")
        client = logged_in(reporter)
        assert refused(client.get(f"/admin/pages/{draft.pk}/edit/"))
        assert refused(client.post(f"/admin/pages/{live.pk}/unpublish/"))
        assert fresh(live).live


class TestEditor:
    def test_editor_approves_with_a_comment_and_the_article_goes_live(self, reporter, editor, desks):
        article = submitted(reporter, desks["politics"])
        response = workflow_action(logged_in(editor), article, "approve", "Хорошо, ставим в номер.")
        assert response.status_code == 302 and not refused(response)
        article = fresh(article)
        assert article.live and article.first_published_at is not None
        state = article.workflow_states.get()
        assert state.status == WorkflowState.STATUS_APPROVED
        assert state.task_states.get().comment == "Хорошо, ставим в номер."
        assert article.live_revision.user == reporter  # the reporter's text, as submitted

    def test_editor_requests_changes_with_a_comment_the_reporter_reads_and_resubmits(
        self, reporter, editor, desks
    ):
        article = submitted(reporter, desks["politics"])
        workflow_action(logged_in(editor), article, "reject", "Нужен комментарий акимата.")
        article = fresh(article)
        assert not article.live
        assert article.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

        reporter_client = logged_in(reporter)
        editor_page = reporter_client.get(f"/admin/pages/{article.pk}/edit/")
        assert editor_page.status_code == 200
        assert "Нужен комментарий акимата." in editor_page.content.decode()
        # Times in the status panel are Russian too (django.contrib.humanize's catalogue).
        assert "Возвращено на доработку сейчас" in status_panel(editor_page)
        edit_article(reporter_client, article, action="action-submit", lead="Лид с комментарием акимата.")
        article = fresh(article)
        assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        assert not article.live

    def test_editor_publishes_and_unpublishes_in_own_rubric(self, editor, desks):
        client = logged_in(editor)
        response, article = create_article(
            client, desks["politics"], title="Редактор пишет сам", action="action-publish"
        )
        assert response.status_code == 302 and article.live
        assert client.post(f"/admin/pages/{article.pk}/unpublish/").status_code == 302
        assert not fresh(article).live
        other = ArticleFactory(parent=desks["politics"], title="Материал коллеги")
        edit_article(client, other, action="action-publish", lead="Поправленный лид.")
        assert fresh(other).lead == "Поправленный лид."

    def test_editor_is_refused_in_another_rubric(self, reporter, editor, desks):
        live = ArticleFactory(parent=desks["society"], title="Материал «Общества»")
        client = logged_in(editor)
        assert refused(client.get(f"/admin/pages/{live.pk}/edit/"))
        assert refused(edit_article(client, live, action="action-publish", lead="Чужой лид."))
        assert refused(client.post(f"/admin/pages/{live.pk}/unpublish/"))
        response, article = create_article(client, desks["society"], title="Не в свою рубрику")
        assert refused(response) and article is None
        assert fresh(live).live and fresh(live).lead != "Чужой лид."

        society_reporter = newsroom_member(
            Role.REPORTER, rubric=desks["society"], username="society_reporter"
        )
        elsewhere = submitted(society_reporter, desks["society"], title="Школы Астаны")
        assert refused(workflow_action(client, elsewhere, "approve"))
        assert not fresh(elsewhere).live

    def test_editor_cannot_edit_the_home_page(self, editor, home):
        assert refused(logged_in(editor).get(f"/admin/pages/{home.pk}/edit/"))

    def test_workflow_buttons_and_status_read_as_russian_sentences(self, reporter, editor, desks):
        """vestnik/locale/ru corrects Wagtail's Russian: "Одобрить и Опубликовать", "Запрос
        изменений", "Отправить в "Проверка: Политика"", "Обозреватель могут … этот страница"."""
        client = logged_in(reporter)
        new_article = client.get(
            f"/admin/pages/add/news/articlepage/{desks['politics'].pk}/"
        ).content.decode()
        assert "Отправить: «Проверка: Политика»" in new_article
        article = submitted(reporter, desks["politics"])
        page = logged_in(editor).get(f"/admin/pages/{article.pk}/edit/")
        for label in (
            "Вернуть на доработку",
            "Одобрить и опубликовать",
            "Одобрить с комментарием и опубликовать",
        ):
            assert label in page.content.decode(), label
        status = status_panel(page)
        # "сейчас", or a minute or two later on a loaded machine: still a Russian sentence.
        assert re.search(
            r"Отправлено: «Политика: одобрение редактора», (сейчас|\d+ минут[уы]? назад)", status
        )
        assert "Править могут все проверяющие." in status


class TestChiefEditor:
    def test_chief_sets_the_home_pages_lead_story(self, chief, home, desks):
        story = ArticleFactory(parent=desks["society"], title="Главная новость дня")
        response = logged_in(chief).post(
            f"/admin/pages/{home.pk}/edit/",
            {
                "title": home.title,
                "slug": home.slug,
                "lead_article": story.pk,
                **inline_forms("rubric_blocks"),
                "action-publish": "action-publish",
            },
        )
        assert response.status_code == 302 and not refused(response), response.content.decode()[:3000]
        assert HomePage.objects.get().lead_article == story

    def test_chief_publishes_and_approves_in_every_rubric(self, chief, desks):
        client = logged_in(chief)
        for rubric in desks.values():
            response, article = create_article(client, rubric, title=f"Главред в рубрике {rubric.title}",
                                               action="action-publish")  # fmt: skip
            assert article.live
        society_reporter = newsroom_member(
            Role.REPORTER, rubric=desks["society"], username="society_reporter"
        )
        article = submitted(society_reporter, desks["society"], title="Новый сквер")
        workflow_action(client, article, "approve", "Одобрено главным редактором.")
        assert fresh(article).live


class TestAdministrator:
    def test_administrator_manages_users_and_their_groups(self, administrator, desks):
        from django.contrib.auth import get_user_model

        from .factories import role_group

        client = logged_in(administrator)
        assert client.get("/admin/users/").status_code == 200
        # Wagtail's "Администратор" checkbox is the superuser's: renamed, not to be taken for the role.
        assert "Суперпользователь" in client.get(reverse("wagtailusers_users:add")).content.decode()
        assert client.get("/admin/groups/").status_code == 200
        reporters = desks["politics"].desk.reporters
        response = client.post(
            reverse("wagtailusers_users:add"),
            {"username": "novichok", "email": "novichok@vestnik.example", "first_name": "Алия",
             "last_name": "Нурланова", "password1": "Новый-сотрудник-2026", "password2": "Новый-сотрудник-2026",
             "groups": [role_group(Role.REPORTER).pk, reporters.pk]},
        )  # fmt: skip
        assert response.status_code == 302, response.content.decode()[:3000]
        user = get_user_model().objects.get(username="novichok")
        assert set(user.groups.values_list("name", flat=True)) == {
            "Корреспондент",
            "Политика — корреспонденты",
        }

    def test_administrator_edits_the_site_settings(self, administrator, home):
        from wagtail.models import Site

        site = Site.objects.get(is_default_site=True)
        response = logged_in(administrator).get(f"/admin/settings/news/newssitesettings/{site.pk}/")
        assert response.status_code == 200

    def test_administrator_cannot_edit_or_publish_articles(self, administrator, desks):
        draft = ArticleFactory(parent=desks["politics"], title="Черновик в работе", publish=False)
        client = logged_in(administrator)
        assert refused(client.get(f"/admin/pages/{draft.pk}/edit/"))
        assert refused(edit_article(client, draft, action="action-publish"))
        response, article = create_article(
            client, desks["politics"], title="От администратора", action="action-publish"
        )
        assert refused(response) and article is None
        assert not fresh(draft).live


class TestAdministratorAndSuperusers:
    def test_administrator_can_neither_make_a_superuser_nor_change_one(
        self, administrator, desks, django_user_model
    ):
        owner = django_user_model.objects.create_superuser(
            "owner", "owner@vestnik.example", "Владелец-сайта-2026"
        )
        client = logged_in(administrator)
        form = {"username": "shadow", "email": "shadow@vestnik.example", "first_name": "Т", "last_name": "Т",
                "password1": "Теневой-доступ-2026", "password2": "Теневой-доступ-2026", "is_superuser": "on"}  # fmt: skip
        response = client.post(reverse("wagtailusers_users:add"), form)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailusers_users:index")
        assert not django_user_model.objects.filter(username="shadow").exists()

        edit_owner = reverse("wagtailusers_users:edit", args=(owner.pk,))
        assert client.get(edit_owner).status_code == 302
        client.post(edit_owner, {"username": "owner", "email": "owner@vestnik.example", "first_name": "В",
                                 "last_name": "В", "password1": "Захвачено-2026-х", "password2": "Захвачено-2026-х",
                                 "is_active": "on", "is_superuser": "on"})  # fmt: skip
        owner.refresh_from_db()
        assert owner.check_password("Владелец-сайта-2026")

        reporter = newsroom_member(Role.REPORTER, rubric=desks["politics"], username="promoted")
        client.post(reverse("wagtailusers_users:edit", args=(reporter.pk,)),
                    {"username": "promoted", "email": "p@vestnik.example", "first_name": "П", "last_name": "П",
                     "is_active": "on", "is_superuser": "on"})  # fmt: skip
        reporter.refresh_from_db()
        assert not reporter.is_superuser

    def test_a_superuser_still_makes_superusers(self, django_user_model, db):
        owner = django_user_model.objects.create_superuser(
            "owner", "owner@vestnik.example", "Владелец-сайта-2026"
        )
        response = logged_in(owner).post(
            reverse("wagtailusers_users:add"),
            {"username": "deputy", "email": "deputy@vestnik.example", "first_name": "З", "last_name": "З",
             "password1": "Заместитель-2026", "password2": "Заместитель-2026", "is_superuser": "on"},
        )  # fmt: skip
        assert response.status_code == 302, response.content.decode()[:2000]
        assert django_user_model.objects.get(username="deputy").is_superuser
