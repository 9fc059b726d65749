"""What a cached page shows, as tags, and the version counters that invalidate them.

While a page renders, the selectors name what it shows: ``shows_articles(articles)`` and
``depends_on("list:rubric:5")``. The page cache stores the page with the versions of its
tags; a change bumps the versions of the tags it touches (signals.py), so exactly the
pages showing it stop matching. Tags:

- ``article:<id>``   the article's own text, URL and state (its page, and every list,
                     feed and sidebar that shows it);
- ``list:all``, ``list:rubric:<id>``, ``list:author:<id>``, ``list:tag:<id>``
                     which articles a list holds (an article enters or leaves it);
- ``author:<id>``, ``tag:<id>``   an author's or tag's own name, bio, photo;
- ``translations:<id>``  which articles of the translation group of original <id> are live,
                     and where: each member's language switcher and hreflang alternates;
- ``chrome``         what every page's frame shows: rubric menu, site settings, home page;
- ``any``            every change (search results, sitemaps); also what a page depends on
                     when its view named nothing.

A version key that the cache evicted reads as the epoch (a number from the clock, made
again when lost) and is recreated from the clock when bumped, so an eviction can only cause
a re-render, never a stale page.

Some content changes by the clock, not by an edit: the breaking-news banner runs out at its
"срочно до" time. The selector that shows it names that moment (``valid_until``); the page
cache serves the copy only until then, and tells the caches in front the same.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache

ALWAYS = ("chrome",)
ANY = "any"
# Not tags but what a render says about time: it printed a relative time ("5 минут назад"),
# which ages by itself; or its page only changes through its tags (an article page), so it
# may be kept longer than relative times allow (VESTNIK_PAGE_CACHE_LASTING_TTL).
SHOWS_RELATIVE_TIME = "time:relative"
LASTING = "time:lasting"
MARKS = (SHOWS_RELATIVE_TIME, LASTING)
# Bumped with every change: a page rendered while something changed is not stored.
CLOCK_KEY = "vestnik:tags-clock"
# The version of every tag that has none of its own. Made from the clock when missing, so
# when Redis loses its keys (a restart) every such tag reads as changed: a copy kept outside
# Redis (fragments.py's per-process copy) cannot pass for current afterwards.
EPOCH_KEY = "vestnik:tags-epoch"


class Shown(set):
    """The tags a render named (a set, as before), and ``until``: if its content changes by
    the clock, the first moment it does (a Unix time)."""

    until: float | None = None


_collected: ContextVar[Shown | None] = ContextVar("vestnik_page_tags", default=None)


def depends_on(*tags: str) -> None:
    collected = _collected.get()
    if collected is not None:
        collected.update(tags)


def lifetime(shown: set[str]) -> int:
    """Seconds a cached render stays fresh: long only for a page that asked for it and shows
    no relative time."""
    from django.conf import settings

    if LASTING in shown and SHOWS_RELATIVE_TIME not in shown:
        return settings.VESTNIK_PAGE_CACHE_LASTING_TTL
    return settings.VESTNIK_PAGE_CACHE_TTL


def valid_until(moment: dt.datetime) -> None:
    """The page being rendered shows something that changes at ``moment`` by itself."""
    collected = _collected.get()
    if collected is not None:
        stamp = moment.timestamp()
        collected.until = stamp if collected.until is None else min(collected.until, stamp)


def stamp(shown: set[str]) -> dict:
    """What a cached render keeps to be judged later (``current``): when it was made, how long
    it may live, and the versions of the tags it showed (ANY if it named none; always ALWAYS)."""
    names = ((shown - set(MARKS)) or {ANY}) | set(ALWAYS)
    return {"created": time.time(), "ttl": lifetime(shown), "versions": versions(names)}


def current(entry: dict) -> bool:
    """Within its lifetime and none of its tags changed since (``stamp``). An entry kept by
    an older release has no "ttl": it gets the short one."""
    from django.conf import settings

    if time.time() - entry["created"] >= entry.get("ttl", settings.VESTNIK_PAGE_CACHE_TTL):
        return False
    return versions(entry["versions"]) == entry["versions"]


def shows_articles(articles: Iterable) -> None:
    depends_on(*(f"article:{article.pk}" for article in articles))


@contextmanager
def collecting() -> Iterator[Shown]:
    token = _collected.set(Shown())
    try:
        yield _collected.get()
    finally:
        _collected.reset(token)


def version_key(tag: str) -> str:
    return f"vestnik:tag:{tag}"


def versions(tags: Iterable[str]) -> dict[str, int]:
    """Each tag's version; a tag never bumped (or whose key was evicted) has the epoch's."""
    tags = list(tags)
    found = cache.get_many([EPOCH_KEY, *(version_key(tag) for tag in tags)])
    epoch = found.get(EPOCH_KEY)
    if epoch is None:  # first use, or Redis lost everything: a new epoch, from the clock
        cache.add(EPOCH_KEY, time.time_ns(), timeout=None)
        epoch = cache.get(EPOCH_KEY, 0)
    return {tag: found.get(version_key(tag), epoch) for tag in tags}


def bump(tags: Iterable[str]) -> None:
    for tag in {*tags, ANY}:
        _increment(version_key(tag))
    _increment(CLOCK_KEY)


def _increment(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # missing or evicted: restart from the clock, never from a value seen before
        cache.set(key, time.time_ns(), timeout=None)
