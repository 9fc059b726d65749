"""The admin's image form: Wagtail's checks, and the ones it leaves out.

Wagtail (WAGTAILIMAGES_* settings) already opens each upload and refuses a file whose
content is not an image of its extension's format, one over WAGTAILIMAGES_MAX_UPLOAD_SIZE
and one of more than WAGTAILIMAGES_MAX_IMAGE_PIXELS (read from the header, before any
decoding). Here, on top: SVG is refused by name with its own reason, a file with an image's
signature but a broken body is refused instead of failing with a 500, and the whole picture
is decoded once, so nothing that renditions would choke on is stored.
"""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

VECTOR_EXTENSIONS = {"svg", "svgz"}


def extension_of(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


class NewsImageField(WagtailImageField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["invalid_image"] = _(
            "Файл повреждён или не является изображением (JPEG, PNG, GIF, WebP или AVIF), "
            "какое бы расширение у него ни было."
        )
        self.error_messages["invalid_image_known_format"] = _(
            "Имя файла кончается на .%(extension)s, а внутри — изображение %(image_format)s. "
            "Сохраните его с верным расширением."
        )
        self.error_messages["vector_image"] = _(
            "SVG не принимается: такой файл может содержать скрипты. Сохраните рисунок как PNG."
        )

    def to_python(self, data):
        # Refused by its name before its XML is parsed at all.
        if extension_of(getattr(data, "name", "") or "") in VECTOR_EXTENSIONS:
            raise ValidationError(self.error_messages["vector_image"], code="vector_image")
        try:
            uploaded = super().to_python(data)
        except ValidationError:
            raise
        except Exception as exc:  # Pillow on a header it recognises but cannot read
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc
        if uploaded is not None:
            self.check_image_decodes(uploaded)
        return uploaded

    def check_image_file_format(self, f) -> None:
        # An SVG under a raster name gets the same reason as one named .svg.
        if f.image.format_name == "svg":
            raise ValidationError(self.error_messages["vector_image"], code="vector_image")
        super().check_image_file_format(f)

    def check_image_decodes(self, uploaded) -> None:
        """Decode every pixel once (the pixel limit has already bounded the cost)."""
        uploaded.seek(0)
        try:
            with PILImage.open(uploaded) as picture:
                picture.load()
        except Exception as exc:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc
        finally:
            uploaded.seek(0)


class NewsImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's form with NewsImageField for the file, and a
    word on the title, which editors take for the caption or the alt text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].help_text = _("Для поиска в библиотеке изображений; читатели его не видят.")
        wagtails = self.fields.get("file")
        if wagtails is not None:
            # Built here, not declared on the class, so that it reads the WAGTAILIMAGES_*
            # settings when the form is made, as Wagtail's own field does.
            self.fields["file"] = NewsImageField(
                label=wagtails.label, required=wagtails.required, widget=wagtails.widget
            )
