"""Reads for the public pages, each in a fixed number of queries.

Lists that appear on many pages (the menu, "recent posts") are cached under a content
generation number that every publish, unpublish, move or delete bumps (signals.py),
so a change shows at once and a cached list is never older than its TTL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Max, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Page, Site

from vestnik.caching.tags import LASTING, depends_on, shows_articles, valid_until
from vestnik.caching.tags import versions as tag_versions
from vestnik.core.prepared_query import PreparedQuery

from .generation import cached_by_generation
from .models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    Author,
    CorrectionNote,
    HomePage,
    NewsSiteSettings,
    RubricPage,
    Tag,
)
from .models.corrections import in_order

RUBRIC_BLOCK_SIZE = 4
# The home page shows the first three as top stories (with pictures), the rest in the ribbon.
LATEST_NEWS_SIZE = 12


def site_settings() -> NewsSiteSettings:
    """The default site's settings, cached (every page shows the tagline); saving them bumps
    the content generation (signals.py)."""

    def compute():
        site = Site.objects.filter(is_default_site=True).first()
        return NewsSiteSettings.for_site(site) if site else NewsSiteSettings()

    return cached_by_generation("site-settings", compute, 3600)


def latest_publish_time():
    """When anything on the site was last published: feeds' Last-Modified, sitemaps' lastmod.

    Over live pages, not articles only, so one index answers it without a join."""
    return cached_by_generation(
        "latest-publish",
        lambda: Page.objects.filter(live=True).aggregate(latest=Max("last_published_at"))["latest"],
        3600,
    )


def with_live_articles(queryset):
    """The authors (or tags) of ``queryset`` that have at least one live article.

    Asked row by row ("LIMIT 1" per author or tag): PostgreSQL turns EXISTS or a DISTINCT
    join into a hash join of every byline (3.8 s at a million articles); a scalar subquery
    with LIMIT 1 stays an index probe per row (under a millisecond in total).
    """
    links, link, page = (
        (ArticleAuthor.objects, "author", "page")
        if queryset.model is Author
        else (ArticleTag.objects, "tag", "content_object")
    )
    # No ORDER BY (bylines are ordered by default): any live one will do, the first found.
    first_live = links.filter(**{link: OuterRef("pk"), f"{page}__live": True}).order_by().values("pk")[:1]
    return queryset.annotate(first_live=Subquery(first_live)).filter(first_live__isnull=False)


@dataclass(frozen=True)
class RubricLink:
    id: int
    title: str
    url: str  # relative to the site root, in the default language: "/politika/"
    path: str  # the tree path, to find an article's rubric from its own path
    top_level: bool = True  # False for a sub-rubric, which the menu leaves out


def home_url_path() -> str:
    """The home page's tree URL path ("/home/"), which page URLs are relative to."""
    return HomePage.objects.values_list("url_path", flat=True).first() or "/"


def site_path(url_path: str, home: str) -> str:
    """A page's URL below the site root, without a query per page: "/home/politika/x/" →
    "/politika/x/" (``home`` from home_url_path)."""
    return "/" + url_path[len(home) :] if url_path.startswith(home) else url_path


def menu_rubrics() -> list[RubricLink]:
    """Live rubrics in the editors' order, for the menu and for naming a card's rubric."""

    def compute():
        home = home_url_path()
        rubrics = RubricPage.objects.live().order_by("path").values_list("id", "title", "url_path", "path")
        return [
            RubricLink(pk, title, site_path(url_path, home), path, url_path.count("/") == home.count("/") + 1)
            for pk, title, url_path, path in rubrics
        ]

    return cached_by_generation("menu", compute, timeout=3600)


@dataclass(frozen=True)
class BreakingLink:
    id: int
    title: str
    url: str  # relative to the site root, in the default language
    until: dt.datetime


BREAKING_CANDIDATES = 5


def breaking_news() -> BreakingLink | None:
    """The newest live article marked breaking whose "срочно до" has not passed: the banner
    on every public page.

    The few candidates are read once per content generation (every publish bumps it), with
    the partial index on breaking_until; which of them still holds is decided on each call,
    and the page being rendered is told when its banner runs out (``valid_until``), so the
    page cache never serves it after that. Pages showing the banner depend on its article:
    a new title or an unpublish shows on every one of them.
    """

    def compute():
        rows = (
            ArticlePage.objects.live()
            .filter(breaking_until__gt=timezone.now())
            .newest()
            .values_list("id", "title", "path", "slug", "breaking_until")[:BREAKING_CANDIDATES]
        )
        rubrics = {r.path: r for r in menu_rubrics()}
        links = []
        for pk, title, path, slug, until in rows:
            rubric = rubrics.get(path[: -ArticlePage.steplen])
            if rubric is not None:  # under a rubric that is not live: not reachable
                links.append(BreakingLink(pk, title, f"{rubric.url}{slug}/", until))
        return links

    now = timezone.now()
    current = next(
        (link for link in cached_by_generation("breaking", compute, 3600) if link.until > now), None
    )
    if current is not None:
        depends_on(f"article:{current.id}")
        valid_until(current.until)
    return current


def rubric_of(article: ArticlePage) -> RubricLink | None:
    """The primary rubric (the parent page) without another query: by tree path."""
    parent_path = article.path[: -ArticlePage.steplen]
    return next((r for r in menu_rubrics() if r.path == parent_path), None)


def rubric_trail(path: str) -> list[RubricLink]:
    """The rubrics above a page, top-level first: a sub-rubric's article in "Алматы" under
    "Регионы" has [Регионы, Алматы] (for breadcrumbs and the menu's current item)."""
    return sorted((r for r in menu_rubrics() if path.startswith(r.path) and r.path != path),
                  key=lambda r: len(r.path))  # fmt: skip


def with_rubrics(articles: list[ArticlePage]) -> list[ArticlePage]:
    shows_articles(articles)
    for article in articles:
        article.rubric_link = rubric_of(article)
    return articles


def recent_articles(*, exclude: ArticlePage | None = None, limit: int = 6) -> list[ArticlePage]:
    """The newest published articles, optionally without the one being read."""
    queryset = ArticlePage.objects.live().originals().newest().defer("body")
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return list(queryset[:limit])


def recent_posts_cached(*, exclude: ArticlePage | None = None, limit: int = 6) -> list[ArticlePage]:
    """recent_articles, shared between pages: one query per generation and TTL."""
    pool = cached_by_generation(f"recent:{limit + 1}", lambda: recent_articles(limit=limit + 1))
    posts = [a for a in pool if exclude is None or a.pk != exclude.pk][:limit]
    depends_on("list:all")
    shows_articles(posts)
    return posts


def home_blocks(*, home: HomePage, preview: bool = False) -> dict:
    """The lead story, the latest-news ribbon and the rubric blocks (``home_block_plan``)."""
    depends_on("list:all")
    latest = with_rubrics(
        list(
            ArticlePage.objects.live()
            .originals()
            .descendant_of(home)
            .newest()
            .for_listing()[: LATEST_NEWS_SIZE + 1]
        )
    )
    lead = None
    if home.lead_article_id:
        lead = next((a for a in latest if a.pk == home.lead_article_id), None)
        if lead is None:
            lead = ArticlePage.objects.live().filter(pk=home.lead_article_id).for_listing().first()
            if lead:
                with_rubrics([lead])
    if lead is None and latest:
        lead = latest[0]
    ribbon = [a for a in latest if lead is None or a.pk != lead.pk][:LATEST_NEWS_SIZE]
    plan = home_block_plan(home=home, preview=preview)
    return {"lead_story": lead, "latest": ribbon, "rubric_blocks": rubric_blocks(plan=plan)}


def home_block_plan(*, home: HomePage, preview: bool = False) -> list[tuple[int, int]]:
    """The rubric blocks the editors chose for the home page: (rubric id, how many articles),
    in their order; empty when they chose none. Changes only with a publish of the home page
    (which bumps the content generation), so it is cached; a preview reads the draft's own."""

    def read():
        blocks = sorted(home.rubric_blocks.all(), key=lambda b: b.sort_order or 0)
        return [(b.rubric_id, b.size) for b in blocks if b.rubric_id]

    return read() if preview else cached_by_generation(f"home-block-plan:{home.pk}", read, 3600)


def rubric_blocks(*, plan: list[tuple[int, int]] | None = None) -> list[dict]:
    """The newest articles of each rubric (by primary rubric), in two queries: the rubrics
    and sizes of ``plan``, or, without one, every rubric of the menu in its order with
    RUBRIC_BLOCK_SIZE articles. Rubrics that are not live are left out.

    The ids come from one UNION of a "newest N" subquery per rubric, each walking the
    first_published_at index, so the cost does not grow with the archive (a window over
    every article, or an OR of IN-subqueries, made PostgreSQL scan them all).
    """
    rubrics = menu_rubrics()
    if plan:
        live = {r.id: r for r in rubrics}
        chosen = [(live[pk], size) for pk, size in plan if pk in live]
    else:
        chosen = [(rubric, RUBRIC_BLOCK_SIZE) for rubric in rubrics]
    if not chosen:
        return []
    ids = _newest_ids_per_rubric([(rubric.path, size) for rubric, size in chosen])
    articles = list(ArticlePage.objects.filter(pk__in=ids).newest().for_listing())
    shows_articles(articles)
    blocks = []
    for rubric, size in chosen:
        # Its own articles only: a sub-rubric's are in the sub-rubric's block.
        items = [a for a in articles if a.path[: -ArticlePage.steplen] == rubric.path][:size]
        for article in items:
            article.rubric_link = rubric
        if items:
            blocks.append({"rubric": rubric, "articles": items})
    return blocks


def _newest_ids_per_rubric(rubrics: list[tuple[str, int]]) -> list[int]:
    """The ids of the ``size`` newest live articles directly under each (path, size) rubric
    (originals only, as ``ArticlePageQuerySet.originals``)."""
    page = connection.ops.quote_name(Page._meta.db_table)
    article = connection.ops.quote_name(ArticlePage._meta.db_table)
    one = (
        f"SELECT id FROM (SELECT p.id FROM {page} p JOIN {article} a ON a.page_ptr_id = p.id "
        f"WHERE p.live AND a.translation_of_id IS NULL AND p.path LIKE %s AND p.depth = %s "
        f"ORDER BY p.first_published_at DESC NULLS LAST, p.id DESC LIMIT {{size}}) AS newest{{n}}"
    )
    sql = " UNION ALL ".join(one.format(n=n, size=int(size)) for n, (_, size) in enumerate(rubrics))
    params = [value for path, _ in rubrics for value in (path + "%", len(path) // ArticlePage.steplen + 1)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


class CountCachedPaginator(Paginator):
    """A paginator whose COUNT(*) — 200,000 rows in a big rubric, a million in the article
    sitemap — is cached, not run on every render: with ``list_tag``, until an article enters
    or leaves that list (its version, caching/tags.py), so a publish in one rubric does not
    recount every other list (70 ms for a rubric of 20,000 at 100,000 articles); otherwise
    until the next publish anywhere (the content generation)."""

    def __init__(self, queryset, per_page, *, count_key: str, list_tag: str | None = None, counted=None):
        super().__init__(queryset, per_page)
        self.count_key = count_key
        self.list_tag = list_tag
        self.counted = counted or self.object_list.count  # a faster way to the same number

    @cached_property
    def count(self):
        if self.list_tag is None:
            return cached_by_generation(f"count:{self.count_key}", self.counted, 3600)
        version = tag_versions([self.list_tag])[self.list_tag]
        key = f"vestnik:count:{self.count_key}:{version}"
        count = cache.get(key)
        if count is None:
            count = self.counted()
            cache.set(key, count, 86400)
        return count


def _paginate(queryset, page_number, *, count_key: str, counted=None) -> PaginatorPage:
    """One page of a list whose tag is ``list:<count_key>`` ("rubric:5", "author:3"…)."""
    paginator = CountCachedPaginator(
        queryset,
        settings.VESTNIK_PAGE_SIZE,
        count_key=count_key,
        list_tag=f"list:{count_key}",
        counted=counted,
    )
    page = paginator.get_page(page_number)
    with_rubrics(list(page.object_list))
    return page


def rubric_articles_page(*, rubric: RubricPage, page_number) -> PaginatorPage:
    depends_on(f"list:rubric:{rubric.pk}")
    articles = ArticlePage.objects.live().originals().in_rubric(rubric).newest().for_listing()
    return _paginate(
        articles, page_number, count_key=f"rubric:{rubric.pk}", counted=lambda: rubric_article_count(rubric)
    )


def live_article_pages():
    """The live articles as Wagtail pages of the article type: read from the pages table
    alone, which the live pages' index answers (news migration 0016) without joining a
    million articles to their pages."""
    return Page.objects.filter(live=True, content_type=ContentType.objects.get_for_model(ArticlePage))


def rubric_article_count(rubric: RubricPage) -> int:
    """How many articles a rubric's pages list (``in_rubric``, live originals), counted so
    that PostgreSQL reads only the rubric's own range of an index (news migration 0016).

    The list is the rubric's live articles, less their translations, plus the articles
    from other rubrics that name it as an extra rubric. Counted as one query, the "or" of
    the last part made PostgreSQL join every live page to every original article: 0.6–0.8 s
    at a million articles, against 28–260 ms for the three counts (bench/query_plans.py).
    """
    own = {"live": True, "depth": rubric.depth + 1, "path__startswith": rubric.path}
    articles = live_article_pages().filter(**own).count()
    translations = ArticlePage.objects.filter(translation_of__isnull=False, **own).count()
    extra = ArticlePage.extra_rubrics.through.objects.filter(rubricpage=rubric).values("articlepage_id")
    from_elsewhere = ArticlePage.objects.live().originals().filter(pk__in=extra).exclude(Q(**own)).count()
    return articles - translations + from_elsewhere


def _article_relations(
    article: ArticlePage,
) -> tuple[list[Author], list[Tag], set[int], list[CorrectionNote]]:
    authors = [link.author for link in article.article_authors.select_related("author__photo")]
    notes = in_order(article.correction_notes.all())
    return authors, list(article.tags.all()), {r.pk for r in article.extra_rubrics.all()}, notes


# A published article's relations, read by id with SQL compiled once per process (the first
# view of each article in the long tail runs all four: compiling them cost more than the rows).
_BYLINE = PreparedQuery(
    ArticleAuthor,
    lambda pk: ArticleAuthor.objects.filter(page_id=pk).select_related("author__photo"),
    integer=True,
)
_NOTES = PreparedQuery(CorrectionNote, lambda pk: CorrectionNote.objects.filter(page_id=pk), integer=True)
# In the order the editor gave them (taggit's own manager leaves the order to the database).
_TAGS = PreparedQuery(
    Tag,
    lambda pk: Tag.objects.filter(tagged_articles__content_object_id=pk).order_by("tagged_articles__id"),
    integer=True,
)
_EXTRA_RUBRICS = PreparedQuery(
    ArticlePage.extra_rubrics.through,
    lambda pk: ArticlePage.extra_rubrics.through.objects.filter(articlepage_id=pk).values_list(
        "rubricpage_id"
    ),
    integer=True,
)


def _stored_relations(article_id: int) -> tuple[list[Author], list[Tag], set[int], list[CorrectionNote]]:
    """``_article_relations`` of the stored (live) article, by its id."""
    authors = [link.author for link in _BYLINE.all(article_id)]
    extra = {rubric_id for (rubric_id,) in _EXTRA_RUBRICS.all(article_id)}
    return authors, _TAGS.all(article_id), extra, in_order(_NOTES.all(article_id))


def article_context(*, article: ArticlePage, preview: bool = False) -> dict:
    """Everything the article template shows besides the page's own fields.

    The byline, tags, extra rubrics and correction notes of a published article change only
    with a new live revision or a renamed author or tag (both bump the content generation),
    so they are cached: four queries out of an uncached article page's five. A preview reads
    the draft's own, never the cache. ``modified_at`` is the newest note's time (the live
    row's ``updated_at``; computed here so that a preview shows a draft's new note).
    """
    if preview or not article.live_revision_id:
        authors, article_tags, extra_ids, notes = _article_relations(article)
    else:
        # "-2": the value gained the notes; a copy cached by the previous release (a triple)
        # must not be read as this one until its generation goes.
        key = f"article-relations-2:{article.pk}:{article.live_revision_id}"
        authors, article_tags, extra_ids, notes = cached_by_generation(
            key, lambda: _stored_relations(article.pk), 3600
        )
    rubric = rubric_of(article)
    trail = rubric_trail(article.path)
    # Absolute dates only (the sidebar's relative times are a fragment): kept until a tag changes.
    depends_on(LASTING, f"article:{article.pk}", *(f"author:{a.pk}" for a in authors))
    depends_on(*(f"tag:{t.pk}" for t in article_tags))
    return {
        "rubric": rubric,
        "rubric_trail": trail,
        "current_rubric_id": trail[0].id if trail else None,
        "byline": authors,
        "article_tags": article_tags,
        "extra_rubrics": [r for r in menu_rubrics() if r.id in extra_ids],
        "correction_notes": [note for note in notes if note.text_is_shown],
        "modified_at": notes[-1].noted_at if notes else None,
    }


@dataclass(frozen=True)
class TranslationLink:
    id: int
    language: str
    url: str  # relative to the site root, without a language prefix: "/politika/slug/"
    is_original: bool


def translation_group_id(article: ArticlePage) -> int:
    """The id a translation group is known by: its original's."""
    return article.translation_of_id or article.pk


def article_url(article: ArticlePage) -> str | None:
    """The article's site path without a query ("/politika/slug/"), or None under a
    rubric that is not live."""
    rubric = rubric_of(article)
    return f"{rubric.url}{article.slug}/" if rubric is not None else None


_TRANSLATION_GROUP = PreparedQuery(
    ArticlePage,
    lambda group: (
        ArticlePage.objects.live()
        .filter(Q(pk=group) | Q(translation_of_id=group))
        .values_list("id", "content_language", "path", "slug", "translation_of_id")
    ),
    integer=True,
)


def article_translations(*, article: ArticlePage, preview: bool = False) -> list[TranslationLink]:
    """The other live articles of the article's translation group (its original and the
    original's translations), in the order of settings.LANGUAGES.

    One query, cached until the next publish; the page depends on ``translations:<group>``,
    which any publish, unpublish, move or delete of a member bumps (caching/services.py).
    """
    group = translation_group_id(article)
    if group is None:  # a new page being previewed
        return []

    def compute():
        rows = _TRANSLATION_GROUP.all(group)
        order = [code for code, _name in settings.LANGUAGES]
        links = []
        for pk, language, path, slug, translation_of_id in rows:
            rubric = next((r for r in menu_rubrics() if r.path == path[: -ArticlePage.steplen]), None)
            if rubric is not None:
                links.append(TranslationLink(pk, language, f"{rubric.url}{slug}/", translation_of_id is None))
        return sorted(links, key=lambda t: order.index(t.language) if t.language in order else len(order))

    links = compute() if preview else cached_by_generation(f"translations:{group}", compute, 3600)
    depends_on(f"translations:{group}")
    return [link for link in links if link.id != article.pk and link.language != article.content_language]


def hreflang_alternates(
    *, article: ArticlePage, translations: list[TranslationLink]
) -> list[tuple[str, str]]:
    """(hreflang, site path with its language prefix) for the article and each live
    translation, in the order of settings.LANGUAGES, then x-default for the original (when
    it is live); empty without translations."""
    from vestnik.core.templatetags.vestnik_i18n import with_language

    own = article_url(article)
    if not translations or own is None:
        return []
    versions = [TranslationLink(article.pk, article.content_language, own, article.translation_of_id is None),
                *translations]  # fmt: skip
    order = [code for code, _name in settings.LANGUAGES]
    versions.sort(key=lambda v: order.index(v.language) if v.language in order else len(order))
    links = [(v.language, with_language(v.url, v.language)) for v in versions]
    links += [("x-default", with_language(v.url, v.language)) for v in versions if v.is_original]
    return links


def author_page(*, slug: str, page_number) -> tuple[Author, PaginatorPage]:
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    depends_on(f"author:{author.pk}", f"list:author:{author.pk}")
    articles = ArticlePage.objects.live().originals().by_author(author).newest().for_listing()
    return author, _paginate(articles, page_number, count_key=f"author:{author.pk}")


def tag_page(*, slug: str, page_number) -> tuple[Tag, PaginatorPage]:
    tag = get_object_or_404(Tag, slug=slug)
    depends_on(f"tag:{tag.pk}", f"list:tag:{tag.pk}")
    return tag, _paginate(ArticlePage.objects.live().originals().tagged(tag).newest().for_listing(), page_number,
                          count_key=f"tag:{tag.pk}")  # fmt: skip
