"""Writes to the search index: one article, the stale ones, or all of them.

Each write runs in one transaction with the engine's full-text row, the SearchDocument
row and the vocabulary counts, so the index never holds half an article. Publishing
calls index_article inside Wagtail's publish (signals.py); a change that touches many
articles at once (an author renamed) marks them stale in the same transaction and a
task reindexes them, and `rebuild_search_index --stale` finds any that a crash left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext

from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from vestnik.news.models import ArticlePage, RubricPage

from .backends import chunks, get_backend
from .documents import analyse, article_texts
from .models import RebuildCheckpoint, SearchDocument, SearchWord

BATCH_SIZE = 200


def _update_vocabulary(changes: Counter[str]) -> None:
    """Add each word's change to its count of articles; drop words left in none.

    One UPDATE per distinct change, not per word: reindexing a batch of articles moves
    most of its words by 1 or -1.
    """
    changes = Counter({word: n for word, n in changes.items() if n})
    if not changes:
        return
    added = [word for word, n in changes.items() if n > 0]
    SearchWord.objects.bulk_create(
        [SearchWord(word=w) for w in added], ignore_conflicts=True, batch_size=2000
    )
    by_change: dict[int, list[str]] = {}
    for word, n in changes.items():
        by_change.setdefault(n, []).append(word)
    for n, words in by_change.items():
        for chunk in chunks(words):
            SearchWord.objects.filter(word__in=chunk).update(documents=Greatest(F("documents") + n, 0))
            if n < 0:
                SearchWord.objects.filter(word__in=chunk, documents=0).delete()


def _vocabulary_changes(old: dict[int, set[str]], new: dict[int, frozenset[str]]) -> Counter[str]:
    changes: Counter[str] = Counter()
    for page_id in old.keys() | new.keys():
        before, after = old.get(page_id, set()), new.get(page_id, frozenset())
        changes.update(after - before)
        changes.subtract(before - after)
    return changes


def _prefetched(queryset):
    return queryset.prefetch_related("tagged_items__tag", "article_authors__author", "extra_rubrics")


def _rubric_titles() -> dict[str, str]:
    return dict(RubricPage.objects.values_list("path", "title"))


def index_article(page: ArticlePage, rubric_titles: dict[str, str] | None = None) -> None:
    """Put the live version of ``page`` in the index (or take it out if it is not live)."""
    if not page.live:
        remove_article(page.pk)
        return
    published_at = _published_at(page)
    _store([page], [_prepared(article_texts(page, rubric_titles), published_at)], [published_at])


def _published_at(page: ArticlePage):
    return page.published_at or timezone.now()


def _prepared(texts: dict[str, str], published_at) -> tuple[frozenset[str], object]:
    """What the index stores for one article: its word forms (for the vocabulary) and
    the engine's row. Pure computation, so it can run in a worker process."""
    document = analyse(texts)
    return frozenset(document.forms), get_backend().prepare(document, published_at)


def _store(pages: list[ArticlePage], prepared: list, published: list) -> None:
    """Write live pages' prepared rows, their SearchDocument rows and the vocabulary
    counts in one transaction, a few statements for the whole batch."""
    backend = get_backend()
    ids = [page.pk for page in pages]
    with transaction.atomic():
        old_forms = backend.stored_forms_many(ids)
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(page_id=page.pk, revision_id=page.live_revision_id, published_at=when)
                for page, when in zip(pages, published, strict=True)
            ],
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=["revision_id", "published_at", "indexed_at"],
        )
        backend.write_many([(page_id, row) for page_id, (_forms, row) in zip(ids, prepared, strict=True)])
        new_forms = {page_id: forms for page_id, (forms, _row) in zip(ids, prepared, strict=True)}
        _update_vocabulary(_vocabulary_changes(old_forms, new_forms))


def remove_article(page_id: int) -> None:
    backend = get_backend()
    with transaction.atomic():
        old_forms = backend.stored_forms_many([page_id])
        backend.delete(page_id)
        SearchDocument.objects.filter(page_id=page_id).delete()
        _update_vocabulary(_vocabulary_changes(old_forms, {}))


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
    (it is pure Python and the slow part), the writes stay in this process, one
    statement per table for the batch."""
    titles = _rubric_titles()
    live = [page for page in pages if page.live]
    texts = [article_texts(page, titles) for page in live]
    published = [_published_at(page) for page in live]
    prepared = list(
        pool.map(_prepared, texts, published, chunksize=20) if pool else map(_prepared, texts, published)
    )
    with transaction.atomic():
        if live:
            _store(live, prepared, published)
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
