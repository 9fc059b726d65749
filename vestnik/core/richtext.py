"""Stored rich text cleaned with the site's image formats (``core.text.sanitise`` knows only
Wagtail's defaults; settings or apps may register more)."""

from __future__ import annotations

from vestnik.core.text.sanitise import clean_rich_text


def image_format_names() -> frozenset[str]:
    from wagtail.images.formats import get_image_formats

    return frozenset(f.name for f in get_image_formats())


def clean_stored_rich_text(value: str | None) -> str:
    """``clean_rich_text`` with the image formats Wagtail knows here."""
    return clean_rich_text(value, image_formats=image_format_names())
