"""Images in an article's body load when the reader scrolls near them.

Wagtail's three formats (found here by its ``image_formats`` discovery), same names, labels,
classes and sizes, with ``loading="lazy"`` and ``decoding="async"`` added: a body image is
never the first thing on screen (the hero is). Width and height are Wagtail's already.
"""

from wagtail.images import formats
from wagtail.images.formats import Format, register_image_format, unregister_image_format


class LazyFormat(Format):
    def image_to_html(self, image, alt_text, extra_attributes=None):
        attributes = {"loading": "lazy", "decoding": "async", **(extra_attributes or {})}
        return super().image_to_html(image, alt_text, attributes)


# formats.FORMATS, not get_image_formats(): Wagtail is importing this module from there.
for _format in [f for f in formats.FORMATS if type(f) is Format]:
    unregister_image_format(_format.name)
    register_image_format(LazyFormat(_format.name, _format.label, _format.classname, _format.filter_spec))
