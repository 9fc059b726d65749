"""Template filters that call the pure text tools with the reader's language."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from wagtail.templatetags.wagtailcore_tags import richtext

from vestnik.caching.tags import SHOWS_RELATIVE_TIME, depends_on
from vestnik.core.richtext import clean_stored_rich_text
from vestnik.core.text.dates import format_date, format_datetime
from vestnik.core.text.excerpt import cut_excerpt, html_to_text
from vestnik.core.text.reading import reading_minutes
from vestnik.core.text.reltime import relative_time

register = template.Library()


def reader_language() -> str:
    lang = (get_language() or "ru").split("-")[0]
    return lang if lang in {"ru", "kk", "en"} else "ru"


@register.simple_tag
def reltime(value: dt.datetime | None, now: dt.datetime | None = None):
    """<time datetime="…" title="7 ноября 2025, 14:05">14 часов назад</time>."""
    if value is None:
        return ""
    depends_on(SHOWS_RELATIVE_TIME)  # a cached copy of this page ages: kept one TTL only
    now = timezone.localtime(now or timezone.now())
    local = timezone.localtime(value)
    lang = reader_language()
    return format_html(
        '<time datetime="{}" title="{}" data-reltime>{}</time>',
        local.isoformat(timespec="seconds"),
        format_datetime(local, lang),
        relative_time(local, now, lang),
    )


@register.simple_tag
def longdate(value: dt.datetime | None, with_time: bool = True):
    """<time datetime="…">7 ноября 2025, 14:05</time> in the reader's language."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    lang = reader_language()
    text = format_datetime(local, lang) if with_time else format_date(local.date(), lang)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(timespec="seconds"), text)


@register.filter
def excerpt(value: str, limit: int = 160) -> str:
    """Plain-text excerpt of text or HTML, cut at a word boundary."""
    return cut_excerpt(html_to_text(str(value or "")), int(limit))


@register.filter
def clean_richtext(value: str | None):
    """Stored rich text cleaned (``clean_rich_text``), then expanded by Wagtail's ``|richtext``
    (page links, images, media embeds). Use it instead of ``|richtext`` on reader pages:
    Wagtail's filter passes whatever the database holds."""
    return richtext(clean_stored_rich_text(value))


@register.simple_tag
def reading_time(lead: str, body: str):
    """ "5 минут чтения" / "5 минут оқу" / "5 min read" for an article's lead and body (HTML),
    from the text the page already holds: no query, and only on a render (pages are cached)."""
    minutes = reading_minutes(f"{lead or ''} {html_to_text(str(body or ''))}")
    text = ngettext("%(count)s минута чтения", "%(count)s минут чтения", minutes) % {"count": minutes}
    return format_html('<span class="reading-time">{}</span>', text)
