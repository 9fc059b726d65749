"""Which Django groups and Wagtail workflow belong to which role and rubric.

Wagtail keeps the permissions and the workflows; these rows only remember which of its groups
and workflows the newsroom set up, so the setup finds them again after a group or a rubric is
renamed instead of making new ones.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry
from wagtail.models.pages import PageLogEntryManager

from .roles import Role


class NewsroomRole(models.Model):
    """The group that carries a role's permissions outside the page tree."""

    role = models.CharField(_("роль"), max_length=20, choices=Role.choices, unique=True)
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("группа"), on_delete=models.CASCADE, related_name="newsroom_role"
    )

    class Meta:
        verbose_name = _("роль в редакции")
        verbose_name_plural = _("роли в редакции")
        ordering = ["role"]

    def __str__(self):
        return self.get_role_display()


class RubricDesk(models.Model):
    """A top-level rubric's desk: its reporters' and editors' groups, which carry the page
    permissions on the rubric, and the approval workflow assigned to it."""

    rubric = models.OneToOneField(
        "news.RubricPage",
        verbose_name=_("рубрика"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="desk",
    )
    reporters = models.OneToOneField(
        "auth.Group", verbose_name=_("корреспонденты"), on_delete=models.CASCADE, related_name="+"
    )
    editors = models.OneToOneField(
        "auth.Group", verbose_name=_("редакторы"), on_delete=models.CASCADE, related_name="+"
    )
    workflow = models.OneToOneField(
        "wagtailcore.Workflow", verbose_name=_("процесс проверки"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("отдел рубрики")
        verbose_name_plural = _("отделы рубрик")

    def __str__(self):
        return str(self.rubric_id)


class DeletedPageLogManager(PageLogEntryManager):
    def viewable_by_user(self, user):
        """Every entry of every deleted page, for a user with ``newsroom.view_deleted_pages``
        to whom Wagtail's own rule does not already show them.

        Wagtail shows a deleted page's entries (its publications and its deletion) only to
        superusers and to users who may add a page at the very root of the tree; on this site
        nothing can be added there (one home page), so without this the chief editor would
        never see who deleted what."""
        if user.is_superuser or not user.has_perm("newsroom.view_deleted_pages"):
            return self.none()
        if Page.get_first_root_node().permissions_for_user(user).can_add_subpage():
            return self.none()
        deleted_pages = PageLogEntry.objects.filter(deleted=True).values("page_id")
        return self.filter(page_id__in=Subquery(deleted_pages))


class DeletedPageLogEntry(PageLogEntry):
    """Wagtail's page log, seen through ``DeletedPageLogManager``. Registered as one more log
    model (wagtail_hooks.py), so Reports → Site history, which joins every registered log
    model, lists these entries beside the ones Wagtail shows by itself."""

    objects = DeletedPageLogManager()

    class Meta:
        proxy = True
        default_permissions = ()
        permissions = [("view_deleted_pages", _("Видит в истории сайта удалённые страницы"))]
        verbose_name = _("запись журнала удалённой страницы")
        verbose_name_plural = _("записи журнала удалённых страниц")
