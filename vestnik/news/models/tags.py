from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase

from vestnik.core.text.translit import make_slug


class Tag(TagBase):
    """A tag whose URL slug is transliterated like article slugs ("выборы" → "vybory")."""

    class Meta:
        verbose_name = _("тег")
        verbose_name_plural = _("теги")
        ordering = ["name"]

    def slugify(self, tag, i=None):
        slug = make_slug(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("news:tag", kwargs={"slug": self.slug})


class ArticleTag(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")]
