"""The content generation: one number that every publish, unpublish, move or delete bumps,
and the data cached under it.

Data keyed by a generation never changes, so besides the shared cache (Redis) each
process keeps what it read in memory: a page render then asks Redis once for the
generation (kept for the rest of the request) instead of a dozen times for the menu, the
site, the settings, "recent posts"… — measured at 8 ms of CPU per uncached article page.
A missing generation (Redis restarted, key evicted) restarts from the clock, never from a
number seen before, so memory can never serve data of another era under the same key.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "vestnik:content-generation"
LOCAL_LIMIT = 2000  # entries kept in a process before it forgets them all

_request_memo: ContextVar[dict | None] = ContextVar("vestnik_request_memo", default=None)
_local: dict[str, tuple[float, object]] = {}


def content_generation() -> int:
    memo = _request_memo.get()
    if memo is not None and "generation" in memo:
        return memo["generation"]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    if memo is not None:
        memo["generation"] = generation
    return generation


def bump_content_generation() -> None:
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        generation = time.time_ns()
        cache.set(GENERATION_KEY, generation, timeout=None)
    memo = _request_memo.get()
    if memo is not None:
        memo["generation"] = generation


def cached_by_generation(name: str, compute, timeout: int | None = None):
    """``compute()``, shared by every process until the next bump or ``timeout`` seconds."""
    timeout = timeout if timeout is not None else settings.VESTNIK_FRAGMENT_TTL
    key = f"vestnik:{name}:{content_generation()}"
    now = time.monotonic()
    local = _local.get(key)
    if local is not None and local[0] > now:
        return local[1]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    if len(_local) >= LOCAL_LIMIT:
        _local.clear()
    _local[key] = (now + timeout, value)
    return value


def forget_local() -> None:
    """Drop this process's copies (tests clear the shared cache between cases)."""
    _local.clear()


class RequestMemoMiddleware:
    """One generation per request: read once, reused by every cached list the page shows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)
