"""The admin's search (Wagtail's database backend) kept bounded on PostgreSQL for common words.

Wagtail ranks and counts every page that matches. For a rare word that is cheap since news
migration 0015 lets PostgreSQL go from the word's index entries to their pages, but a word
in one title of ten means 100,000 pages at a million articles: 0.8 s in the explorer and
2.3 s in the admin search, 2.4 s for a word in every title (bench/admin_bench.py).
PostgreSQL cannot tell the two apart beforehand: it has no statistics for the prefix
queries that Wagtail's autocomplete asks.

So a search ordered by relevance first reads the SAMPLE pages it would list that were
edited last, each with its own index entry (an index lookup per page, whatever the word).
When enough of them match, the word is common: the results are its RANK_LIMIT newest
matches among the WINDOW pages edited last, ranked by relevance, and the listing says so
(explorer.py). Otherwise the word is rare and Wagtail searches the whole archive. An
editor who orders the results by a column gets Wagtail's search of everything.

Other databases keep Wagtail's backend unchanged: SQLite is for a small site.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import BooleanField, CharField, F, Func, OuterRef, Subquery
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as _wagtail_backend
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,  # Wagtail's (wagtailsearch_indexentry), as the backend itself finds it
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from wagtail.models import Page

# A word is common when SAMPLE_DENSE of the SAMPLE pages edited last have it (0.5%); its
# results are then its RANK_LIMIT newest matches among the WINDOW pages edited last.
SAMPLE = 1_000
SAMPLE_DENSE = 5
WINDOW = 10_000
RANK_LIMIT = 500


class _CommonWordsInRecentPages:
    # The pages a common word's search is limited to; () when it is not; None until decided.
    # Decided once per compiler: the results and their count use the same.
    recent_matches: tuple[int, ...] | None = None

    def search(self, config, start, stop, score_field=None, backend=None):
        if self.recent_matches is None:
            self.recent_matches = tuple(self._recent_matches_of_a_common_word(config))
        if not self.recent_matches:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        everything = self.queryset
        self.queryset = everything.filter(pk__in=self.recent_matches)
        try:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        finally:
            self.queryset = everything

    def _recent_matches_of_a_common_word(self, config) -> list[int]:
        model = self.queryset.model
        unsupported = isinstance(self.query, MatchAll | Fuzzy) or (
            isinstance(self.query, Not) and isinstance(self.query.subquery, MatchAll)
        )
        if (
            not self.order_by_relevance
            or unsupported
            or self.fields is not None
            or not issubclass(model, Page)
        ):
            return []
        search_query = self.build_tsquery(self.query, config=config)
        vector = None
        for field, _boost in self.get_index_vectors(search_query):
            column = F(field.name.removeprefix("index_entries__"))
            vector = column if vector is None else vector._combine(column, "||", False)
        # Read through a subquery per page, the entry's vector cannot be matched through the
        # word's GIN index: PostgreSQL has to look up each page's entry by its unique index,
        # which is what bounds the work to the window.
        entry = (
            IndexEntry.objects.filter(
                # Wagtail indexes a page under its own type: one lookup in the entries'
                # unique index (type, id) instead of one per page type.
                content_type_id=OuterRef("content_type_id"),
                object_id=Cast(OuterRef("pk"), CharField(max_length=50)),
            )
            .annotate(_entry_vector=vector)
            .values("_entry_vector")[:1]
        )
        matched = Func(
            Subquery(entry, output_field=SearchVectorField()),
            search_query,
            arg_joiner=" @@ ",
            template="(%(expressions)s)",
            output_field=BooleanField(),
        )
        newest_first = [F("latest_revision_created_at").desc(nulls_last=True), "-pk"]

        def newest_matches(window: int, limit: int) -> list[int]:
            pages = self.queryset.order_by(*newest_first).values("pk")[:window]
            matches = (
                model.objects.filter(pk__in=pages)
                .annotate(_matched=matched)
                .filter(_matched=True)
                .order_by(*newest_first)
                .values_list("pk", flat=True)[:limit]
            )
            return list(matches)

        # A sample of the newest pages tells a common word from a rare one cheaply; only a
        # common word pays for reading the whole window.
        if len(newest_matches(SAMPLE, SAMPLE_DENSE)) < SAMPLE_DENSE:
            return []
        return newest_matches(WINDOW, RANK_LIMIT)


class SearchQueryCompiler(_CommonWordsInRecentPages, PostgresSearchQueryCompiler):
    pass


class AutocompleteQueryCompiler(_CommonWordsInRecentPages, PostgresAutocompleteQueryCompiler):
    pass


class RecentPagesPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler


def searched_recent_pages_only(results) -> bool:
    """Whether search results (Wagtail's SearchResults) are a common word's recent matches."""
    return bool(getattr(getattr(results, "query_compiler", None), "recent_matches", None))


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend's module
    if connection.vendor == "postgresql":
        return RecentPagesPostgresSearchBackend(params)
    return _wagtail_backend(params)
