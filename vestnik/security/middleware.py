"""Security headers on every answer, cached pages included.

It sits just inside Django's SecurityMiddleware and outside PageCacheMiddleware, so a page
served from the cache gets the same headers as one just rendered, and nothing
request-specific (such as a nonce) is ever stored with a cached page: the reader policy
needs none. Its scripts are files from our own origin, and the JSON-LD blocks
(``<script type="application/ld+json">``) are data that browsers never execute, which CSP
does not govern.
"""

from __future__ import annotations

from django.conf import settings


def policy_for(path: str) -> str:
    """The Content-Security-Policy for an address: Wagtail's admin has its own, looser one."""
    if path.startswith(settings.VESTNIK_CSP_ADMIN_PREFIXES):
        return settings.VESTNIK_CSP_ADMIN
    return settings.VESTNIK_CSP


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy (unless the view set a stricter one of its own, as
    Wagtail's image and document views do) and X-Frame-Options."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy_for(request.path))
        # XFrameOptionsMiddleware sets it on rendered answers; this covers the rest (a 304,
        # an answer from a middleware above it), with the same value and the same exemptions.
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response
