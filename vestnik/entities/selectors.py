"""Reads for the public pages: an article's entities, related articles and timeline (all
stored by the background analysis, never computed here), and an entity's page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.db.models import Exists, OuterRef, Subquery, Sum
from django.shortcuts import get_object_or_404
from django.utils import translation

from vestnik.caching.tags import depends_on, versions
from vestnik.core.prepared_query import PreparedQuery
from vestnik.news.generation import cached_by_generation
from vestnik.news.models import ArticlePage
from vestnik.news.selectors import _paginate, rubric_of

from .models import Entity, Kind, Mention, RelatedArticle, TimelineLink

KIND_ORDER = {kind: i for i, kind in enumerate(Kind.values)}


@dataclass(frozen=True)
class EntityLink:
    id: int
    kind: str
    name: str
    url: str


@dataclass(frozen=True)
class ArticleLink:
    id: int
    title: str
    url: str  # relative to the site root, in the default language
    published_at: dt.datetime | None
    current: bool = False  # the article being read, in its place in a timeline


def _links(rows) -> list[ArticleLink]:
    links = []
    for pk, title, slug, path, published_at, *_ in rows:
        rubric = rubric_of(ArticlePage(path=path))
        if rubric is not None:  # under a rubric that is not live: not reachable
            links.append(ArticleLink(pk, title, f"{rubric.url}{slug}/", published_at))
    return links


def _mentioned(article_id):
    # Accepted entities with how often the article mentions them.
    return Entity.objects.filter(
        mentions__article_id=article_id, mentions__status=Mention.Status.ACCEPTED
    ).annotate(mentioned=Sum("mentions__count"))


def _linked(article_id):
    # Both lists in one query: the related (with their position) and the story's articles.
    position = RelatedArticle.objects.filter(article_id=article_id, related_id=OuterRef("pk")).values(
        "position"
    )
    in_story = TimelineLink.objects.filter(article_id=article_id, other_id=OuterRef("pk"))
    # One set of ids (UNION), not "IN (related) OR IN (story)": PostgreSQL answers the OR by
    # scanning every article (60 ms at 100,000 articles), the union by a few index lookups.
    linked = (
        RelatedArticle.objects.filter(article_id=article_id)
        .order_by()
        .values("related_id")
        .union(TimelineLink.objects.filter(article_id=article_id).order_by().values("other_id"))
    )
    return (
        ArticlePage.objects.live()
        .filter(pk__in=linked)
        .annotate(position=Subquery(position[:1]), in_story=Exists(in_story))
        .order_by("first_published_at", "pk")
        .values_list("pk", "title", "slug", "path", "first_published_at", "position", "in_story")
    )


# Compiled once per process: each article's first view runs both (prepared_query.py).
_MENTIONED = PreparedQuery(Entity, _mentioned, integer=True)
_LINKED = PreparedQuery(ArticlePage, _linked, integer=True)


def _enrichment(article: ArticlePage) -> dict:
    article_id = article.pk
    with translation.override(settings.LANGUAGE_CODE):  # unprefixed; the template adds the reader's
        # People first, then organisations and places, each the most mentioned first: the
        # order an editor would list who and what the article is about.
        entities = [
            EntityLink(e.pk, e.kind, e.name, e.get_absolute_url())
            for e in sorted(
                _MENTIONED.all(article_id), key=lambda e: (KIND_ORDER.get(e.kind, 9), -e.mentioned, e.name)
            )
        ]
    rows = _LINKED.all(article_id)
    # An article of the story is shown in the timeline; listed again under "related" it
    # would only repeat itself.
    related = _links(sorted((r for r in rows if r[5] is not None and not r[6]), key=lambda r: r[5]))
    timeline = _links(r for r in rows if r[6])
    if timeline:
        rubric = rubric_of(article)
        own = ArticleLink(article_id, article.title, f"{rubric.url if rubric else '/'}{article.slug}/",
                          article.first_published_at, current=True)  # fmt: skip
        timeline = sorted([*timeline, own], key=lambda a: (a.published_at is None, a.published_at, a.id))
    return {"entities": entities, "related": related, "timeline": timeline}


def article_enrichment(*, article: ArticlePage) -> dict:
    """The accepted entities (people, organisations, places; the most mentioned first), the
    related articles outside its story (best first) and the other articles of its story
    (oldest first) of a published article.

    Cached under the version of the article's ``enrichment:<id>`` tag, which every change of
    them bumps, and the content generation (titles and addresses of the articles shown).
    """
    tag = f"enrichment:{article.pk}"
    version = versions([tag])[tag]
    data = cached_by_generation(
        f"article-enrichment:{article.pk}:{version}", lambda: _enrichment(article), 3600
    )
    depends_on(tag, *(f"entity:{e.id}" for e in data["entities"]))
    depends_on(*(f"article:{a.id}" for a in (*data["related"], *data["timeline"]) if not a.current))
    return data


def entity_page(*, kind: str, slug: str, page_number) -> tuple[Entity, PaginatorPage]:
    """The entity and its live articles with an accepted mention, newest first."""
    if kind not in Kind.values:
        raise ValueError(f"entity_page: unknown kind {kind!r}")
    entity = get_object_or_404(Entity, kind=kind, slug=slug)
    depends_on(f"entity:{entity.pk}", f"list:entity:{entity.pk}")
    return entity, _paginate(
        entity_articles(entity).for_listing(), page_number, count_key=f"entity:{entity.pk}"
    )


def entity_articles(entity: Entity):
    mentioned = Mention.objects.filter(entity=entity, status=Mention.Status.ACCEPTED).values("article_id")
    return ArticlePage.objects.live().originals().filter(pk__in=mentioned).newest()
