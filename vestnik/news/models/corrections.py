"""Dated correction and update notes at the end of an article."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField

from vestnik.core.text.excerpt import html_to_text

NOTE_FEATURES = ["bold", "italic", "link"]
# A note may be dated a little ahead (an editor typing "14:30" at 14:28), not into the future.
FUTURE_SLACK = dt.timedelta(minutes=5)


class CorrectionNote(models.Model):
    """What was corrected or updated in an article, and when.

    Readers see the notes oldest first, as a record of changes in the order they were made
    (the way the Guardian's and AP's corrections read): a later note can refer to an earlier
    one, and the newest time is also shown at the top as "обновлено". The newest note's time
    is the article's ``updated_at`` — its dateModified in JSON-LD, feeds and sitemaps.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Исправление")
        UPDATE = "update", _("Обновление")

    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="correction_notes")
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    noted_at = models.DateTimeField(
        _("время"),
        default=timezone.now,
        help_text=_("Когда внесено исправление или обновление. Становится временем «обновлено» материала."),
    )
    text = RichTextField(
        _("текст"),
        features=NOTE_FEATURES,
        blank=True,
        help_text=_(
            "Что исправлено или добавлено — одно-два предложения для читателя. "
            "Обновление без текста только сдвигает время «обновлено» в шапке материала."
        ),
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("noted_at")]), FieldPanel("text")]

    class Meta:
        verbose_name = _("исправление или обновление")
        verbose_name_plural = _("исправления и обновления")
        ordering = ["noted_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.noted_at:%Y-%m-%d %H:%M}"

    def clean(self):
        from vestnik.core.richtext import clean_stored_rich_text

        super().clean()
        self.text = clean_stored_rich_text(self.text)
        errors = {}
        if self.kind == self.Kind.CORRECTION and not self.text_is_shown:
            errors["text"] = _("Напишите, что исправлено: читатель должен видеть, в чём была ошибка.")
        if self.noted_at and self.noted_at > timezone.now() + FUTURE_SLACK:
            errors["noted_at"] = _("Это время ещё не наступило.")
        if errors:
            raise ValidationError(errors)

    @property
    def text_is_shown(self) -> bool:
        """Whether the note has words for the reader (Draftail leaves "<p></p>" in an empty field)."""
        return bool(html_to_text(self.text or "").strip())


def in_order(notes) -> list[CorrectionNote]:
    """Oldest first, whatever order an unsaved form or a revision holds them in."""
    return sorted(notes, key=lambda note: (note.noted_at, note.pk or 0))
