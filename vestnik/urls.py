from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from vestnik.news import routing

urlpatterns = [
    path("healthz", include("vestnik.ops.urls")),  # probes: no language prefix, never cached
    # Feeds are language-neutral: one address per feed, whatever the reader's language.
    path("", include("vestnik.syndication.urls")),
    path("", include("vestnik.entities.feed_urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.VESTNIK_SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Russian at the root, Kazakh under /kk/, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("vestnik.news.urls")),
    path("", include("vestnik.search.urls")),
    path("", include("vestnik.entities.urls")),  # /persons/…/, /organizations/…/, /places/…/
    # Home, rubric and article pages by one lookup; anything else falls through to Wagtail.
    path("", routing.home),
    path("<slug:rubric>/", routing.rubric),
    path("<slug:rubric>/<slug:article>/", routing.article),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "vestnik.core.views.page_not_found"
handler500 = "vestnik.core.views.server_error"
