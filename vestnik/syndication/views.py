"""Feeds with conditional GET, and robots.txt."""

from __future__ import annotations

import hashlib

from django.db.models import Max
from django.views.decorators.http import condition

from vestnik.news.models import ArticlePage
from vestnik.news.selectors import content_generation

from . import feeds


def _etag(request, *args, **kwargs):
    # Every publish, unpublish, move or delete bumps the content generation (news.signals).
    key = f"{content_generation()}:{request.get_full_path()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request, *args, **kwargs):
    latest = ArticlePage.objects.live().aggregate(latest=Max("last_published_at"))["latest"]
    return latest


def conditional(feed_class):
    return condition(etag_func=_etag, last_modified_func=_last_modified)(feed_class())


site_rss = conditional(feeds.ArticleFeed)
site_atom = conditional(feeds.atom(feeds.ArticleFeed))
site_yandex = conditional(feeds.yandex(feeds.ArticleFeed))
rubric_rss = conditional(feeds.RubricFeed)
rubric_atom = conditional(feeds.atom(feeds.RubricFeed))
author_rss = conditional(feeds.AuthorFeed)
author_atom = conditional(feeds.atom(feeds.AuthorFeed))
tag_rss = conditional(feeds.TagFeed)
tag_atom = conditional(feeds.atom(feeds.TagFeed))
