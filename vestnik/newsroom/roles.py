"""What each newsroom role may do, declared once; ``services.newsroom_setup`` builds the groups
from these tables (docs/editorial.md has the same in words).

Permissions are Wagtail's own: page permissions (``GroupPagePermission``) on a rubric page or on
the home page reach every page below it; image and document permissions sit on the root
collection (``GroupCollectionPermission``); the rest are plain Django permissions of the group.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Корреспондент")
    EDITOR = "editor", _("Редактор")
    CHIEF = "chief", _("Главный редактор")
    ADMINISTRATOR = "administrator", _("Администратор")


# Group names are data, written once in the newsroom's language; the site owner may rename a
# role group (setup finds it by NewsroomRole, not by name). A rubric's groups and workflow
# follow the rubric's title.
ROLE_GROUP_NAMES = {
    Role.REPORTER: "Корреспондент",
    Role.EDITOR: "Редактор",
    Role.CHIEF: "Главный редактор",
    Role.ADMINISTRATOR: "Администратор",
}
RUBRIC_GROUP_NAMES = {Role.REPORTER: "{rubric} — корреспонденты", Role.EDITOR: "{rubric} — редакторы"}
WORKFLOW_NAME = "Проверка: {rubric}"
APPROVAL_TASK_NAME = "{rubric}: одобрение редактора"

# Page permissions, by Wagtail's action names. "add" alone lets a reporter create pages and
# edit the ones they own (a live one only into a draft for approval), and nothing else: no
# publishing, no editing a colleague's article. Wagtail 8 has no separate delete permission:
# whoever may edit a page may delete it, and only one who may publish may delete a live page.
PAGE_PERMISSIONS = {
    Role.REPORTER: ("add",),
    Role.EDITOR: ("add", "change", "publish", "lock", "unlock"),
    Role.CHIEF: ("add", "change", "publish", "lock", "unlock", "bulk_delete"),
    Role.ADMINISTRATOR: (),
}

_IMAGES_AND_DOCUMENTS_ADD = ("wagtailimages.add_image", "wagtailimages.choose_image",
                             "wagtaildocs.add_document", "wagtaildocs.choose_document")  # fmt: skip
_IMAGES_AND_DOCUMENTS_EDIT = (
    *_IMAGES_AND_DOCUMENTS_ADD,
    "wagtailimages.change_image",
    "wagtaildocs.change_document",
)
# On the root collection. "add" also lets one edit and delete one's own uploads.
COLLECTION_PERMISSIONS = {
    Role.REPORTER: _IMAGES_AND_DOCUMENTS_ADD,
    Role.EDITOR: _IMAGES_AND_DOCUMENTS_EDIT,
    Role.CHIEF: (*_IMAGES_AND_DOCUMENTS_EDIT, "wagtailimages.delete_image", "wagtaildocs.delete_document"),
    Role.ADMINISTRATOR: (),
}

_REDIRECTS = ("wagtailredirects.add_redirect", "wagtailredirects.change_redirect",
              "wagtailredirects.delete_redirect")  # fmt: skip
MODEL_PERMISSIONS = {
    Role.REPORTER: ("wagtailadmin.access_admin",),
    Role.EDITOR: ("wagtailadmin.access_admin", "news.add_author", "news.change_author"),
    Role.CHIEF: (
        "wagtailadmin.access_admin",
        "news.add_author",
        "news.change_author",
        "news.delete_author",
        *_REDIRECTS,
        # Settings → Workflows and Tasks: who approves what.
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        # Reports → Site history shows the entries of deleted pages too (models.DeletedPageLogEntry).
        "newsroom.view_deleted_pages",
    ),
    Role.ADMINISTRATOR: (
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "news.change_newssitesettings",
        *_REDIRECTS,
    ),
}
