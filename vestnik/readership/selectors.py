"""The "most read" lists: views summed over a window of local days."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from vestnik.news.models import ArticlePage

from .models import ArticleViews

WINDOWS = {"day": 1, "week": 7}


def most_read(*, window: str = "day", limit: int = 5) -> list[ArticlePage]:
    """The live articles with the most views today ("day") or in the last 7 days ("week")."""
    from vestnik.news.generation import cached_by_generation
    from vestnik.news.selectors import with_rubrics

    def compute():
        since = timezone.localdate() - dt.timedelta(days=WINDOWS[window] - 1)
        # A translation's readers count for its original, which stands for the story in
        # lists (ArticlePageQuerySet.originals).
        totals = list(
            ArticleViews.objects.filter(day__gte=since, article__live=True)
            .values(story=Coalesce("article__translation_of_id", "article_id"))
            .annotate(total=Sum("views"))
            .order_by("-total", "-story")[:limit]
        )
        articles = ArticlePage.objects.live().filter(pk__in=[t["story"] for t in totals]).for_listing()
        by_id = {a.pk: a for a in articles}
        for row in totals:
            if row["story"] in by_id:
                by_id[row["story"]].views = row["total"]
        return [by_id[t["story"]] for t in totals if t["story"] in by_id]

    # Keyed by the content generation: an unpublished article leaves the list at once.
    articles = cached_by_generation(f"most-read:{window}:{limit}", compute, settings.VESTNIK_MOST_READ_TTL)
    return with_rubrics(articles)
