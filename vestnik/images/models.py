"""Images with the newsroom's fields: alternative text and credit travel with the file."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from vestnik.core.text.filenames import safe_file_name


class NewsImage(AbstractImage):
    alt_text = models.CharField(
        _("альтернативный текст"),
        max_length=255,
        blank=True,
        help_text=_("Что изображено — для незрячих читателей и поисковиков."),
    )
    credit = models.CharField(
        _("автор / агентство"),
        max_length=255,
        blank=True,
        help_text=_("Например: «Фото: Айгерим Сапарова» или «Фото: пресс-служба акимата»."),
    )

    admin_form_fields = Image.admin_form_fields + ("alt_text", "credit")

    @property
    def default_alt_text(self):
        return self.alt_text or self.title

    def get_upload_to(self, filename):
        # Whatever name the browser sent ("../../x.jpg", control characters, 300 letters of
        # Cyrillic): a short transliterated slug under original_images/.
        return super().get_upload_to(safe_file_name(filename, fallback="image"))


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
