"""Run a search: parse, ask the engine for one page of ids, load and highlight them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils import timezone

from vestnik.caching.tags import ANY, depends_on
from vestnik.core.templatetags.vestnik_text import reader_language
from vestnik.core.text.excerpt import html_to_text
from vestnik.images.renditions import with_list_renditions
from vestnik.news.models import ArticlePage, Author, RubricPage
from vestnik.news.selectors import rubric_of

from . import backends
from .backends import get_backend
from .highlight import Matcher, highlight_title, snippet
from .models import SearchDocument
from .query import ParsedQuery, QueryError, parse_query
from .suggest import suggest

PAGE_SIZE = 10


@dataclass(frozen=True)
class Filters:
    rubric: RubricPage | None = None
    author: Author | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def restrict(self):
        """SQL (with params) selecting the article ids these filters allow, or None."""
        if not any((self.rubric, self.author, self.date_from, self.date_to)):
            return None
        docs = SearchDocument.objects.all()
        if self.rubric:
            docs = docs.filter(page_id__in=ArticlePage.objects.in_rubric(self.rubric).values("pk"))
        if self.author:
            docs = docs.filter(page_id__in=ArticlePage.objects.by_author(self.author).values("pk"))
        zone = timezone.get_current_timezone()
        if self.date_from:
            start = dt.datetime.combine(self.date_from, dt.time.min, zone)
            docs = docs.filter(published_at__gte=start)
        if self.date_to:
            end = dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time.min, zone)
            docs = docs.filter(published_at__lt=end)
        return docs.values("page_id").query.sql_with_params()


@dataclass
class Hit:
    article: ArticlePage
    score: float
    title_html: str
    snippet_html: str
    rubric_link: object = None


@dataclass
class SearchResults:
    text: str
    query: ParsedQuery | None = None
    page: PaginatorPage | None = None
    error: str | None = None
    suggestion: str | None = None
    hits: list[Hit] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many articles match; with ``total_exact`` false, more than this many."""
        return self.page.paginator.count if self.page else 0

    @property
    def total_exact(self) -> bool:
        return not (self.page and self.page.paginator.object_list.more)


class _LazyHits:
    """A sequence the paginator can count and slice: the newest RANK_LIMIT matches, ranked.

    Only those are ranked and counted (backends.RANK_LIMIT); ``more`` says there are others.
    """

    def __init__(self, query: ParsedQuery, restrict, now):
        self.query, self.restrict, self.now = query, restrict, now
        self.backend = get_backend()
        self.more = False

    def count(self) -> int:
        found = self.backend.count(self.query, restrict=self.restrict)
        self.more = found > backends.RANK_LIMIT
        return min(found, backends.RANK_LIMIT)

    def __getitem__(self, bounds: slice):
        return self.backend.search(
            self.query,
            restrict=self.restrict,
            limit=bounds.stop - bounds.start,
            offset=bounds.start,
            now=self.now,
            language=reader_language(),
        )


def _load(rows, query: ParsedQuery) -> list[Hit]:
    ids = [row[0] for row in rows]
    articles = with_list_renditions(
        ArticlePage.objects.live().filter(pk__in=ids).select_related("hero_image")
    )
    articles = articles.in_bulk()
    matcher = Matcher(query)
    hits = []
    for page_id, score in rows:
        article = articles.get(page_id)
        if article is None:  # unpublished between the two queries
            continue
        text = f"{article.lead} {html_to_text(article.body or '')}"
        hits.append(
            Hit(
                article=article,
                score=float(score),
                title_html=highlight_title(article.title, matcher),
                snippet_html=snippet(text, matcher),
                rubric_link=rubric_of(article),
            )
        )
    return hits


def search(text: str, *, filters: Filters | None = None, page_number=1, page_size=PAGE_SIZE) -> SearchResults:
    """The results page of ``text``; a query that cannot run comes back with ``error``."""
    depends_on(ANY)  # any edit can change what a query finds
    results = SearchResults(text=text or "")
    filters = filters or Filters()
    restrict = filters.restrict()
    now = timezone.now()
    try:
        results.query = parse_query(text)
    except QueryError as error:
        results.error = str(error)
        if text and text.strip():
            results.suggestion = suggest(text, None, lambda q: _LazyHits(q, restrict, now).count() > 0)
        return results
    paginator = Paginator(_LazyHits(results.query, restrict, now), page_size)
    results.page = paginator.get_page(page_number)
    results.hits = _load(results.page.object_list, results.query)
    if results.total == 0:
        results.suggestion = suggest(text, results.query, lambda q: _LazyHits(q, restrict, now).count() > 0)
    return results


def as_json(results: SearchResults, request) -> dict:
    page = results.page
    return {
        "query": results.text,
        "total": results.total,
        "total_exact": results.total_exact,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "suggestion": results.suggestion,
        "results": [
            {
                "id": hit.article.pk,
                "title": hit.article.title,
                "title_html": str(hit.title_html),
                "url": request.build_absolute_uri(hit.article.get_url(request=request)),
                "rubric": hit.rubric_link.title if hit.rubric_link else None,
                "published_at": hit.article.published_at.isoformat() if hit.article.published_at else None,
                "snippet_html": str(hit.snippet_html),
                "score": round(hit.score, 6),
            }
            for hit in results.hits
        ],
    }
