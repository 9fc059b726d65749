"""A published article's picture gets its renditions from the background worker, not from
the first reader who opens a page showing it."""

from django.db import transaction
from wagtail.signals import page_published

from vestnik.news.models import ArticlePage


def _published(sender, instance, **kwargs):
    if instance.hero_image_id:
        from .tasks import make_renditions

        image_id = instance.hero_image_id
        transaction.on_commit(lambda: make_renditions.enqueue(image_id))


page_published.connect(_published, sender=ArticlePage, dispatch_uid="vestnik-images-published")
