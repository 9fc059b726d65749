"""The admin's article form: Wagtail's page form, with what publishing asks on top."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Refuses to publish (or to send for approval) an article with an image that has no
    alternative text, naming the image; saving a draft or previewing is never refused. Does
    not offer the article's own rubric among the extra ones.

    Wagtail validates a draft save and a preview with ``is_deferred_validation`` set, as it
    does for required fields, so this check runs exactly when they are enforced.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extra = self.fields.get("extra_rubrics")
        if extra is not None and self.parent_page is not None:
            # The primary rubric (the parent) lists the article anyway.
            extra.queryset = extra.queryset.exclude(pk=self.parent_page.pk)
        language = self.fields.get("content_language")
        if language is not None:
            language.required = False

    def clean_content_language(self):
        # A post without the field (an older form, a script) keeps the article Russian
        # rather than failing on a field the editor never saw.
        return self.cleaned_data.get("content_language") or "ru"

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            self.check_alt_text(cleaned_data)
        return cleaned_data

    def check_alt_text(self, cleaned_data) -> None:
        from vestnik.images.alt_text import images_without_alt_text

        missing = images_without_alt_text(hero=cleaned_data.get("hero_image"), body=cleaned_data.get("body"))
        for item in missing:
            title = item.image.title
            if item.in_body:
                # Draftail marks such an image "Декоративное изображение"; its dialog calls
                # the alt text "Текст подсказки" (Wagtail's Russian).
                message = _(
                    "У изображения «%(title)s» в тексте нет альтернативного текста (в редакторе "
                    "под ним написано «Декоративное изображение»), и материал не опубликовать. "
                    "Нажмите на снимок, затем «Редактировать», и в поле «Текст подсказки» опишите, "
                    "что на нём. Черновик сохранить можно."
                )
                field = "body"
            else:
                message = _(
                    "У главного изображения «%(title)s» нет альтернативного текста, и материал не "
                    "опубликовать. Откройте его («…» рядом со снимком → «Редактировать это "
                    "изображение»), опишите в поле «Альтернативный текст», что на снимке, и "
                    "опубликуйте снова. Черновик сохранить можно."
                )
                field = "hero_image"
            self.add_error(field, message % {"title": title})
