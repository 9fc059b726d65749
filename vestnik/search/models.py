"""What the search index keeps beside the engine's own full-text table.

The full text itself lives where each database is strong: an FTS5 table on SQLite, a
tsvector column with a GIN index on PostgreSQL (see backends.py).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One published article in the index, and which revision of it was indexed."""

    page = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    # The live revision the index holds; differing from the page's live_revision means
    # stale, which `manage.py rebuild_search_index --stale` finds and fixes.
    revision_id = models.BigIntegerField(null=True)
    published_at = models.DateTimeField(db_index=True)
    indexed_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only, unused on SQLite (backends.py): the lemmas and publication
    # periods, GIN-indexed (migration 0002), and the exact word forms, not indexed.
    vector = SearchVectorField(null=True)
    forms = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("документ поискового индекса")

    def __str__(self):
        return f"search document {self.page_id} (revision {self.revision_id})"


class SearchWord(models.Model):
    """The index's vocabulary: every word form and in how many articles it occurs.

    Spelling suggestions come from here ("прездент" → "президент").
    """

    word = models.CharField(max_length=60, unique=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("слово поискового индекса")

    def __str__(self):
        return f"{self.word} ({self.documents})"


class RebuildCheckpoint(models.Model):
    """How far an interrupted `rebuild_search_index` got, so that it can resume."""

    started_at = models.DateTimeField()
    last_page_id = models.BigIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"rebuild from {self.started_at:%Y-%m-%d %H:%M}: {self.done}/{self.total}"
