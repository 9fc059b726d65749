"""Serve home, rubric and article pages by one indexed lookup instead of Wagtail's tree walk.

Wagtail's routing fetches the site, then each level's page and its specific object: six
queries before an article page starts rendering (docs/performance.md). Here the site is
cached, a rubric or article is found by its ``url_path`` with its hero image joined, and
Wagtail's own ``serve`` view takes over with the route already decided, so its hooks
(request methods, view restrictions, on-serve hooks) still run. A path this cannot
resolve (another page type, a Cyrillic slug, a redirect) goes to Wagtail's router.
"""

from __future__ import annotations

from wagtail import views as wagtail_views
from wagtail.models import PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from vestnik.core.prepared_query import PreparedQuery

from .generation import cached_by_generation
from .models import ArticlePage, HomePage, RubricPage


def site_for_request(request) -> Site | None:
    """Wagtail's site for the request, with its root page, from the cache (saving a site or
    the home page bumps the content generation)."""
    address = (request.get_host().partition(":")[0], request.get_port())

    def find():
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 — fetched now, kept with the cached site
        return site

    site = cached_by_generation(f"site:{address[0]}:{address[1]}", find, 3600)
    request._wagtail_site = site
    # Where Wagtail caches the sites' root paths for page URLs made with this request;
    # otherwise every request reads them from Redis again.
    request._wagtail_cached_site_root_paths = cached_by_generation(
        "site-root-paths", Site.get_site_root_paths, 3600
    )
    return site


def any_view_restrictions() -> bool:
    """Whether any page is password- or login-protected (a news site usually has none)."""
    return cached_by_generation("any-view-restrictions", PageViewRestriction.objects.exists, 3600)


# Compiled once per process: building this SQL took a tenth of an uncached article page.
_BY_URL_PATH = {
    model: PreparedQuery(model, lambda url_path, model=model: model.objects.live().filter(url_path=url_path))
    for model in (HomePage, RubricPage)
}
_BY_URL_PATH[ArticlePage] = PreparedQuery(
    ArticlePage,
    lambda url_path: ArticlePage.objects.live().filter(url_path=url_path).select_related("hero_image"),
)


def _serve(request, path: str, model):
    site = site_for_request(request)
    if site is not None:
        page = _BY_URL_PATH[model].first(site.root_page.url_path + path)
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
    return wagtail_views.serve(request, path)


def home(request):
    return _serve(request, "", HomePage)


def rubric(request, rubric):
    return _serve(request, f"{rubric}/", RubricPage)


def article(request, rubric, article):
    return _serve(request, f"{rubric}/{article}/", ArticlePage)
