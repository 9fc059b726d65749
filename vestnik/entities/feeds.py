"""An entity's RSS and Atom feeds: the site feed narrowed to its articles."""

from django.shortcuts import get_object_or_404

from vestnik.syndication.feeds import ArticleFeed, atom

from .models import Entity
from .selectors import entity_articles


class EntityFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Entity, slug=slug)

    def articles(self, obj):
        return entity_articles(obj)

    def scope_title(self, obj):
        return obj.name

    def scope_tag(self, obj):
        return f"list:entity:{obj.pk}"

    def scope_link(self, obj):
        return obj.get_absolute_url()


AtomEntityFeed = atom(EntityFeed)
