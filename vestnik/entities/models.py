"""People, organisations and places named in articles, and what the background analysis
stores for each article: the editor's suggestions, related articles and the story timeline.

None of this is part of an article's revisions: the worker writes suggestions while a
draft may be open in the editor, and publishing that draft must not wipe them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Kind(models.TextChoices):
    PERSON = "PER", _("персона")
    ORGANIZATION = "ORG", _("организация")
    PLACE = "LOC", _("место")


# The public address of each kind's pages: /persons/<slug>/, /organizations/…, /places/….
KIND_PATHS = {Kind.PERSON: "persons", Kind.ORGANIZATION: "organizations", Kind.PLACE: "places"}


class Entity(models.Model):
    """One real person, organisation or place across the whole site, whatever the names
    articles call it by (``aliases``, which include ``name``)."""

    kind = models.CharField(_("вид"), max_length=3, choices=Kind.choices)
    name = models.CharField(_("имя или название"), max_length=255)
    slug = models.SlugField(_("адрес"), max_length=100, unique=True, allow_unicode=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("персона, организация или место")
        verbose_name_plural = _("персоны, организации и места")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="entity_unique_kind_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(f"entities:{KIND_PATHS[self.kind]}", kwargs={"slug": self.slug})


class EntityAlias(models.Model):
    """A name an entity is known by. A name of a kind belongs to one entity only, so that a
    name found in an article points at exactly one record."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(max_length=3, choices=Kind.choices)  # the entity's, for the lookup
    name = models.CharField(_("имя"), max_length=255)

    class Meta:
        verbose_name = _("другое имя")
        verbose_name_plural = _("другие имена")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="entity_alias_unique_kind_name")]

    def __str__(self):
        return self.name


class Mention(models.Model):
    """A name the analysis found in an article, and the editor's decision on it.

    Keyed by (article, kind, name): re-analysing the article updates the count and keeps
    the decision, so a rejected name stays rejected.
    """

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("предложено")
        ACCEPTED = "accepted", _("принято")
        REJECTED = "rejected", _("отклонено")

    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="entity_mentions")
    kind = models.CharField(_("вид"), max_length=3, choices=Kind.choices)
    name = models.CharField(_("имя"), max_length=255)
    aliases = models.JSONField(_("другие имена в тексте"), default=list, blank=True)
    count = models.PositiveIntegerField(_("упоминаний"), default=0)
    status = models.CharField(_("решение"), max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    entity = models.ForeignKey(
        Entity, on_delete=models.SET_NULL, null=True, blank=True, related_name="mentions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("упоминание")
        verbose_name_plural = _("упоминания")
        ordering = ["-count", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "name"], name="mention_unique_article_kind_name"
            )
        ]
        indexes = [models.Index(fields=["entity", "status"], name="mention_entity_status_idx")]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()}) × {self.count}: {self.get_status_display()}"


class ArticleAnalysis(models.Model):
    """That an article was analysed, which live revision, and its weighted lemmas (the
    lemma overlap of related articles is computed from these)."""

    article = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="entity_analysis"
    )
    revision_id = models.BigIntegerField(null=True)
    analysed_at = models.DateTimeField(auto_now=True)
    lemmas = models.JSONField(default=dict)  # lemma → term frequency, the top TOP_LEMMAS

    class Meta:
        verbose_name = _("анализ материала")
        verbose_name_plural = _("анализы материалов")

    def __str__(self):
        return f"analysis of {self.article_id} (revision {self.revision_id})"


class RelatedArticle(models.Model):
    """One line of an article's "related articles", computed in the background."""

    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="related_to")
    position = models.PositiveSmallIntegerField()
    score = models.FloatField()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_unique_pair"),
        ]

    def __str__(self):
        return f"{self.article_id} → {self.related_id} ({self.score:.2f})"


class TimelineLink(models.Model):
    """Two articles of the same story (stored both ways): see services.TIMELINE_* for the rule."""

    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="timeline_links")
    other = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="timeline_backlinks")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "other"], name="timeline_unique_pair")]

    def __str__(self):
        return f"{self.article_id} ~ {self.other_id}"


@register_setting(icon="user")
class EntitySettings(BaseSiteSetting):
    auto_accept = models.BooleanField(
        _("принимать найденные имена без редактора"),
        default=False,
        help_text=_(
            "Если включено, персоны, организации и места, найденные в материале, сразу становятся "
            "его тегами. Если выключено, каждое имя ждёт решения редактора в редакторе материала."
        ),
    )

    panels = [FieldPanel("auto_accept")]

    class Meta:
        verbose_name = _("персоны и места в материалах")
