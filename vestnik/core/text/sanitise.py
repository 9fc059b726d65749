"""Stored rich text (Wagtail's database HTML) cleaned to what the editor can write.

Wagtail's editor only ever stores a few tags, but a body written by code (an importer, a
script, a migration, an old database) can hold anything, and Wagtail's ``|richtext`` filter
passes it to the page as it is. ``clean_rich_text`` keeps the elements and attributes the
article body's features produce, through nh3 with an allow-list, and then checks Wagtail's
own elements, whose attributes Wagtail reads without a second look: ``<a linktype id>``
and ``<embed embedtype …/>`` are kept only when Wagtail can expand them (an unknown image
format or a missing id would be a server error on every view of the page).
"""

from __future__ import annotations

import html
import re

import nh3

TAGS = {"p", "br", "h2", "h3", "h4", "b", "i", "strong", "em", "a", "ul", "ol", "li", "blockquote", "hr",
        "embed"}  # fmt: skip
ATTRIBUTES = {
    "*": {"data-block-key"},  # Draftail's block ids, used by Wagtail's comments
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Wagtail's default image formats; settings may register more (pass them in).
IMAGE_FORMATS = frozenset({"fullwidth", "left", "right"})
LINK_TYPES = {"page", "document"}  # the link types that point by id; external ones are plain href

_TAG = re.compile(r"<(a|embed)((?:\s+[a-z-]+=\"[^\"]*\")*)\s*/?>")
_VOID = re.compile(r"<(br|hr)\s*/?>")
_ATTRIBUTE = re.compile(r"([a-z-]+)=\"([^\"]*)\"")


def clean_rich_text(markup: str | None, *, image_formats: frozenset[str] = IMAGE_FORMATS) -> str:
    """Stored rich text with nothing that can run a script and nothing Wagtail cannot expand:
    no script, style or event handler, no URL but http(s), mailto and tel, no element the
    editor does not offer. Text and allowed markup are kept; the result is stored rich text
    again (``<embed …/>`` spelled as Wagtail finds it)."""
    if not markup:
        return ""
    cleaned = nh3.clean(
        markup,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    cleaned = _TAG.sub(lambda m: _wagtail_element(m.group(1), m.group(2), image_formats), cleaned)
    # nh3 writes <br> and <hr>; Wagtail's editor reads stored rich text with a parser that
    # fails on an unclosed void element ("Unmatched tags"), so store them as Wagtail does.
    return _VOID.sub(r"<\1/>", cleaned)


def _wagtail_element(tag: str, raw_attributes: str, image_formats: frozenset[str]) -> str:
    attrs = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(raw_attributes)}
    if tag == "a":
        if "linktype" in attrs and not (attrs["linktype"] in LINK_TYPES and attrs.get("id", "").isdigit()):
            del attrs["linktype"]
        if "linktype" not in attrs:
            attrs.pop("id", None)
        return "<a" + _attributes(attrs) + ">"
    kind = attrs.get("embedtype")
    if kind == "image" and attrs.get("id", "").isdigit():
        if attrs.get("format") not in image_formats:
            attrs["format"] = "fullwidth"
        keep = ("embedtype", "id", "format", "alt")
    elif kind == "media" and attrs.get("url", "").lower().startswith(("http://", "https://")):
        keep = ("embedtype", "url")
    else:
        return ""
    return "<embed" + _attributes({k: attrs[k] for k in keep if k in attrs}) + "/>"


def _attributes(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{html.escape(value)}"' for name, value in attrs.items())
