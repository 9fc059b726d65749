"""Author and tag pages: Django views beside the Wagtail page tree."""

from django.shortcuts import render
from django.utils import timezone

from . import selectors
from .routing import site_for_request


def author_detail(request, slug):
    site_for_request(request)  # cached, for the cards' page URLs
    author, articles = selectors.author_page(slug=slug, page_number=request.GET.get("page"))
    return render(
        request,
        "news/author_page.html",
        {"author": author, "articles": articles, "now": timezone.now()},
    )


def tag_detail(request, slug):
    site_for_request(request)
    tag, articles = selectors.tag_page(slug=slug, page_number=request.GET.get("page"))
    return render(request, "news/tag_page.html", {"tag": tag, "articles": articles, "now": timezone.now()})
