"""Writes to the search index: one article, the stale ones, or all of them.

Each write runs in one transaction with the engine's full-text row, the SearchDocument
row and the vocabulary counts, so the index never holds half an article. Publishing
calls index_article inside Wagtail's publish (signals.py); a change that touches many
articles at once (an author renamed) marks them stale in the same transaction and a
task reindexes them, and `rebuild_search_index --stale` finds any that a crash left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext

from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from vestnik.news.models import ArticlePage, RubricPage

from .backends import get_backend
from .documents import AnalysedDocument, analyse, article_texts
from .models import RebuildCheckpoint, SearchDocument, SearchWord

BATCH_SIZE = 200


def _update_vocabulary(old: set[str], new: set[str]) -> None:
    added, removed = new - old, old - new
    if added:
        SearchWord.objects.bulk_create([SearchWord(word=w) for w in added], ignore_conflicts=True)
        SearchWord.objects.filter(word__in=added).update(documents=F("documents") + 1)
    if removed:
        SearchWord.objects.filter(word__in=removed, documents__gt=0).update(documents=F("documents") - 1)
        SearchWord.objects.filter(word__in=removed, documents=0).delete()


def _prefetched(queryset):
    return queryset.prefetch_related("tagged_items__tag", "article_authors__author", "extra_rubrics")


def _rubric_titles() -> dict[str, str]:
    return dict(RubricPage.objects.values_list("path", "title"))


def index_article(page: ArticlePage, rubric_titles: dict[str, str] | None = None) -> None:
    """Put the live version of ``page`` in the index (or take it out if it is not live)."""
    if not page.live:
        remove_article(page.pk)
        return
    _store(page, analyse(article_texts(page, rubric_titles)))


def _store(page: ArticlePage, document: AnalysedDocument) -> None:
    backend = get_backend()
    with transaction.atomic():
        old_forms = backend.stored_forms(page.pk)
        published_at = page.published_at or timezone.now()
        SearchDocument.objects.update_or_create(
            page_id=page.pk, defaults={"revision_id": page.live_revision_id, "published_at": published_at}
        )
        backend.write(page.pk, document, published_at)
        _update_vocabulary(old_forms, document.forms)


def remove_article(page_id: int) -> None:
    backend = get_backend()
    with transaction.atomic():
        old_forms = backend.stored_forms(page_id)
        backend.delete(page_id)
        SearchDocument.objects.filter(page_id=page_id).delete()
        _update_vocabulary(old_forms, set())


def mark_stale(page_ids: Iterable[int] | Subquery) -> int:
    """Mark these articles for reindexing and start a task that does it after commit."""
    from .tasks import reindex_stale_articles

    count = SearchDocument.objects.filter(page_id__in=page_ids).update(revision_id=None)
    if count:
        transaction.on_commit(reindex_stale_articles.enqueue)
    return count


def stale_articles():
    """Live articles whose indexed revision is not their live one (or that are missing)."""
    indexed = SearchDocument.objects.filter(page_id=OuterRef("pk")).values("revision_id")[:1]
    return (
        ArticlePage.objects.live()
        .annotate(indexed_revision=Subquery(indexed))
        .filter(Q(indexed_revision__isnull=True) | ~Q(indexed_revision=F("live_revision_id")))
    )


def orphan_documents():
    """Index entries for articles that are no longer live."""
    return SearchDocument.objects.exclude(page_id__in=ArticlePage.objects.live().values("pk"))


def index_batch(pages: list[ArticlePage], pool: Executor | None = None) -> None:
    """Index live pages together; with a process pool the lemmatizing runs in parallel
    (it is pure Python and the slow part), the writes stay in this process."""
    titles = _rubric_titles()
    live = [page for page in pages if page.live]
    texts = [article_texts(page, titles) for page in live]
    documents = pool.map(analyse, texts, chunksize=20) if pool else map(analyse, texts)
    with transaction.atomic():
        for page, document in zip(live, documents, strict=True):
            _store(page, document)
        for page in pages:
            if not page.live:
                remove_article(page.pk)


def reindex_stale(progress: Callable[[int, int], None] | None = None) -> int:
    """Reindex every stale article and drop orphans; returns how many were reindexed."""
    total = stale_articles().count()
    done = 0
    while batch := list(_prefetched(stale_articles().order_by("pk"))[:BATCH_SIZE]):
        index_batch(batch)
        done += len(batch)
        if progress:
            progress(done, total)
    for page_id in list(orphan_documents().values_list("page_id", flat=True)):
        remove_article(page_id)
    return done


def rebuild(
    *, resume: bool, progress: Callable[[int, int], None] | None = None, workers: int = 1
) -> RebuildCheckpoint:
    """Reindex every live article in id order, saving a checkpoint after each batch.

    The index stays usable throughout: articles are replaced one by one, never dropped
    first. With ``resume`` an unfinished run continues after its last saved batch.
    """
    checkpoint = RebuildCheckpoint.objects.filter(finished_at__isnull=True).order_by("-pk").first()
    if not resume or checkpoint is None:
        RebuildCheckpoint.objects.filter(finished_at__isnull=True).delete()
        checkpoint = RebuildCheckpoint.objects.create(
            started_at=timezone.now(), total=ArticlePage.objects.live().count()
        )
    live = ArticlePage.objects.live().order_by("pk")
    with ProcessPoolExecutor(workers) if workers > 1 else nullcontext() as pool:
        while batch := list(_prefetched(live.filter(pk__gt=checkpoint.last_page_id))[:BATCH_SIZE]):
            with transaction.atomic():
                index_batch(batch, pool)
                checkpoint.last_page_id = batch[-1].pk
                checkpoint.done += len(batch)
                checkpoint.save(update_fields=["last_page_id", "done"])
            if progress:
                progress(checkpoint.done, checkpoint.total)
    for page_id in list(orphan_documents().values_list("page_id", flat=True)):
        remove_article(page_id)
    checkpoint.finished_at = timezone.now()
    checkpoint.save(update_fields=["finished_at"])
    return checkpoint
