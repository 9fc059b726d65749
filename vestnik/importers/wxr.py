"""Read a WordPress eXtended RSS export (WXR 1.0–1.2) as a stream of records.

The file is parsed with ``iterparse`` and every element is dropped as soon as its record
is built, so memory stays flat however large the export is (a news site's export runs to
gigabytes). DTDs and entities are refused (defusedxml): an export never needs them, and
they are how hostile XML blows up a parser.

WordPress changed its namespace with each WXR version (``http://wordpress.org/export/1.0/``,
``1.1/``, ``1.2/``); any of them is read as the prefix ``wp``.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError as XMLSyntaxError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .exceptions import ParseError, SourceError

_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")
NO_DATE = "0000-00-00 00:00:00"


@functools.lru_cache(maxsize=512)
def _qname(tag: str) -> str:
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    if uri.startswith("http://wordpress.org/export/"):
        return ("excerpt:" if uri.rstrip("/").endswith("/excerpt") else "wp:") + local
    return f"{_PREFIXES.get(uri, uri)}:{local}"


def _text(element, name: str) -> str:
    for child in element:
        if _qname(child.tag) == name:
            return (child.text or "").strip() if name != "content:encoded" else child.text or ""
    return ""


@dataclass
class Channel:
    title: str
    link: str
    base_site_url: str
    base_blog_url: str
    language: str
    version: str


@dataclass
class WxrAuthor:
    login: str
    display_name: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""

    @property
    def name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.login


@dataclass
class WxrTerm:
    """A category or a tag, as the channel lists them (with the hierarchy of categories)."""

    kind: str  # "category" or "post_tag"
    term_id: str
    slug: str  # WordPress's nicename, percent-decoded
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class WxrItem:
    post_id: str
    post_type: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    status: str
    slug: str
    post_date: str
    post_date_gmt: str
    modified_gmt: str
    parent_id: str
    menu_order: int
    sticky: bool
    attachment_url: str
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, slug, name)
    meta: dict[str, str] = field(default_factory=dict)
    comments: int = 0

    def label(self) -> str:
        """How messages name this item: its WordPress ID and title."""
        return f'{self.post_type} {self.post_id} "{self.title or "(untitled)"}"'

    def terms(self, domain: str) -> list[tuple[str, str]]:
        return [(slug, name) for kind, slug, name in self.categories if kind == domain]

    def published_at(self, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
        """The post's date with its time zone: the GMT field when WordPress filled it
        (drafts have ``0000-00-00``), else the local field read in the site's zone."""
        if self.post_date_gmt and self.post_date_gmt != NO_DATE:
            return _parse_date(self.post_date_gmt, dt.UTC, self)
        if self.post_date and self.post_date != NO_DATE:
            return _parse_date(self.post_date, zone, self)
        return None


class BadItem(ValueError):
    """One item cannot be imported as it is; the import goes on without it."""


def _parse_date(value: str, zone, item: WxrItem) -> dt.datetime:
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
    except ValueError:
        raise BadItem(f"{item.label()}: date {value!r} is not YYYY-MM-DD HH:MM:SS") from None


def _author(element) -> WxrAuthor:
    return WxrAuthor(
        login=_text(element, "wp:author_login"),
        display_name=_text(element, "wp:author_display_name"),
        email=_text(element, "wp:author_email"),
        first_name=_text(element, "wp:author_first_name"),
        last_name=_text(element, "wp:author_last_name"),
    )


def _term(element, name: str) -> WxrTerm:
    if name == "wp:category":
        return WxrTerm("category", _text(element, "wp:term_id"), unquote(_text(element, "wp:category_nicename")),
                       _text(element, "wp:cat_name"), unquote(_text(element, "wp:category_parent")),
                       _text(element, "wp:category_description"))  # fmt: skip
    if name == "wp:tag":
        return WxrTerm("post_tag", _text(element, "wp:term_id"), unquote(_text(element, "wp:tag_slug")),
                       _text(element, "wp:tag_name"), "", _text(element, "wp:tag_description"))  # fmt: skip
    return WxrTerm(_text(element, "wp:term_taxonomy"), _text(element, "wp:term_id"),
                   unquote(_text(element, "wp:term_slug")), _text(element, "wp:term_name"),
                   unquote(_text(element, "wp:term_parent")), _text(element, "wp:term_description"))  # fmt: skip


def _item(element) -> WxrItem:
    # One pass over the children: an item has some thirty of them.
    fields: dict[str, str] = {}
    categories, meta, comments = [], {}, 0
    for child in element:
        name = _qname(child.tag)
        if name == "category":
            slug = unquote(child.get("nicename", ""))
            categories.append((child.get("domain", ""), slug, (child.text or "").strip()))
        elif name == "wp:postmeta":
            meta[_text(child, "wp:meta_key")] = _text(child, "wp:meta_value")
        elif name == "wp:comment":
            comments += 1
        else:
            fields.setdefault(name, child.text or "")

    def text(name):
        return fields.get(name, "").strip()

    menu_order = text("wp:menu_order")
    return WxrItem(
        post_id=text("wp:post_id"),
        post_type=text("wp:post_type") or "post",
        title=text("title"),
        link=text("link"),
        guid=text("guid"),
        creator=text("dc:creator"),
        content=fields.get("content:encoded", ""),
        excerpt=text("excerpt:encoded"),
        status=text("wp:status") or "publish",
        slug=unquote(text("wp:post_name")),
        post_date=text("wp:post_date"),
        post_date_gmt=text("wp:post_date_gmt"),
        modified_gmt=text("wp:post_modified_gmt"),
        parent_id=text("wp:post_parent"),
        menu_order=int(menu_order) if menu_order.lstrip("-").isdigit() else 0,
        sticky=text("wp:is_sticky") == "1",
        attachment_url=text("wp:attachment_url"),
        categories=categories,
        meta=meta,
        comments=comments,
    )


def read_wxr(path: str) -> Iterator[Channel | WxrAuthor | WxrTerm | WxrItem]:
    """Yield the channel first, then authors, terms and items in file order.

    Raises ``SourceError`` when the file is not a WXR export and ``ParseError`` (with
    the line) when its XML is broken.
    """
    source = str(path)
    channel_element = None
    channel: Channel | None = None
    depth = 0
    try:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 1 and _qname(element.tag) != "rss":
                    raise SourceError(
                        source,
                        f"not a WordPress export (WXR): the root element is <{_qname(element.tag)}>, not <rss>",
                    )
                if depth == 2 and _qname(element.tag) == "channel":
                    channel_element = element
                continue
            depth -= 1
            if depth != 2 or channel_element is None:
                continue
            name = _qname(element.tag)
            if name in ("wp:author", "wp:category", "wp:tag", "wp:term", "item") and channel is None:
                channel = _channel(channel_element, source)
                yield channel
            if name == "wp:author":
                yield _author(element)
            elif name in ("wp:category", "wp:tag", "wp:term"):
                yield _term(element, name)
            elif name == "item":
                yield _item(element)
            else:
                continue
            # Drop what was read: the channel would otherwise keep every item alive.
            element.clear()
            channel_element.remove(element)
    except XMLSyntaxError as exc:
        line, column = exc.position
        raise ParseError(source, line, f"broken XML at column {column}: {_reason(exc)}") from None
    except DefusedXmlException as exc:
        raise SourceError(
            source, f"the file declares a DTD or XML entities, which WordPress exports never use ({exc})"
        ) from None
    except OSError as exc:
        raise SourceError(source, f"cannot read the file: {exc.strerror or exc}") from None
    if channel is None:
        if channel_element is None:
            raise SourceError(source, "not a WordPress export (WXR): no <channel> element")
        yield _channel(channel_element, source)


def _reason(exc: XMLSyntaxError) -> str:
    # "mismatched tag: line 12, column 4" → "mismatched tag" (the line is given apart).
    return str(exc).split(":")[0]


def _channel(element, source: str) -> Channel:
    version = _text(element, "wp:wxr_version")
    if not version:
        raise SourceError(source, "not a WordPress export (WXR): no <wp:wxr_version> in the channel")
    if version not in SUPPORTED_VERSIONS:
        raise SourceError(
            source, f"WXR version {version} is not supported (supported: {', '.join(SUPPORTED_VERSIONS)})"
        )
    link = _text(element, "link")
    return Channel(
        title=_text(element, "title"),
        link=link,
        base_site_url=_text(element, "wp:base_site_url") or link,
        base_blog_url=_text(element, "wp:base_blog_url") or link,
        language=_text(element, "language"),
        version=version,
    )
