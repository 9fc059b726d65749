"""The renditions readers' pages ask for, named once so lists can fetch them together.

Templates spell the same specs in ``{% picture %}`` (Wagtail's tag cannot take them from
a variable): the article's hero and the home page's lead story ask for HERO_SPECS, other
cards and search results for CARD_SPECS. Each is AVIF, WebP and JPEG at several widths,
cropped to 16:9 around the image's focal point (``fill-``). A spec here that a template
does not ask for costs nothing; one a template asks for that is missing here costs a query
per card, which vestnik/news/tests/test_query_counts.py would show.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from wagtail.images.models import Filter

from .models import NewsRendition

FORMATS = "format-{avif,webp,jpeg}"
HERO_SPECS = tuple(Filter.expand_spec([FORMATS, "fill-{480x270,800x450,1200x675,1600x900}"]))
CARD_SPECS = tuple(Filter.expand_spec([FORMATS, "fill-{320x180,480x270,800x450}"]))
LIST_SPECS = tuple(dict.fromkeys(HERO_SPECS + CARD_SPECS))
# Open Graph and schema.org pictures: Google shows these ratios, each at least 1200 px wide.
SHARE_SPECS = {"16x9": "fill-1200x675", "4x3": "fill-1200x900", "1x1": "fill-1200x1200"}
# Everything a reader's page can ask of an article's picture.
READER_SPECS = tuple(dict.fromkeys(LIST_SPECS + tuple(SHARE_SPECS.values())))
# An author's photo on the author's page (templates/news/author_page.html).
PORTRAIT_SPECS = ("fill-160x160",)


def make_reader_renditions(image, specs=READER_SPECS) -> int:
    """Make every rendition readers' pages ask of ``image`` that does not exist yet, so that
    no reader's request makes one (12 AVIF/WebP/JPEG files take a second or more, and a web
    worker that decodes pictures grows from ~130 to ~250 MB). Returns how many were made."""
    before = image.renditions.filter(filter_spec__in=specs).count()
    image.get_renditions(*specs)  # makes the missing ones, in one go
    return image.renditions.filter(filter_spec__in=specs).count() - before


def with_list_renditions(queryset: QuerySet, field: str = "hero_image") -> QuerySet:
    """``queryset`` with the renditions its cards show fetched in one more query, however
    many cards; ``field`` is the image's foreign key, already in ``select_related``."""
    renditions = NewsRendition.objects.filter(filter_spec__in=LIST_SPECS)
    return queryset.prefetch_related(
        Prefetch(f"{field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
