"""Author and tag pages: Django views beside the Wagtail page tree."""

from django.shortcuts import render
from django.utils import timezone

from . import selectors


def author_detail(request, slug):
    author, articles = selectors.author_page(slug=slug, page_number=request.GET.get("page"))
    return render(
        request,
        "news/author_page.html",
        {"author": author, "articles": articles, "now": timezone.now()},
    )


def tag_detail(request, slug):
    tag, articles = selectors.tag_page(slug=slug, page_number=request.GET.get("page"))
    return render(request, "news/tag_page.html", {"tag": tag, "articles": articles, "now": timezone.now()})
