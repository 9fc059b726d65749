"""Invalidate exactly the cached pages that show what changed, and purge the CDN.

An article's change touches the pages that show it (``article:<id>``, whatever list they
are) and the lists it enters or leaves. Which lists those are comes from comparing the
article's memberships before and after: a typo fixed in an old article re-renders its own
page and the pages listing it, not the home page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from vestnik.news.models import ArticleAuthor, ArticlePage, ArticleTag, Author, Tag

from . import tags as page_tags
from .tasks import purge_cdn


@dataclass(frozen=True)
class ArticleState:
    live: bool
    lists: frozenset[str] = field(default_factory=frozenset)
    breaking_until: dt.datetime | None = None  # while in the future, every page shows its banner
    group: int | None = None  # its translation group (the original's id): their switchers and hreflang

    @property
    def in_banner(self) -> dt.datetime | None:
        """Until when the article is in the breaking-news banner, if it is."""
        until = self.breaking_until
        return until if self.live and until and until > timezone.now() else None


NOT_LIVE = ArticleState(live=False)


def article_state(article_id: int) -> ArticleState:
    """Which lists hold the article, and whether Wagtail has it published.

    A row saved live without a publish (a bulk import) never reached a reader's cached
    list through a signal, so it counts as not live: its first publish bumps every list.
    """
    from vestnik.news.selectors import menu_rubrics

    row = (
        ArticlePage.objects.filter(pk=article_id)
        .values_list("live", "live_revision_id", "path", "breaking_until", "translation_of_id")
        .first()
    )
    if row is None:
        return NOT_LIVE
    live, live_revision_id, path, breaking_until, translation_of_id = row
    parent_path = path[: -ArticlePage.steplen]
    rubric_ids = {r.id for r in menu_rubrics() if r.path == parent_path}
    rubric_ids |= set(ArticlePage.extra_rubrics.through.objects.filter(articlepage_id=article_id)
                      .values_list("rubricpage_id", flat=True))  # fmt: skip
    author_ids = ArticleAuthor.objects.filter(page_id=article_id).values_list("author_id", flat=True)
    tag_ids = ArticleTag.objects.filter(content_object_id=article_id).values_list("tag_id", flat=True)
    lists = {"list:all"}
    lists |= {f"list:rubric:{pk}" for pk in rubric_ids}
    lists |= {f"list:author:{pk}" for pk in author_ids}
    lists |= {f"list:tag:{pk}" for pk in tag_ids}
    return ArticleState(
        live=bool(live and live_revision_id),
        lists=frozenset(lists),
        breaking_until=breaking_until,
        group=translation_of_id or article_id,
    )


def article_changed(*, article_id: int, before: ArticleState, after: ArticleState) -> None:
    """Invalidate after a publish, unpublish, move or delete (``after`` = NOT_LIVE when gone)."""
    shown_before = before.lists if before.live else frozenset()
    shown_after = after.lists if after.live else frozenset()
    if before.live and after.live:
        lists = shown_before ^ shown_after  # lists it entered or left; the rest show it by id
    else:
        lists = shown_before | shown_after
    tags = {f"article:{article_id}", *lists}
    # Every article of its translation group, before and after (the link may have changed),
    # names it in its language switcher and hreflang alternates.
    tags |= {f"translations:{group}" for group in (before.group, after.group) if group}
    # Marked or unmarked as breaking (or published or unpublished so marked): the banner on
    # every page changes. Pages showing it depend on the article already; the others on
    # "chrome" (what every page's frame shows).
    if before.in_banner != after.in_banner:
        tags.add("chrome")
    # A CDN cannot be told "every page that shows article 5"; it gets the first page of
    # every list the article is or was on, which is where an edit is seen.
    invalidate(tags, purge=shown_before | shown_after)


def invalidate(tags: set[str], *, purge: Iterable[str] | None = None) -> None:
    """Bump the tags now and again when the transaction commits; then purge the CDN.

    Now, so this process's next page shows the change; after the commit, because a page
    another process rendered in between read the old rows. ``purge``: the tags whose
    addresses the CDN should drop, when not the same as ``tags``.
    """
    purge = set(tags if purge is None else purge)
    page_tags.bump(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: page_tags.bump(tags))
    if settings.WAGTAILFRONTENDCACHE:
        transaction.on_commit(lambda: _purge(purge))


def _purge(tags: set[str]) -> None:
    urls = purge_urls(tags)
    if urls:
        purge_cdn.enqueue(sorted(urls))


def purge_urls(tags: set[str]) -> set[str]:
    """Absolute addresses a CDN keeps for these tags: list pages in every language and feeds.

    Article pages themselves are purged by Wagtail's own frontend-cache signal handlers;
    pages deeper in a list (page 2…) and other articles' sidebars are not listed here and
    refresh within s-maxage (docs/performance.md).
    """
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return set()
    with translation.override(settings.LANGUAGE_CODE):  # unprefixed paths; prefixes added below
        pages, feeds = _paths(tags)
    prefixes = [""] + [f"/{code}" for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    root = site.root_url.rstrip("/")
    return {root + prefix + path for path in pages for prefix in prefixes} | {root + path for path in feeds}


def _paths(tags: set[str]) -> tuple[set[str], set[str]]:
    from vestnik.news.selectors import menu_rubrics

    pages, feeds = set(), set()
    rubrics = {r.id: r for r in menu_rubrics()}
    for tag in tags:
        kind, _, pk = tag.rpartition(":")
        if tag in ("list:all", "chrome"):
            pages.add("/")
            feeds |= {reverse(f"syndication:{name}") for name in ("rss", "atom", "yandex")}
            feeds |= {reverse("syndication:sitemap"), reverse("syndication:news-sitemap")}
        elif kind == "list:rubric" and int(pk) in rubrics:
            rubric = rubrics[int(pk)]
            pages.add(rubric.url)
            feeds |= _feed_urls("rubric", rubric.url.strip("/").rsplit("/", 1)[-1])
        elif kind in ("list:author", "author"):
            for slug in Author.objects.filter(pk=pk).values_list("slug", flat=True):
                pages.add(reverse("news:author", args=[slug]))
                feeds |= _feed_urls("author", slug)
        elif kind in ("list:tag", "tag"):
            for slug in Tag.objects.filter(pk=pk).values_list("slug", flat=True):
                pages.add(reverse("news:tag", args=[slug]))
                feeds |= _feed_urls("tag", slug)
        elif kind in ("list:entity", "entity"):
            from vestnik.entities.models import Entity

            for entity in Entity.objects.filter(pk=pk).only("kind", "slug"):
                pages.add(entity.get_absolute_url())
                feeds |= {reverse(f"entity-feeds:{name}", args=[entity.slug]) for name in ("rss", "atom")}
    return pages, feeds


def _feed_urls(scope: str, slug: str) -> set[str]:
    try:
        return {reverse(f"syndication:{scope}-{kind}", args=[slug]) for kind in ("rss", "atom")}
    except NoReverseMatch:
        return set()
