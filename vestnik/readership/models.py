from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleViews(models.Model):
    """Readers' views of one article on one day (local time), added up from the counters."""

    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField(_("день"))
    views = models.PositiveIntegerField(_("просмотры"), default=0)

    class Meta:
        verbose_name = _("просмотры за день")
        verbose_name_plural = _("просмотры по дням")
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="unique_article_day_views")]
        indexes = [models.Index(fields=["day", "article"], name="views_day_article_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"
