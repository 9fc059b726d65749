"""WordPress's query-string addresses (``/?p=123``) lead to the imported article.

Wagtail's redirects act only on a 404, and ``/`` is the home page, which answers 200:
so ``/?p=123`` would show the home page instead of the post. This looks those few
addresses up in Wagtail's redirects before anything else (the page cache included) and
leaves every other request alone without a query.
"""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import get_redirect

# Query keys WordPress answers on its front page (post, page, category and attachment IDs,
# feeds) and what their values look like.
LEGACY_KEYS = {"p": str.isdigit, "page_id": str.isdigit, "cat": str.isdigit,
               "attachment_id": str.isdigit, "feed": str.isalnum}  # fmt: skip


class LegacyQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.GET and request.method in ("GET", "HEAD"):
            for key, valid in LEGACY_KEYS.items():
                value = request.GET.get(key, "")
                if value and valid(value):
                    redirect = get_redirect(request, f"/?{key}={value}")
                    if redirect is not None and redirect.link:
                        response_class = (
                            HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
                        )
                        return response_class(redirect.link)
        return self.get_response(request)
