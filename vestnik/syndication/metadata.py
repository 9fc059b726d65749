"""What search engines and social networks read about a page: schema.org JSON-LD, Open
Graph, the canonical URL. Pure functions of the page and the request."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

from vestnik.core.templatetags.vestnik_i18n import strip_language, with_language
from vestnik.core.text.excerpt import cut_excerpt, html_to_text
from vestnik.core.text.sanitise import clean_rich_text
from vestnik.images.renditions import SHARE_SPECS

from .xmltext import xml_safe

# Google shows images in these ratios; each rendition is at least 1200 px wide.
IMAGE_RATIOS = SHARE_SPECS
LOGO = "img/logo.png"  # 600×60, the size Google asks of a news publisher's logo


def canonical_url(request, language: str | None = None) -> str:
    """The page in the default language, without query except the page number; an article
    written in another language (``language``) in that language's interface, the address
    its hreflang alternates give."""
    path = with_language(strip_language(request.path), language or settings.LANGUAGE_CODE)
    page = request.GET.get("page")
    query = f"?page={page}" if page and page.isdigit() and page != "1" else ""
    return request.build_absolute_uri(path + query)


def ld_json(data: dict | list) -> SafeString:
    """JSON for a <script type="application/ld+json">: "<", ">" and "&" are escaped, so
    no text an editor wrote can close the script element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(text)  # noqa: S308 — escaped above


def publisher(request) -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(LOGO)),
            "width": 600,
            "height": 60,
        },
    }


def website(request) -> dict:
    return {
        "@context": "https://schema.org",
        "@graph": [
            {**publisher(request), "@id": request.build_absolute_uri("/#organization")},
            {
                "@type": "WebSite",
                "@id": request.build_absolute_uri("/#website"),
                "url": request.build_absolute_uri("/"),
                "name": settings.WAGTAIL_SITE_NAME,
                "inLanguage": "ru",
                "publisher": {"@id": request.build_absolute_uri("/#organization")},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": request.build_absolute_uri("/search/") + "?q={search_term_string}",
                    },
                    "query-input": "required name=search_term_string",
                },  # fmt: skip
            },
        ],
    }


def image_urls(request, image) -> list[str]:
    """The image in the ratios search engines ask for, as absolute URLs. Rendition URLs are
    kept per image file (a new file is a new key): looking up three renditions on every
    render cost an uncached article page an eighth of its time."""
    if image is None:
        return []
    key = f"vestnik:rendition-urls:{image.pk}:{image.file.name}"
    paths = cache.get(key)
    if paths is None:
        paths = [r.url for r in image.get_renditions(*IMAGE_RATIOS.values()).values()]  # one query
        cache.set(key, paths, 24 * 3600)
    return [request.build_absolute_uri(path) for path in paths]


def news_article(request, page, *, rubric, byline, tags, notes=(), modified_at=None, translations=()) -> dict:
    """schema.org NewsArticle. ``notes``: the correction notes readers see, oldest first;
    ``modified_at``: the newest note's time (else the last publication is dateModified);
    ``translations``: (language, absolute URL, is the original) of its live translations."""
    url = canonical_url(request, page.content_language)
    description = xml_safe(page.search_description or cut_excerpt(page.lead, 300))
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": xml_safe(cut_excerpt(page.title, 110)),
        "description": description,
        "datePublished": page.published_at,
        "dateModified": modified_at or page.last_published_at or page.published_at,
        "inLanguage": page.content_language,
        "isAccessibleForFree": True,
        "author": [
            {
                "@type": "Person",
                "name": xml_safe(a.name),
                "url": request.build_absolute_uri(a.get_absolute_url()),
            }
            for a in byline
        ]
        or [{"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}],
        "publisher": publisher(request),
    }
    images = image_urls(request, page.hero_image)
    if images:
        data["image"] = images
    if rubric:
        data["articleSection"] = xml_safe(rubric.title)
    if tags:
        data["keywords"] = [xml_safe(t.name) for t in tags]
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": xml_safe(html_to_text(clean_rich_text(note.text))),
            "datePublished": note.noted_at,
        }
        for note in notes
        if note.kind == "correction"
    ]
    if corrections:
        data["correction"] = corrections
    original = next((u for _lang, u, is_original in translations if is_original), None)
    if original:
        data["translationOfWork"] = {"@id": original}
    elif translations:
        data["workTranslation"] = [{"@id": u, "inLanguage": lang} for lang, u, _original in translations]
    return data


def breadcrumbs(request, items: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": i,
                "name": xml_safe(name),
                "item": request.build_absolute_uri(path),
            }
            for i, (name, path) in enumerate(items, start=1)
        ],
    }
