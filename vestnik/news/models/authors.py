from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from vestnik.core.text.translit import make_slug


class Author(index.Indexed, models.Model):
    """A journalist with a public page listing their articles."""

    name = models.CharField(_("имя и фамилия"), max_length=150)
    slug = models.SlugField(
        _("адрес страницы"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Оставьте пустым — адрес составится из имени латиницей."),
    )
    position = models.CharField(_("должность"), max_length=150, blank=True)
    photo = models.ForeignKey(
        "images.NewsImage",
        verbose_name=_("фото"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("о себе"), blank=True, max_length=1000)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("position"),
              FieldPanel("photo"), FieldPanel("bio")]  # fmt: skip
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("автор")
        verbose_name_plural = _("авторы")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.slug:
            self.slug = make_slug(self.name, max_length=90)
        if not self.slug:
            raise ValidationError({"name": _("Имя должно содержать буквы.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = make_slug(self.name, max_length=90) or "author"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:author", kwargs={"slug": self.slug})


class ArticleAuthor(Orderable):
    """An author in an article's byline, in the order the byline shows them."""

    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        Author, verbose_name=_("автор"), on_delete=models.PROTECT, related_name="article_links"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("автор материала")
        verbose_name_plural = _("авторы материала")
        constraints = [models.UniqueConstraint(fields=["page", "author"], name="unique_article_author")]
