"""Cached lists are keyed by a content generation; any change to the tree bumps it."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .selectors import bump_content_generation


def _bump(**kwargs):
    bump_content_generation()


for _signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    _signal.connect(_bump, dispatch_uid=f"vestnik-generation-{id(_signal)}")
post_delete.connect(_bump, sender="wagtailcore.Page", dispatch_uid="vestnik-generation-delete")
