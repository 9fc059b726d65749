"""Images with the newsroom's fields: alternative text, caption and credit travel with the file."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition

from vestnik.core.text.filenames import safe_file_name


class NewsImage(AbstractImage):
    alt_text = models.CharField(
        _("альтернативный текст"),
        max_length=255,
        blank=True,
        help_text=_(
            "Что изображено — для незрячих читателей и поисковиков. Без него материал "
            "с этим изображением не опубликовать (черновик сохранить можно)."
        ),
    )
    caption = models.CharField(
        _("подпись"),
        max_length=300,
        blank=True,
        help_text=_("Подпись под снимком по умолчанию; в материале её можно заменить своей."),
    )
    credit = models.CharField(
        _("автор / агентство"),
        max_length=255,
        blank=True,
        help_text=_("Например: «Фото: Айгерим Сапарова» или «Фото: пресс-служба акимата»."),
    )

    # Wagtail's form without its "description": that is Wagtail's default alt text, which
    # alt_text is here, and a fourth free-text field beside these three would only confuse.
    admin_form_fields = ("title", "file", "alt_text", "caption", "credit", "collection", "tags",
                         "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")  # fmt: skip

    class Meta(AbstractImage.Meta):
        verbose_name = _("изображение")
        verbose_name_plural = _("изображения")

    @property
    def default_alt_text(self):
        # Not the title when alt_text is empty: a title is often the file's name
        # ("IMG_2034"), and Wagtail pre-fills the rich-text image dialog with this value, so
        # an empty one makes the editor write a real description there (or mark it decorative).
        return self.alt_text

    def get_upload_to(self, filename):
        # Whatever name the browser sent ("../../x.jpg", control characters, 300 letters of
        # Cyrillic): a short transliterated slug under original_images/.
        return super().get_upload_to(safe_file_name(filename, fallback="image"))


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
