"""Sitemaps: an index of sections, each paginated at 50,000 URLs, read as plain rows (no
model instances), so a million articles never sit in memory at once. The article pages are
ranges of ids; the smaller sections use LIMIT/OFFSET."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from wagtail.models import Page

from vestnik.core.templatetags.vestnik_i18n import with_language
from vestnik.news.generation import cached_by_generation
from vestnik.news.models import ArticlePage, Author, HomePage, InfoPage, RubricPage, Tag
from vestnik.news.selectors import (
    CountCachedPaginator,
    home_url_path,
    latest_publish_time,
    live_article_pages,
    site_path,
    with_live_articles,
)

URLS_PER_SITEMAP = 50_000


class _RowSitemap(Sitemap):
    limit = URLS_PER_SITEMAP

    def __init__(self):
        self._home = None

    def _root(self) -> str:
        if self._home is None:
            self._home = home_url_path()
        return self._home

    def image(self, item) -> str | None:
        """The media path of the item's picture, if it has one."""
        return None

    def page_rows(self, page: int):
        """The rows of one sitemap page, fetched in chunks: a page of 50,000 URLs never
        sits in memory as objects (Django's own sitemap builds a list of dicts)."""
        start = (page - 1) * self.limit
        # 1,000 rows a fetch: 5,000 held 4.5 MB more of a worker's memory for the same time.
        return self.items()[start : start + self.limit].iterator(chunk_size=1000)

    def _relative(self, url_path: str) -> str:
        return site_path(url_path, self._root())

    @property
    def paginator(self):
        # The index and every page ask how many pages there are: a COUNT over a million
        # articles (2.2 s) once per publish, not once per request.
        return CountCachedPaginator(
            self.items(), self.limit, count_key=f"sitemap:{type(self).__name__}", counted=self.count_rows
        )

    count_rows = None  # a faster way to the number of items, where there is one


class ArticleSitemap(_RowSitemap):
    def items(self):
        return (
            ArticlePage.objects.live()
            .order_by("pk")
            .values(
                "pk",
                "url_path",
                "last_published_at",
                "updated_at",
                "hero_image__file",
                "hero_image__title",
                "content_language",
            )
        )

    def location(self, item):
        # The canonical address: an article in Kazakh is at /kk/… (its hreflang and canonical link).
        return with_language(self._relative(item["url_path"]), item["content_language"])

    def lastmod(self, item):
        return item["updated_at"] or item["last_published_at"]

    def get_latest_lastmod(self):
        # Django's default takes the max over every item: a million rows for one date. Every
        # change, a correction's too, is a publish, so the newest publish is the answer.
        return latest_publish_time()

    def image(self, item):
        return item["hero_image__file"]

    def count_rows(self) -> int:
        # From the live pages' index alone (news migration 0016), where counting items()
        # joined a million articles to their pages (0.6 s, bench/query_plans.py).
        return live_article_pages().count()

    def page_rows(self, page: int):
        """Page ``page`` is the articles after the last id of the page before: an OFFSET
        made PostgreSQL join and skip every article before the page, 1.6 s for the last of
        20 pages at a million articles, for each crawler's request."""
        rows = self.items()
        if page > 1:
            starts = self.page_starts()
            if page - 2 >= len(starts):  # the archive shrank since the index was read
                return iter(())
            rows = rows.filter(pk__gt=starts[page - 2])
        return rows[: self.limit].iterator(chunk_size=1000)

    def page_starts(self) -> list[int]:
        """The id each page after the first starts after: every ``limit``-th article's, in
        one pass over the live pages, once per publish (when the count changes too)."""

        def every_limit_th() -> list[int]:
            numbered = live_article_pages().annotate(n=Window(RowNumber(), order_by=F("pk").asc()))
            positions = range(self.limit, self.paginator.count, self.limit)  # the index's count
            return list(numbered.filter(n__in=positions).order_by("pk").values_list("pk", flat=True))

        return cached_by_generation(f"sitemap:ArticleSitemap:starts:{self.limit}", every_limit_th, 3600)


class SectionSitemap(_RowSitemap):
    """The home page and the rubrics."""

    def items(self):
        # The home page, the rubrics at every level and the information pages.
        home_depth = HomePage.objects.values_list("depth", flat=True).first() or 2
        pages = (
            Page.objects.live()
            .filter(depth__gte=home_depth)
            .filter(
                content_type__in=[
                    ContentType.objects.get_for_model(m) for m in (HomePage, RubricPage, InfoPage)
                ]
            )
        )
        return pages.order_by("path").values("url_path", "last_published_at")

    def location(self, item):
        return self._relative(item["url_path"])

    def lastmod(self, item):
        return item["last_published_at"]

    def get_latest_lastmod(self):
        return latest_publish_time()


class AuthorSitemap(_RowSitemap):
    def items(self):
        return with_live_articles(Author.objects.all()).order_by("pk").values("pk", "slug")

    def location(self, item):
        return reverse("news:author", kwargs={"slug": item["slug"]})


class TagSitemap(_RowSitemap):
    def items(self):
        return with_live_articles(Tag.objects.all()).order_by("pk").values("pk", "slug")

    def location(self, item):
        return reverse("news:tag", kwargs={"slug": item["slug"]})


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
