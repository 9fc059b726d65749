from django import template

from vestnik.core.templatetags.vestnik_i18n import with_language
from vestnik.syndication import metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    return metadata.canonical_url(context["request"], context.get("content_language"))


@register.simple_tag(takes_context=True)
def website_ld(context):
    return metadata.ld_json(metadata.website(context["request"]))


@register.simple_tag(takes_context=True)
def article_ld(context, page):
    request = context["request"]
    rubric = context.get("rubric")
    article = metadata.news_article(
        request,
        page,
        rubric=rubric,
        byline=context.get("byline") or [],
        tags=context.get("article_tags") or [],
        notes=context.get("correction_notes") or [],
        modified_at=context.get("modified_at"),
        translations=[
            (t.language, request.build_absolute_uri(with_language(t.url, t.language)), t.is_original)
            for t in context.get("article_translations") or []
        ],
    )
    trail = [(r.title, r.url) for r in context.get("rubric_trail") or ([rubric] if rubric else [])]
    crumbs = [("Главная", "/"), *trail, (page.title, page.get_url(request))]
    return metadata.ld_json([article, metadata.breadcrumbs(request, crumbs)])


@register.simple_tag(takes_context=True)
def og_image(context, image):
    urls = metadata.image_urls(context["request"], image)
    return urls[0] if urls else ""
