"""``{% picture %}``: Wagtail's tag, with each width listed once per format.

A photo narrower than the widest rendition asked for comes out at its own width from
several specs (Wagtail never enlarges): 720 px from fill-800x450, fill-1200x675 and
fill-1600x900. Wagtail's tag would list "720w" three times in a srcset, which the HTML
standard forbids (browsers drop the repeats, validators refuse the page). Here the first
rendition of each width is kept; everything else is Wagtail's ``Picture``.

Load this library instead of ``wagtailimages_tags`` where ``{% picture %}`` is used.
"""

from __future__ import annotations

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

register = template.Library()


def distinct_widths(renditions: dict) -> dict:
    """The renditions (spec → rendition) without a second one of the same format and width."""
    seen, kept = set(), {}
    for spec, rendition in renditions.items():
        key = (next((op for op in spec.split("|") if op.startswith("format-")), ""), rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


class DistinctWidthsPictureNode(PictureNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = distinct_widths(get_renditions_or_not_found(image, self.get_filters()))
        if self.output_var_name:
            context[self.output_var_name] = Picture(renditions)
            return ""
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        return Picture(renditions, attrs).__html__()


@register.tag("picture")
def picture(parser, token):
    node = parse_image_tag(parser, token)  # Wagtail's parsing and its error messages
    return DistinctWidthsPictureNode(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )
