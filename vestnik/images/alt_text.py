"""Alternative text an article must have before it is published.

The hero image needs its own alt text (the image's "Альтернативный текст", which the
article page and the cards print). An image in the body is printed with the alt text
written in the editor's image dialog — pre-filled from the image's own — so that one must
not be empty; an image marked decorative there has none and counts as missing: a news
photo says something. Drafts are not checked (vestnik.news.forms.ArticlePageForm).
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.rich_text.rewriters import FIND_EMBED_TAG, extract_attrs

from .models import NewsImage


@dataclass(frozen=True)
class MissingAltText:
    image: NewsImage
    in_body: bool  # False: the hero image


def body_image_embeds(html: str | None) -> list[dict[str, str]]:
    """The attributes of each image embed in stored rich text, in order of appearance."""
    embeds = (extract_attrs(match.group(1)) for match in FIND_EMBED_TAG.finditer(html or ""))
    return [attrs for attrs in embeds if attrs.get("embedtype") == "image" and attrs.get("id", "").isdigit()]


def images_without_alt_text(*, hero: NewsImage | None, body: str | None) -> list[MissingAltText]:
    """Each image of an article that a reader's screen reader would have nothing to say
    about: the hero first, then the body's in order, each image once. One query for the body's."""
    missing = []
    if hero is not None and not hero.alt_text.strip():
        missing.append(MissingAltText(hero, in_body=False))
    blank_ids = [int(attrs["id"]) for attrs in body_image_embeds(body) if not attrs.get("alt", "").strip()]
    if blank_ids:
        images = NewsImage.objects.in_bulk(blank_ids)
        for image_id in dict.fromkeys(blank_ids):
            if image_id in images:  # a deleted image shows nothing at all
                missing.append(MissingAltText(images[image_id], in_body=True))
    return missing
