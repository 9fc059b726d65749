"""Images for tests, drawn by Pillow: no files in the repository."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image

from vestnik.images.models import NewsImage


def jpeg(size=(1600, 900), colour="steelblue", bands=()) -> bytes:
    """A JPEG of ``size`` in ``colour``, with ``bands`` of (top, bottom, colour) painted across."""
    picture = Image.new("RGB", size, colour)
    for top, bottom, band_colour in bands:
        picture.paste(band_colour, (0, top, size[0], bottom))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return out.getvalue()


def news_image(
    *, title="Снимок", alt_text="", caption="", credit="", data: bytes | None = None, **fields
) -> NewsImage:
    image = NewsImage(title=title, alt_text=alt_text, caption=caption, credit=credit, **fields)
    image.file = ImageFile(io.BytesIO(data or jpeg()), name="snimok.jpg")
    image.save()
    return image
