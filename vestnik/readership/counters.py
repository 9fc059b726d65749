"""Count article views without a database write per view.

With Redis (REDIS_URL), each view is one HINCRBY on the hash of its day; without it, a
per-process tally in memory. Either is added to the database (ArticleViews) at most once
a minute by ``flush`` — from the request that finds the minute over, or from the
``flush_view_counts`` command. A Redis hash is renamed before it is read, so views that
arrive during a flush go to a fresh hash and are never lost; a hash whose flush failed
is picked up by the next one. The in-memory tally of a process that dies loses at most
its last minute (documented in docs/performance.md).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)
FLUSH_EVERY = 60  # seconds
FLUSH_LOCK = "vestnik:views-flush-lock"

_tally: Counter[tuple[str, int]] = Counter()
_tally_lock = threading.Lock()
_next_flush = 0.0
_redis = None


def _redis_client():
    global _redis
    if _redis is None and settings.REDIS_URL:
        import redis

        _redis = redis.Redis.from_url(settings.REDIS_URL)
    return _redis


def _hash_key(day: str) -> str:
    return f"{settings.VESTNIK_VIEWS_PREFIX}:views:{day}"


def record_view(article_id: int) -> None:
    """Count one view; never raises (a reader's page matters more than the count)."""
    try:
        _record(article_id)
    except Exception:  # noqa: BLE001
        logger.warning("view of article %s not counted", article_id, exc_info=True)


def _record(article_id: int) -> None:
    global _next_flush
    day = timezone.localdate().isoformat()
    client = _redis_client()
    if client is not None:
        client.hincrby(_hash_key(day), str(article_id), 1)
    else:
        with _tally_lock:
            _tally[(day, article_id)] += 1
    now = time.monotonic()
    if now >= _next_flush:
        _next_flush = now + FLUSH_EVERY
        # One process per minute does the shared Redis flush; each process flushes its own tally.
        if client is None or cache.add(FLUSH_LOCK, 1, FLUSH_EVERY):
            flush()


def flush() -> int:
    """Add the counted views to the database; returns how many views were written."""
    client = _redis_client()
    counts: Counter[tuple[str, int]] = Counter()
    if client is None:
        with _tally_lock:
            counts.update(_tally)
            _tally.clear()
        _write(counts)
        return sum(counts.values())
    written = 0
    prefix = _hash_key("")
    for key in [k.decode() for k in client.scan_iter(match=prefix + "*")]:
        day = key[len(prefix) :].split(":")[0]
        if ":flushing:" not in key:
            claimed = f"{key}:flushing:{uuid.uuid4().hex}"
            try:
                client.rename(key, claimed)
            except Exception:  # noqa: BLE001 — gone since the scan: another process took it
                continue
            key = claimed
        batch = Counter({(day, int(a)): int(n) for a, n in client.hgetall(key).items()})
        _write(batch)
        client.delete(key)
        written += sum(batch.values())
    return written


def _write(counts: Counter[tuple[str, int]]) -> None:
    from vestnik.news.models import ArticlePage

    from .models import ArticleViews

    if not counts:
        return
    existing = set(ArticlePage.objects.filter(pk__in={pk for _, pk in counts}).values_list("pk", flat=True))
    rows = [(pk, day, n) for (day, pk), n in counts.items() if pk in existing]
    table = connection.ops.quote_name(ArticleViews._meta.db_table)
    sql = (
        f"INSERT INTO {table} (article_id, day, views) VALUES (%s, %s, %s) "
        f"ON CONFLICT (article_id, day) DO UPDATE SET views = {table}.views + excluded.views"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def reset_for_tests(*, next_flush: float = float("inf")) -> None:
    """Forget counts and the Redis client; by default never flush on a view (tests flush)."""
    global _next_flush, _redis
    with _tally_lock:
        _tally.clear()
    _next_flush = next_flush
    _redis = None
