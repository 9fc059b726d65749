"""A published article's picture and an author's photo get their renditions from the
background worker, not from the first reader who opens a page showing them."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from vestnik.news.models import ArticlePage, Author


def _published(sender, instance, **kwargs):
    if instance.hero_image_id:
        from .tasks import make_renditions

        image_id = instance.hero_image_id
        transaction.on_commit(lambda: make_renditions.enqueue(image_id))


def _author_saved(sender, instance, **kwargs):
    if instance.photo_id:
        from .tasks import make_renditions

        photo_id = instance.photo_id
        transaction.on_commit(lambda: make_renditions.enqueue(photo_id, portrait=True))


page_published.connect(_published, sender=ArticlePage, dispatch_uid="vestnik-images-published")
post_save.connect(_author_saved, sender=Author, dispatch_uid="vestnik-images-author-saved")
