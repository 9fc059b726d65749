"""The newsroom's groups, permissions and workflows: made once, kept, completed for new rubrics."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupApprovalTask, GroupCollectionPermission, GroupPagePermission, WorkflowPage

from vestnik.news.models import RubricPage
from vestnik.news.tests.factories import RubricFactory, inline_forms
from vestnik.newsroom.models import RubricDesk
from vestnik.newsroom.roles import Role
from vestnik.newsroom.services import newsroom_setup

from .conftest import logged_in
from .factories import UserFactory, role_group

pytestmark = pytest.mark.django_db


def newsroom_state() -> dict:
    """Every group with its permissions, page and collection permissions, and every workflow
    assignment with its approvers: what a second setup must leave exactly as it was."""
    return {
        "groups": sorted(
            (g.name, tuple(sorted(g.permissions.values_list("codename", flat=True))))
            for g in Group.objects.all()
        ),
        "pages": sorted(
            GroupPagePermission.objects.values_list("group__name", "page__title", "permission__codename")
        ),
        "collections": sorted(
            GroupCollectionPermission.objects.values_list("group__name", "permission__codename")
        ),
        "workflows": sorted(
            (
                wp.page.title,
                wp.workflow.name,
                task.name,
                tuple(sorted(task.groups.values_list("name", flat=True))),
            )
            for wp in WorkflowPage.objects.select_related("page", "workflow")
            for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=wp.workflow)
        ),
    }


def test_the_migration_made_the_four_role_groups(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Корреспондент", "Редактор", "Главный редактор", "Администратор"} <= names


def test_setup_run_twice_gives_the_same_groups_permissions_and_workflows(politics, society):
    first = newsroom_setup()
    assert sorted(first.groups_created) == sorted(["Политика — корреспонденты", "Политика — редакторы",
                                                   "Общество — корреспонденты", "Общество — редакторы"])  # fmt: skip
    assert sorted(first.workflows_created) == ["Проверка: Общество", "Проверка: Политика"]
    state = newsroom_state()
    second = newsroom_setup()
    assert not second, second
    assert newsroom_state() == state
    assert ("Политика", "Проверка: Политика", "Политика: одобрение редактора",
            ("Главный редактор", "Политика — редакторы")) in state["workflows"]  # fmt: skip
    assert ("Политика — корреспонденты", "Политика", "add_page") in state["pages"]
    assert ("Политика — редакторы", "Политика", "publish_page") in state["pages"]
    assert ("Главный редактор", "Вестник", "publish_page") in state["pages"]
    assert not any(row[0] == "Администратор" for row in state["pages"])


def test_setup_keeps_what_was_added_by_hand(desks):
    reporters = role_group(Role.REPORTER)
    reporters.permissions.add(Permission.objects.get(codename="delete_author"))
    proofreaders = Group.objects.create(name="Корректоры")
    task = GroupApprovalTask.objects.get(name="Политика: одобрение редактора")
    task.groups.add(proofreaders)
    newsroom_setup()
    assert reporters.permissions.filter(codename="delete_author").exists()
    assert task.groups.filter(pk=proofreaders.pk).exists()


def test_sub_rubrics_share_their_top_level_rubrics_desk(reporter, desks):
    from .admin_actions import create_article

    regions = RubricFactory(parent=desks["politics"], title="Регионы")
    newsroom_setup()
    assert not RubricDesk.objects.filter(rubric=regions).exists()
    assert not Group.objects.filter(name__startswith="Регионы").exists()
    response, article = create_article(logged_in(reporter), regions, title="В Шымкенте выбрали акима",
                                       action="action-submit")  # fmt: skip
    assert article.current_workflow_state.workflow.name == "Проверка: Политика"


def test_a_rubric_created_in_the_admin_gets_its_desk_at_once(chief, home, desks):
    response = logged_in(chief).post(
        f"/admin/pages/add/news/rubricpage/{home.pk}/",
        {"title": "Спорт", "slug": "sport", "description": "", "action-publish": "action-publish"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    sport = RubricPage.objects.get(title="Спорт")
    assert sport.desk.reporters.name == "Спорт — корреспонденты"
    assert sport.desk.editors.name == "Спорт — редакторы"
    assert sport.get_workflow().name == "Проверка: Спорт"
    assert GroupPagePermission.objects.filter(group=sport.desk.editors, page=sport,
                                              permission__codename="publish_page").exists()  # fmt: skip


def test_a_rubric_renamed_in_the_admin_renames_its_groups_and_workflow(chief, desks):
    politics = desks["politics"]
    response = logged_in(chief).post(
        f"/admin/pages/{politics.pk}/edit/",
        {"title": "Власть", "slug": politics.slug, "description": "", "action-publish": "action-publish"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    desk = RubricDesk.objects.select_related("reporters", "editors", "workflow").get(rubric=politics)
    assert (desk.reporters.name, desk.editors.name, desk.workflow.name) == (
        "Власть — корреспонденты", "Власть — редакторы", "Проверка: Власть")  # fmt: skip
    assert not Group.objects.filter(name__startswith="Политика").exists()


def test_two_rubrics_of_one_title_get_groups_of_their_own(home):
    RubricFactory(parent=home, title="Мир", slug="mir")
    RubricFactory(parent=home, title="Мир", slug="mir-2")
    newsroom_setup()
    names = set(Group.objects.filter(name__contains="Мир").values_list("name", flat=True))
    assert names == {"Мир — корреспонденты", "Мир — редакторы",
                     "Мир (mir-2) — корреспонденты", "Мир (mir-2) — редакторы"}  # fmt: skip


def test_setup_newsroom_command_reports_and_warns_about_a_member_without_the_role_group(politics):
    out = io.StringIO()
    call_command("setup_newsroom", stdout=out)
    assert "group created: Политика — редакторы" in out.getvalue()
    assert "workflow created: Проверка: Политика" in out.getvalue()

    half_set_up = UserFactory(username="half")
    half_set_up.groups.add(politics.desk.editors)
    # A rubric's group alone opens no door: the login page again, "У вас нет прав доступа к админке."
    refused = logged_in(half_set_up).get("/admin/", follow=True)
    assert "У вас нет прав доступа к админке." in refused.content.decode()
    out = io.StringIO()
    call_command("setup_newsroom", stdout=out)
    assert "0 groups and 0 workflows created, 0 permissions added" in out.getvalue()
    assert "half is in “Политика — редакторы” but not in “Редактор”" in out.getvalue()
    half_set_up.groups.add(role_group(Role.EDITOR))
    out = io.StringIO()
    call_command("setup_newsroom", stdout=out)
    assert "half" not in out.getvalue()


def test_a_home_page_created_in_the_admin_gives_the_chief_editor_the_whole_site(db, django_user_model):
    from wagtail.models import Page

    from vestnik.news.models import HomePage

    owner = django_user_model.objects.create_superuser(
        "owner", "owner@vestnik.example", "Владелец-сайта-2026"
    )
    root = Page.get_first_root_node()
    response = logged_in(owner).post(
        f"/admin/pages/add/news/homepage/{root.pk}/",
        {
            "title": "Вестник",
            "slug": "vestnik",
            **inline_forms("rubric_blocks"),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    home = HomePage.objects.get()
    granted = GroupPagePermission.objects.filter(page=home, group=role_group(Role.CHIEF))
    assert set(granted.values_list("permission__codename", flat=True)) == {
        "add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"}  # fmt: skip


def test_a_deleted_rubric_leaves_its_groups_without_rights_and_setup_does_not_bring_them_back(desks):
    politics = desks["politics"]
    desk = RubricDesk.objects.get(rubric=politics)
    reporters, editors, workflow = desk.reporters, desk.editors, desk.workflow
    politics.delete()
    newsroom_setup()
    assert not RubricDesk.objects.filter(pk=desk.pk).exists()
    for group in (reporters, editors):
        assert Group.objects.filter(pk=group.pk).exists()
        assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not WorkflowPage.objects.filter(workflow=workflow).exists()
