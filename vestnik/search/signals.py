"""Keep the index current: Wagtail's publishing signals and edits of what articles show.

Publishing and unpublishing update the index in the same request (and transaction,
where Wagtail runs one); renaming an author, tag or rubric marks the articles that show
the name stale in the same transaction, and a task reindexes them (services.mark_stale).
"""

from django.db.models.signals import post_save, pre_delete, pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from vestnik.news.models import ArticlePage, Author, RubricPage, Tag

from . import services


def _published(sender, instance, **kwargs):
    services.index_article(instance)


def _unpublished(sender, instance, **kwargs):
    services.remove_article(instance.pk)


def _deleted(sender, instance, **kwargs):
    services.remove_article(instance.pk)


def _moved(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, ArticlePage):
        services.mark_stale([instance.pk])


def _rubric_saving(sender, instance, update_fields=None, **kwargs):
    # A draft saves only revision fields; the title reaches the table when published.
    writes_title = update_fields is None or "title" in update_fields
    instance._search_renamed = bool(
        instance.pk
        and writes_title
        and RubricPage.objects.filter(pk=instance.pk).exclude(title=instance.title).exists()
    )


def _rubric_saved(sender, instance, **kwargs):
    if getattr(instance, "_search_renamed", False):
        services.mark_stale(ArticlePage.objects.in_rubric(instance).values("pk"))


def _author_saved(sender, instance, created, **kwargs):
    if not created:
        services.mark_stale(ArticlePage.objects.by_author(instance).values("pk"))


def _tag_saved(sender, instance, created, **kwargs):
    if not created:
        services.mark_stale(ArticlePage.objects.tagged(instance).values("pk"))


page_published.connect(_published, sender=ArticlePage, dispatch_uid="vestnik-search-publish")
page_unpublished.connect(_unpublished, sender=ArticlePage, dispatch_uid="vestnik-search-unpublish")
pre_delete.connect(_deleted, sender=ArticlePage, dispatch_uid="vestnik-search-delete")
post_page_move.connect(_moved, dispatch_uid="vestnik-search-move")
pre_save.connect(_rubric_saving, sender=RubricPage, dispatch_uid="vestnik-search-rubric-saving")
post_save.connect(_rubric_saved, sender=RubricPage, dispatch_uid="vestnik-search-rubric-saved")
post_save.connect(_author_saved, sender=Author, dispatch_uid="vestnik-search-author")
post_save.connect(_tag_saved, sender=Tag, dispatch_uid="vestnik-search-tag")
