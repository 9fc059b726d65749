"""Publishing queues the analysis; an unpublish or a renamed entity invalidates pages."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from vestnik.caching import services as page_cache
from vestnik.news.generation import bump_content_generation
from vestnik.news.models import ArticlePage

from .models import Entity, Mention


def _entity_lists(article_id: int) -> set[str]:
    ids = Mention.objects.filter(article_id=article_id, status=Mention.Status.ACCEPTED, entity__isnull=False)
    return {f"list:entity:{pk}" for pk in ids.values_list("entity_id", flat=True)}


def _published(sender, instance, **kwargs):
    # It enters the lists of the entities already accepted for it now; what the analysis
    # finds in the new text follows from the worker.
    lists = _entity_lists(instance.pk)
    if lists:
        page_cache.invalidate(lists)
    if settings.VESTNIK_ENRICH_ON_PUBLISH:
        from .tasks import enrich_article

        article_id = instance.pk
        transaction.on_commit(lambda: enrich_article.enqueue(article_id))


def _unpublished(sender, instance, **kwargs):
    lists = _entity_lists(instance.pk)
    if lists:
        page_cache.invalidate(lists)
    from .tasks import refresh_article_links

    article_id = instance.pk
    transaction.on_commit(lambda: refresh_article_links.enqueue(article_id))


def _entity_saved(sender, instance, created, **kwargs):
    if not created:
        # Articles' cached entity lists (selectors.article_enrichment) carry the name, as
        # cached bylines carry an author's: a new generation, as for an author.
        bump_content_generation()
        page_cache.invalidate({f"entity:{instance.pk}"})


page_published.connect(_published, sender=ArticlePage, dispatch_uid="vestnik-entities-published")
page_unpublished.connect(_unpublished, sender=ArticlePage, dispatch_uid="vestnik-entities-unpublished")
post_save.connect(_entity_saved, sender=Entity, dispatch_uid="vestnik-entities-entity-saved")
