"""Feeds are language-neutral: one address per feed (included outside i18n_patterns)."""

from django.urls import path

from vestnik.syndication.views import conditional

from . import feeds

app_name = "entity-feeds"
urlpatterns = [
    path("feeds/entity/<slug:slug>/rss/", conditional(feeds.EntityFeed), name="rss"),
    path("feeds/entity/<slug:slug>/atom/", conditional(feeds.AtomEntityFeed), name="atom"),
]
