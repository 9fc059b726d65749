"""Parts of a cached page that many pages share, kept apart from the pages (like ESI).

Every article page has a sidebar of the newest and the most read articles. Were it part
of the cached page, each publish would invalidate every article page of the site, and a
newsroom that publishes every few minutes would have its long tail of articles rendered
again on almost every visit. So a page cached by PageCacheMiddleware carries a
placeholder where the sidebar goes; the sidebar is rendered once per change (with its own
tags, tags.py), cached, and put into each page as it is served.

A fragment's lists mark their items, so one shared copy serves every page even though
each page leaves itself out: ``<!--vestnik:list 6-->…<!--vestnik:item 42-->…<!--vestnik:end-->
…<!--vestnik:/list-->`` keeps the first six items whose id is not the page's, and drops the
whole list, heading and all, when none is left. A reader's page rendered with the page
cache switched off gets the same shared copy; an editor's page (fresh by design) gets the
fragment rendered into it at once, the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import tags as page_tags

LOCAL_LIMIT = 64  # fragments × hosts × languages kept in a process before it forgets them all
_local: dict[str, dict] = {}
PLACEHOLDER = re.compile(r"<!--vestnik:fragment ([a-z-]+) (\d*)-->")
LIST = re.compile(r"<!--vestnik:list (\d+)-->(.*?)<!--vestnik:/list-->", re.S)
ITEM = re.compile(r"<!--vestnik:item (\d+)-->(.*?)<!--vestnik:end-->", re.S)


@dataclass(frozen=True)
class Fragment:
    template: str

    def context(self) -> dict:
        raise NotImplementedError


class ArticleSidebar(Fragment):
    def context(self) -> dict:
        from vestnik.news.selectors import recent_posts_cached
        from vestnik.readership.selectors import most_read

        # One more than shown: each page leaves itself out of the shared copy.
        return {
            "recent_posts": recent_posts_cached(limit=settings.VESTNIK_RECENT_POSTS + 1),
            "recent_limit": settings.VESTNIK_RECENT_POSTS,
            "most_read_day": most_read(window="day", limit=6),
            "most_read_limit": 5,
            "now": timezone.now(),
        }


FRAGMENTS: dict[str, Fragment] = {"article-sidebar": ArticleSidebar("includes/article_sidebar.html")}


def placeholder(name: str, exclude: int | None) -> str:
    return f"<!--vestnik:fragment {name} {exclude or ''}-->"


def parse(html: str) -> list:
    """The fragment as text and lists: (limit, before, [(id, item)], after) per list."""
    parts: list = []
    position = 0
    for found in LIST.finditer(html):
        parts.append(html[position : found.start()])
        body = found.group(2)
        matches = list(ITEM.finditer(body))
        items = [(int(m.group(1)), m.group(2)) for m in matches]
        before = body[: matches[0].start()] if matches else body
        after = body[matches[-1].end() :] if matches else ""
        parts.append((int(found.group(1)), before, items, after))
        position = found.end()
    parts.append(html[position:])
    return parts


def assemble(parts: list, exclude: int | None) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        limit, before, items, after = part
        kept = [item for pk, item in items if pk != exclude][:limit]
        if kept:
            out.extend([before, *kept, after])
    return "".join(out)


def render(name: str, request) -> str:
    fragment = FRAGMENTS[name]
    return render_to_string(fragment.template, fragment.context(), request=request)


def render_into(name: str, exclude: int | None, request) -> str:
    """The fragment rendered for this page now: pages nobody caches, or an editor's."""
    return assemble(parse(render(name, request)), exclude)


def key(name: str, request) -> str:
    return f"vestnik:fragment:{name}:{request.get_host()}:{translation.get_language()}"


def cached(name: str, request) -> dict:
    """The shared copy, rendered again when older than the page TTL or when anything it
    shows has changed (tags.py); a copy rendered while something changed is not kept.

    Each process also keeps the copy it last used: while its tags are current it is as
    right as the shared one, and checking them is one round trip instead of two plus
    unpickling the copy."""
    entry_key = key(name, request)
    entry = _local.get(entry_key)
    if entry is not None and page_tags.current(entry):
        return entry
    entry = _cached(entry_key, name, request)
    if len(_local) >= LOCAL_LIMIT:
        _local.clear()
    _local[entry_key] = entry
    return entry


def forget_local() -> None:
    """Drop this process's copies (tests clear the shared cache between cases)."""
    _local.clear()


def _cached(entry_key: str, name: str, request) -> dict:
    found = cache.get_many([entry_key, page_tags.CLOCK_KEY])
    entry, clock = found.get(entry_key), found.get(page_tags.CLOCK_KEY, 0)
    if entry is not None and page_tags.current(entry):
        return entry
    try:
        with page_tags.collecting() as shown:
            html = render(name, request)
    except DatabaseError:
        if entry is not None:  # PostgreSQL is down: the last copy, as for whole pages
            return entry
        raise
    entry = {"parts": parse(html), **page_tags.stamp(shown)}
    if cache.get(page_tags.CLOCK_KEY, 0) == clock:
        cache.set(entry_key, entry, settings.VESTNIK_PAGE_CACHE_KEEP)
    return entry


def splice(content: bytes, request) -> tuple[bytes, float]:
    """The page with its fragments put in, and the time of the newest part (Last-Modified)."""
    text = content.decode()
    newest = 0.0
    entries: dict[str, dict] = {}

    def put(found: re.Match) -> str:
        nonlocal newest
        name, exclude = found.group(1), int(found.group(2)) if found.group(2) else None
        if name not in entries:
            try:
                entries[name] = cached(name, request)
            except DatabaseError:  # down, and no copy yet: the page without its sidebar
                entries[name] = {"parts": [""], "created": 0.0}
        newest = max(newest, entries[name]["created"])
        return assemble(entries[name]["parts"], exclude)

    with translation.override(_language(request)):
        text = PLACEHOLDER.sub(put, text)
    return text.encode(), newest


def _language(request) -> str:
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
