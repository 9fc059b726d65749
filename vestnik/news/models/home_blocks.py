"""The rubric blocks of the home page, in the order the editors choose."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

MAX_BLOCK_SIZE = 12


class HomeRubricBlock(Orderable):
    """One rubric's block on the home page: its newest articles, as many as chosen.

    Without any, the home page shows every rubric in the menu's order (selectors.home_blocks).
    A block whose rubric is deleted or unpublished is left out.
    """

    page = ParentalKey("news.HomePage", on_delete=models.CASCADE, related_name="rubric_blocks")
    rubric = models.ForeignKey(
        "news.RubricPage",
        verbose_name=_("рубрика"),
        null=True,  # a deleted rubric leaves the block empty in old revisions, not broken
        on_delete=models.SET_NULL,
        related_name="+",
    )
    size = models.PositiveSmallIntegerField(
        _("сколько материалов"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_BLOCK_SIZE)],
        help_text=_("Самые свежие материалы рубрики, от 1 до 12."),
    )

    panels = [FieldRowPanel([FieldPanel("rubric"), FieldPanel("size")])]

    class Meta(Orderable.Meta):
        verbose_name = _("блок рубрики на главной")
        verbose_name_plural = _("блоки рубрик на главной")
        constraints = [models.UniqueConstraint(fields=["page", "rubric"], name="unique_home_rubric_block")]

    def __str__(self):
        return f"{self.rubric} × {self.size}"
