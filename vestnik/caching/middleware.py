"""Whole public pages from the cache, without touching the database.

A reader's GET (no session cookie) of a public page is answered from the cache when the
stored copy is younger than VESTNIK_PAGE_CACHE_TTL and none of the tags it showed has
changed since (tags.py). Otherwise one process re-renders it while the others keep
serving the old copy for a moment (no stampede when a breaking story invalidates the
home page under load). Editors, who have a session, always get a fresh page.

Every cacheable answer carries Cache-Control for a CDN or nginx in front (s-maxage and
stale-while-revalidate), an ETag and Last-Modified, and gets a 304 when the reader has it.
"""

from __future__ import annotations

import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from . import fragments
from . import tags as page_tags

EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/i18n/", "/healthz", "/media/",
                     "/static/", "/api/")  # fmt: skip
# Query parameters that never change a page: keep them out of the key.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "yclid", "_openstat")
# Headers that belong to one answer, not to the page: everything else is stored with it.
DROPPED_HEADERS = {"set-cookie", "vary", "cache-control", "expires", "date", "content-length", "etag",
                   "last-modified", "x-request-id", "x-vestnik-cache", "x-accel-expires"}  # fmt: skip
LOCK_SECONDS = 10
FRAGMENT_MARK = b"<!--vestnik:fragment "
CACHE_HEADER = "X-Vestnik-Cache"


def mark_public(response, *, until: float | None = None) -> None:
    """Headers for the caches in front: a CDN and browsers keep the page for the TTL; nginx
    (X-Accel-Expires, which it reads and strips) only for VESTNIK_PROXY_CACHE_SECONDS, so
    a publish shows there within a second while it still absorbs a spike.

    A page whose content changes by itself at ``until`` (a breaking-news banner running out)
    may be kept only until then, and never served stale after it."""
    response["Cache-Control"] = settings.VESTNIK_PUBLIC_CACHE_CONTROL
    proxy_seconds = settings.VESTNIK_PROXY_CACHE_SECONDS
    if until is not None:
        seconds = max(0, min(settings.VESTNIK_PAGE_CACHE_TTL, int(until - time.time())))
        response["Cache-Control"] = f"public, max-age={seconds}, s-maxage={seconds}"
        proxy_seconds = min(proxy_seconds, seconds)
    if proxy_seconds:
        response["X-Accel-Expires"] = str(proxy_seconds)


def page_key(request) -> str:
    query = sorted(
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not name.startswith(TRACKING_PARAMETERS)
    )
    address = f"{request.get_host()}{request.path}?{urlencode(query)}"
    return "vestnik:page:" + hashlib.sha256(address.encode()).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        if not settings.VESTNIK_PAGE_CACHE:
            return self.rendered_for_reader(request)
        key = page_key(request)
        found = cache.get_many([key, page_tags.CLOCK_KEY])
        entry, clock = found.get(key), found.get(page_tags.CLOCK_KEY, 0)
        locked = False
        if entry is not None and not self.outlived(entry):
            if page_tags.current(entry):
                return self.answer(request, entry, "hit")
            locked = cache.add(key + ":lock", 1, LOCK_SECONDS)
            if not locked:
                return self.answer(request, entry, "stale")
        # Shared parts (the article sidebar) are left as placeholders, put in as it is served.
        request.vestnik_splice = True
        try:
            with page_tags.collecting() as shown:
                response = self.get_response(request)
            if getattr(response, "database_unavailable", False) and entry is not None:
                # PostgreSQL is down: the last copy is better than an error page.
                return self.answer(request, entry, "stale-database-down")
            if not self.cacheable_response(response):
                if not response.streaming and FRAGMENT_MARK in response.content:
                    response.content = fragments.splice(response.content, request)[0]
                return response
            entry = self.store(key, response, shown, clock)
            return self.answer(request, entry, "miss")
        finally:
            if locked:
                cache.delete(key + ":lock")

    def rendered_for_reader(self, request):
        """The page cache is off, so the page is rendered; its shared parts (the article
        sidebar) still come from their own cache (fragments.py), as into a cached page."""
        request.vestnik_shared_fragments = True
        return self.get_response(request)

    @staticmethod
    def cacheable_request(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(EXCLUDED_PREFIXES)
        )

    @staticmethod
    def cacheable_response(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def outlived(entry: dict) -> bool:
        """Past the moment its content changes by itself: not served, not even while another
        process renders it again (only when the database is down, as the last copy)."""
        return entry.get("until") is not None and time.time() >= entry["until"]

    @staticmethod
    def store(key: str, response, shown: page_tags.Shown, clock_before: int) -> dict:
        content = response.content
        entry = {
            "content": content,
            "headers": {
                name: value for name, value in response.items() if name.lower() not in DROPPED_HEADERS
            },
            "etag": response.get("ETag") or f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
            "last_modified": response.get("Last-Modified") or http_date(),
            **page_tags.stamp(shown),
            "view_of": getattr(response, "view_of", None),
            "until": shown.until,
        }
        # Something changed while this page rendered: serve it, but do not keep it.
        if cache.get(page_tags.CLOCK_KEY, 0) == clock_before:
            keep = max(entry["ttl"] + LOCK_SECONDS, settings.VESTNIK_PAGE_CACHE_KEEP)
            cache.set(key, entry, keep)
        return entry

    @staticmethod
    def answer(request, entry: dict, state: str) -> HttpResponse:
        content, etag, last_modified = entry["content"], entry["etag"], entry["last_modified"]
        if FRAGMENT_MARK in content:
            content, fragment_time = fragments.splice(content, request)
            etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
            last_modified = http_date(max(parse_http_date_safe(last_modified) or 0, fragment_time))
        response = HttpResponse(content)
        for name, value in entry["headers"].items():
            response[name] = value
        response["ETag"] = etag
        response["Last-Modified"] = last_modified
        mark_public(response, until=entry.get("until"))
        response[CACHE_HEADER] = state
        response.view_of = entry["view_of"]
        return get_conditional_response(
            request, etag=etag, last_modified=parse_http_date_safe(last_modified), response=response
        )
