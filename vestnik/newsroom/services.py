"""Setting up the newsroom's groups, permissions and workflows (docs/editorial.md).

Idempotent and additive: run again, it adds what is missing and renames a rubric's groups and
workflow after the rubric, and it never takes away a permission, a group, a member or an
approver that someone added by hand. It works on the live models or, from a data migration,
on the migration's historical ones (``apps``), as Django's own ``create_permissions`` does, so
the migration does not break when a model gains a field later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.db import transaction

from .roles import (
    APPROVAL_TASK_NAME,
    COLLECTION_PERMISSIONS,
    MODEL_PERMISSIONS,
    PAGE_PERMISSIONS,
    ROLE_GROUP_NAMES,
    RUBRIC_GROUP_NAMES,
    WORKFLOW_NAME,
    Role,
)

GROUP_NAME_MAX = 150  # django.contrib.auth's Group.name


@dataclass
class SetupReport:
    groups_created: list[str] = field(default_factory=list)
    workflows_created: list[str] = field(default_factory=list)
    permissions_added: int = 0

    def __bool__(self) -> bool:
        return bool(self.groups_created or self.workflows_created or self.permissions_added)


class _Models:
    """The models the setup touches, from the live registry or a migration's state."""

    def __init__(self, apps):
        get = apps.get_model
        self.Group = get("auth", "Group")
        self.Permission = get("auth", "Permission")
        self.ContentType = get("contenttypes", "ContentType")
        self.Page = get("wagtailcore", "Page")
        self.Collection = get("wagtailcore", "Collection")
        self.GroupPagePermission = get("wagtailcore", "GroupPagePermission")
        self.GroupCollectionPermission = get("wagtailcore", "GroupCollectionPermission")
        self.Workflow = get("wagtailcore", "Workflow")
        self.WorkflowTask = get("wagtailcore", "WorkflowTask")
        self.WorkflowPage = get("wagtailcore", "WorkflowPage")
        self.GroupApprovalTask = get("wagtailcore", "GroupApprovalTask")
        self.NewsroomRole = get("newsroom", "NewsroomRole")
        self.RubricDesk = get("newsroom", "RubricDesk")
        self._permissions: dict[str, object] = {}

    def permission(self, name: str):
        """``"app_label.codename"`` → the Permission row; a name that does not exist is a bug."""
        if name not in self._permissions:
            app_label, codename = name.split(".")
            self._permissions[name] = self.Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
        return self._permissions[name]

    def content_type_id(self, app_label: str, model: str) -> int | None:
        row = self.ContentType.objects.filter(app_label=app_label, model=model).first()
        return row.pk if row else None


@transaction.atomic
def newsroom_setup(*, apps=global_apps) -> SetupReport:
    """The four role groups with their permissions, the chief editor's permissions on the home
    page, and a desk (two groups and an approval workflow) for every top-level rubric."""
    models, report = _Models(apps), SetupReport()
    groups = _role_groups(models, report)
    home = _home_page(models)
    if home is not None:
        _grant_page_permissions(models, groups[Role.CHIEF], home, PAGE_PERMISSIONS[Role.CHIEF], report)
        for rubric in _top_level_rubrics(models, home):
            _desk_setup(models, rubric, chief=groups[Role.CHIEF], report=report)
    return report


@transaction.atomic
def rubric_desk_setup(*, rubric) -> SetupReport:
    """The desk of one rubric, if it is a top-level one (sub-rubrics share their parent's);
    for a rubric just created, renamed or moved in the admin."""
    models, report = _Models(global_apps), SetupReport()
    home = _home_page(models)
    if home is None or rubric.depth != home.depth + 1 or not rubric.path.startswith(home.path):
        return report
    groups = _role_groups(models, report)
    _desk_setup(models, rubric, chief=groups[Role.CHIEF], report=report)
    return report


def _role_groups(models: _Models, report: SetupReport) -> dict[Role, object]:
    root_collection = models.Collection.objects.filter(depth=1).first()
    groups = {}
    for role in Role:
        link = models.NewsroomRole.objects.filter(role=role.value).select_related("group").first()
        if link is None:
            group = _group_named(models, ROLE_GROUP_NAMES[role], report)
            models.NewsroomRole.objects.create(role=role.value, group=group)
        else:
            group = link.group
        for name in MODEL_PERMISSIONS[role]:
            permission = models.permission(name)
            if not group.permissions.filter(pk=permission.pk).exists():
                group.permissions.add(permission)
                report.permissions_added += 1
        for name in COLLECTION_PERMISSIONS[role]:
            _, created = models.GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=models.permission(name)
            )
            report.permissions_added += created
        groups[role] = group
    return groups


def _desk_setup(models: _Models, rubric, *, chief, report: SetupReport) -> None:
    title = rubric.title.strip()
    desk = models.RubricDesk.objects.filter(rubric_id=rubric.pk).select_related("workflow").first()
    if desk is None:
        desk = models.RubricDesk.objects.create(
            rubric_id=rubric.pk,
            reporters=_group_named(models, _rubric_group_name(models, Role.REPORTER, rubric), report),
            editors=_group_named(models, _rubric_group_name(models, Role.EDITOR, rubric), report),
            workflow=_approval_workflow(models, title, report),
        )
    else:
        for role, group in ((Role.REPORTER, desk.reporters), (Role.EDITOR, desk.editors)):
            _rename(group, _rubric_group_name(models, role, rubric, current=group))
        _rename(desk.workflow, _fit(WORKFLOW_NAME, title, 255))
    _grant_page_permissions(models, desk.reporters, rubric, PAGE_PERMISSIONS[Role.REPORTER], report)
    _grant_page_permissions(models, desk.editors, rubric, PAGE_PERMISSIONS[Role.EDITOR], report)
    _approval_task(models, desk.workflow, title).groups.add(desk.editors, chief)
    if not models.WorkflowPage.objects.filter(page_id=rubric.pk).exists():
        # A rubric with no workflow at all would leave its reporters no way to submit; one that
        # the chief editor gave another workflow keeps it.
        models.Workflow.objects.filter(pk=desk.workflow.pk).update(active=True)
        models.WorkflowPage.objects.create(page_id=rubric.pk, workflow=desk.workflow)


def _approval_workflow(models: _Models, title: str, report: SetupReport):
    workflow = models.Workflow.objects.create(name=_fit(WORKFLOW_NAME, title, 255), active=True)
    report.workflows_created.append(workflow.name)
    return workflow


def _approval_task(models: _Models, workflow, title: str):
    """The workflow's first group approval task, named after the rubric (made if it has none)."""
    name = _fit(APPROVAL_TASK_NAME, title, 255)
    task = (
        models.GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow)
        .order_by("workflow_tasks__sort_order")
        .first()
    )
    if task is not None:
        _rename(task, name)
        return task
    task = models.GroupApprovalTask.objects.create(
        name=name, active=True, content_type_id=models.content_type_id("wagtailcore", "groupapprovaltask")
    )
    last = models.WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order").first()
    models.WorkflowTask.objects.create(
        workflow=workflow, task=task, sort_order=last.sort_order + 1 if last else 0
    )
    return task


def _grant_page_permissions(models: _Models, group, page, actions, report: SetupReport) -> None:
    for action in actions:
        _, created = models.GroupPagePermission.objects.get_or_create(
            group=group, page_id=page.pk, permission=models.permission(f"wagtailcore.{action}_page")
        )
        report.permissions_added += created


def _group_named(models: _Models, name: str, report: SetupReport):
    group, created = models.Group.objects.get_or_create(name=name)
    if created:
        report.groups_created.append(name)
    return group


def _rubric_group_name(models: _Models, role: Role, rubric, *, current=None) -> str:
    """ "Политика — редакторы"; "Политика (politika-2) — редакторы" when another desk's group
    already has the plain name (two top-level rubrics of one title)."""
    desk_groups = set(models.RubricDesk.objects.values_list("reporters_id", flat=True))
    desk_groups |= set(models.RubricDesk.objects.values_list("editors_id", flat=True))
    desk_groups.discard(getattr(current, "pk", None))
    title = rubric.title.strip()
    for label in (title, f"{title} ({rubric.slug})"):
        name = _fit(RUBRIC_GROUP_NAMES[role], label, GROUP_NAME_MAX)
        if not models.Group.objects.filter(name=name, pk__in=desk_groups).exists():
            break
    return name


def _fit(template: str, title: str, max_length: int) -> str:
    """The template with the title in it, the title cut so the whole fits the field."""
    room = max_length - len(template.format(rubric=""))
    return template.format(rubric=title[:room].rstrip())


def _rename(obj, name: str) -> None:
    if obj.name != name and not type(obj).objects.filter(name=name).exclude(pk=obj.pk).exists():
        obj.name = name
        obj.save(update_fields=["name"])


def _home_page(models: _Models):
    content_type_id = models.content_type_id("news", "homepage")
    return models.Page.objects.filter(content_type_id=content_type_id).order_by("path").first()


def _top_level_rubrics(models: _Models, home):
    return models.Page.objects.filter(
        content_type_id=models.content_type_id("news", "rubricpage"),
        depth=home.depth + 1,
        path__startswith=home.path,
    ).order_by("path")
