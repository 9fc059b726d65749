"""An entity's page: Django views beside the Wagtail page tree, like the tag page."""

from django.shortcuts import render
from django.utils import timezone

from vestnik.news.routing import site_for_request

from . import selectors


def entity_detail(request, slug, kind):
    site_for_request(request)  # cached, for the cards' page URLs
    entity, articles = selectors.entity_page(kind=kind, slug=slug, page_number=request.GET.get("page"))
    return render(
        request, "entities/entity_page.html", {"entity": entity, "articles": articles, "now": timezone.now()}
    )
