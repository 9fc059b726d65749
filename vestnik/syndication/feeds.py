"""RSS 2.0, Atom 1.0 and Yandex full-text feeds of the site, a rubric, an author or a tag.

Each item: title, link, lead or full text (site setting), author, categories (rubrics and
tags), the hero image as an enclosure, publication and update times with their time
zone, the correction and update notes, and a guid that editing never changes.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator, timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from vestnik.caching.tags import depends_on, shows_articles
from vestnik.core.richtext import clean_stored_rich_text
from vestnik.core.templatetags.vestnik_i18n import with_language
from vestnik.core.text.dates import format_datetime
from vestnik.core.text.excerpt import html_to_text
from vestnik.core.text.sanitise import clean_rich_text
from vestnik.news.models import ArticlePage, Author, CorrectionNote, RubricPage, Tag
from vestnik.news.routing import site_for_request
from vestnik.news.selectors import rubric_of, site_settings

from .xmltext import xml_safe

FEED_SIZE = 30
IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp",
               "gif": "image/gif", "avif": "image/avif"}  # fmt: skip


class YandexFullTextFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with <yandex:full-text> per item, as Yandex's news aggregator reads it."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:yandex": "http://news.yandex.ru"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("yandex:full-text", item["full_text"])


class ArticleFeed(Feed):
    """The newest articles of a scope; subclasses name the scope."""

    feed_type = feedgenerator.Rss201rev2Feed
    language = "ru"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        site_for_request(request)  # cached, for the items' page URLs
        self.site_settings = site_settings()
        # One address per feed, in the site's language whatever the reader's browser asks
        # (and so one cached copy for everyone).
        with translation.override(self.language):
            return super().__call__(request, *args, **kwargs)

    # --- the scope -----------------------------------------------------------------
    def get_object(self, request, *args, **kwargs):
        return None

    def articles(self, obj):
        return ArticlePage.objects.live()

    def items(self, obj):
        items = list(
            self.articles(obj)
            .newest()
            .select_related("hero_image")
            .prefetch_related(
                "article_authors__author", "tagged_items__tag", "extra_rubrics", "correction_notes"
            )[:FEED_SIZE]
        )
        depends_on(self.scope_tag(obj))
        shows_articles(items)
        depends_on(*{f"author:{link.author_id}" for item in items for link in item.article_authors.all()})
        return items

    def scope_tag(self, obj) -> str:
        """The list whose membership this feed shows (vestnik.caching.tags)."""
        return "list:all"

    def scope_title(self, obj) -> str:
        return ""

    # --- the channel ---------------------------------------------------------------
    def title(self, obj):
        name = settings.WAGTAIL_SITE_NAME
        scope = self.scope_title(obj)
        return xml_safe(f"{name}: {scope}" if scope else name)

    def link(self, obj):
        return self.scope_link(obj)

    def scope_link(self, obj):
        return "/"

    def description(self, obj):
        tagline = self.site_settings.tagline if self.site_settings else ""
        return xml_safe(tagline or settings.WAGTAIL_SITE_NAME)

    # --- the items -----------------------------------------------------------------
    def item_title(self, item):
        return xml_safe(item.title)

    def item_link(self, item):
        # The article's canonical address: one written in Kazakh is read at /kk/… (as in
        # the sitemaps and its canonical link), whatever language the feed is in.
        url = urlsplit(item.get_url(request=self.request))
        return urlunsplit(url._replace(path=with_language(url.path, item.content_language)))

    def item_guid(self, item):
        # A tag URI from the article id: stable when the title, slug or rubric change.
        host = self.request.get_host().split(":")[0]
        year = item.first_published_at.year if item.first_published_at else 2000
        return f"tag:{host},{year}:article-{item.pk}"

    item_guid_is_permalink = False

    def full_text(self) -> bool:
        return bool(self.site_settings and self.site_settings.feed_full_text)

    def item_description(self, item):
        parts = [f"<p>{escape(item.lead)}</p>"]
        if self.full_text():
            # Feed readers show this HTML: cleaned as on the article page, Wagtail's links and
            # images expanded.
            parts.append(expand_db_html(clean_stored_rich_text(item.body)))
        for note in item.correction_notes.all():  # oldest first (the model's ordering)
            if note.text_is_shown:
                label = _("Исправление") if note.kind == CorrectionNote.Kind.CORRECTION else _("Обновление")
                when = format_datetime(timezone.localtime(note.noted_at), "ru")
                text = html_to_text(clean_rich_text(note.text))
                parts.append(f"<p><strong>{escape(label)}, {when}:</strong> {escape(text)}</p>")
        return xml_safe("\n".join(parts))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        # updated_at: the newest correction or update note's time (ArticlePage.save).
        return item.updated_at or item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        names = [link.author.name for link in item.article_authors.all()]
        return xml_safe(", ".join(names)) or None

    def item_author_link(self, item):
        links = list(item.article_authors.all())
        return (
            self.request.build_absolute_uri(links[0].author.get_absolute_url()) if len(links) == 1 else None
        )

    def item_categories(self, item):
        rubric = rubric_of(item)
        rubrics = ([rubric.title] if rubric else []) + [r.title for r in item.extra_rubrics.all()]
        return [xml_safe(c) for c in dict.fromkeys(rubrics + [i.tag.name for i in item.tagged_items.all()])]

    def item_enclosures(self, item):
        image = item.hero_image
        if image is None or not image.file_size:
            return []
        extension = image.file.name.rsplit(".", 1)[-1].lower()
        url = self.request.build_absolute_uri(image.file.url)
        return [feedgenerator.Enclosure(url, str(image.file_size), IMAGE_TYPES.get(extension, "image/jpeg"))]

    def item_extra_kwargs(self, item):
        return {"full_text": xml_safe(html_to_text(clean_rich_text(item.body)) or item.lead)}


class RubricFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(RubricPage.objects.live(), slug=slug)

    def articles(self, obj):
        return ArticlePage.objects.live().in_rubric(obj)

    def scope_title(self, obj):
        return obj.title

    def scope_tag(self, obj):
        return f"list:rubric:{obj.pk}"

    def scope_link(self, obj):
        return obj.get_url(request=self.request)


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def articles(self, obj):
        return ArticlePage.objects.live().by_author(obj)

    def scope_title(self, obj):
        return obj.name

    def scope_tag(self, obj):
        return f"list:author:{obj.pk}"

    def scope_link(self, obj):
        return obj.get_absolute_url()


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def articles(self, obj):
        return ArticlePage.objects.live().tagged(obj)

    def scope_title(self, obj):
        return obj.name

    def scope_tag(self, obj):
        return f"list:tag:{obj.pk}"

    def scope_link(self, obj):
        return reverse("news:tag", args=[obj.slug])


def atom(feed_class):
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": feedgenerator.Atom1Feed,
                                                            "subtitle": feed_class.description})  # fmt: skip


def yandex(feed_class):
    return type(f"Yandex{feed_class.__name__}", (feed_class,), {"feed_type": YandexFullTextFeed})
