"""Feeds with conditional GET, sitemap pages, the Google News sitemap and robots.txt."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.http import condition

from vestnik.caching.middleware import mark_public
from vestnik.core.templatetags.vestnik_i18n import with_language
from vestnik.news.generation import content_generation
from vestnik.news.models import ArticlePage
from vestnik.news.selectors import home_url_path, latest_publish_time, site_path

from . import feeds
from .sitemaps import SITEMAPS
from .xmltext import xml_safe


def _etag(request, *args, **kwargs):
    # Every publish, unpublish, move or delete bumps the content generation (news.signals).
    key = f"{content_generation()}:{request.get_full_path()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request, *args, **kwargs):
    return latest_publish_time()


def conditional(feed_class):
    return condition(etag_func=_etag, last_modified_func=_last_modified)(feed_class())


site_rss = conditional(feeds.ArticleFeed)
site_atom = conditional(feeds.atom(feeds.ArticleFeed))
site_yandex = conditional(feeds.yandex(feeds.ArticleFeed))
rubric_rss = conditional(feeds.RubricFeed)
rubric_atom = conditional(feeds.atom(feeds.RubricFeed))
author_rss = conditional(feeds.AuthorFeed)
author_atom = conditional(feeds.atom(feeds.AuthorFeed))
tag_rss = conditional(feeds.TagFeed)
tag_atom = conditional(feeds.atom(feeds.TagFeed))


def news_sitemap(request):
    """Google News: articles of the last 48 hours, at most 1,000, newest first."""
    since = timezone.now() - timedelta(hours=48)
    rows = (
        ArticlePage.objects.live()
        .filter(first_published_at__gte=since)
        .order_by("-first_published_at")
        .values("url_path", "title", "first_published_at", "content_language")[:1000]
    )
    home = home_url_path()
    articles = [
        {
            # The article's canonical address: in its own language's interface.
            "location": request.build_absolute_uri(
                with_language(site_path(row["url_path"], home), row["content_language"])
            ),
            "language": row["content_language"],
            "title": xml_safe(row["title"]),
            "published": row["first_published_at"],
        }
        for row in rows
    ]
    context = {"articles": articles, "publication": xml_safe(settings.WAGTAIL_SITE_NAME)}
    return render(request, "syndication/news_sitemap.xml", context, content_type="application/xml")


def robots_txt(request):

    base = f"{request.scheme}://{request.get_host()}"
    return render(request, "syndication/robots.txt", {"base": base}, content_type="text/plain; charset=utf-8")


def sitemap_section(request, section):
    """One page of one sitemap section, streamed as it is read."""
    if section not in SITEMAPS:
        raise Http404(f"no sitemap section {section!r}")
    sitemap = SITEMAPS[section]()
    try:
        page = int(request.GET.get("p", "1"))
    except ValueError:
        raise Http404("the sitemap page must be a number") from None
    if page < 1 or (page > 1 and page > sitemap.paginator.num_pages):
        raise Http404(f"sitemap {section} has no page {page}")
    base = f"{request.scheme}://{request.get_host()}"

    def lines():
        yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n')  # fmt: skip
        for item in sitemap.page_rows(page):
            line = f"<url><loc>{escape(base + sitemap.location(item))}</loc>"
            lastmod = sitemap.lastmod(item) if hasattr(sitemap, "lastmod") else None
            if lastmod:
                line += f"<lastmod>{timezone.localtime(lastmod).isoformat(timespec='seconds')}</lastmod>"
            image = sitemap.image(item)
            if image:
                line += f"<image:image><image:loc>{escape(base + settings.MEDIA_URL + image)}</image:loc></image:image>"
            yield line + "</url>\n"
        yield "</urlset>\n"

    response = StreamingHttpResponse(lines(), content_type="application/xml; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    # Too big for the page cache (it is streamed), but a CDN or nginx in front may keep it.
    mark_public(response)
    return response
