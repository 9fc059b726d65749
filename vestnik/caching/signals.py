"""Which cached pages each change invalidates (tags.py names them; services.py bumps them)."""

from django.db.models.signals import post_save, pre_delete, pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from vestnik.news.models import ArticlePage, Author, HomePage, InfoPage, NewsSiteSettings, RubricPage, Tag

from . import services


def _article_saving(sender, instance, update_fields=None, **kwargs):
    # Publishing saves the whole row; a draft saves only revision fields and shows nowhere.
    if instance.pk and update_fields is None:
        instance._cache_state_before = services.article_state(instance.pk)


def _article_published(sender, instance, **kwargs):
    before = getattr(instance, "_cache_state_before", services.NOT_LIVE)
    instance._cache_state_before = services.NOT_LIVE
    services.article_changed(article_id=instance.pk, before=before, after=services.article_state(instance.pk))


def _article_unpublished(sender, instance, **kwargs):
    # The relations are still those it was listed under: unpublishing changes only `live`.
    state = services.article_state(instance.pk)
    services.article_changed(
        article_id=instance.pk,
        before=services.ArticleState(True, state.lists, group=state.group),
        after=services.NOT_LIVE,
    )


def _article_deleting(sender, instance, **kwargs):
    services.article_changed(
        article_id=instance.pk, before=services.article_state(instance.pk), after=services.NOT_LIVE
    )


def _page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    article = instance.specific_deferred
    if isinstance(article, ArticlePage):
        services.invalidate(
            {
                f"article:{instance.pk}",
                # Its translations link to its address.
                f"translations:{article.translation_of_id or instance.pk}",
                f"list:rubric:{parent_page_before.pk}",
                f"list:rubric:{parent_page_after.pk}",
            }
        )
    else:
        services.invalidate({"chrome"})


def _frame_changed(sender, instance, **kwargs):
    # Rubrics (the menu), the home page (lead story) and site settings show on every page;
    # an information page caches no tags of its own, and changes rarely.
    services.invalidate({"chrome"})


def _entity_saved(prefix):
    def handler(sender, instance, created, **kwargs):
        if not created:
            services.invalidate({f"{prefix}:{instance.pk}"})

    return handler


pre_save.connect(_article_saving, sender=ArticlePage, dispatch_uid="vestnik-cache-article-saving")
page_published.connect(_article_published, sender=ArticlePage, dispatch_uid="vestnik-cache-published")
page_unpublished.connect(_article_unpublished, sender=ArticlePage, dispatch_uid="vestnik-cache-unpublished")
pre_delete.connect(_article_deleting, sender=ArticlePage, dispatch_uid="vestnik-cache-deleting")
post_page_move.connect(_page_moved, dispatch_uid="vestnik-cache-moved")
for _model in (HomePage, RubricPage, InfoPage):
    for _signal in (page_published, page_unpublished):
        _signal.connect(
            _frame_changed, sender=_model, dispatch_uid=f"vestnik-cache-{_model.__name__}-{id(_signal)}"
        )
    pre_delete.connect(_frame_changed, sender=_model, dispatch_uid=f"vestnik-cache-{_model.__name__}-delete")
post_save.connect(_frame_changed, sender=NewsSiteSettings, dispatch_uid="vestnik-cache-settings")
post_save.connect(_entity_saved("author"), sender=Author, weak=False, dispatch_uid="vestnik-cache-author")
post_save.connect(_entity_saved("tag"), sender=Tag, weak=False, dispatch_uid="vestnik-cache-tag")
