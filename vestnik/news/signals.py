"""Cached lists are keyed by a content generation; any change to the tree bumps it."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .generation import bump_content_generation
from .models import Author, NewsSiteSettings, Tag


def _bump(**kwargs):
    bump_content_generation()


for _signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    _signal.connect(_bump, dispatch_uid=f"vestnik-generation-{id(_signal)}")
post_delete.connect(_bump, sender="wagtailcore.Page", dispatch_uid="vestnik-generation-delete")
# Cached bylines and tag lists (selectors.article_context) show names and photos.
post_save.connect(_bump, sender=Author, dispatch_uid="vestnik-generation-author")
post_save.connect(_bump, sender=Tag, dispatch_uid="vestnik-generation-tag")
# Cached with the generation too: site settings, the sites and whether any page is restricted.
post_save.connect(_bump, sender=NewsSiteSettings, dispatch_uid="vestnik-generation-settings")
for _model in (Site, PageViewRestriction):
    post_save.connect(_bump, sender=_model, dispatch_uid=f"vestnik-generation-{_model.__name__}-saved")
    post_delete.connect(_bump, sender=_model, dispatch_uid=f"vestnik-generation-{_model.__name__}-deleted")
