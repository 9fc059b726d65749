from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

app_name = "syndication"
urlpatterns = [
    path("feeds/rss/", views.site_rss, name="rss"),
    path("feeds/atom/", views.site_atom, name="atom"),
    path("feeds/yandex/", views.site_yandex, name="yandex"),
    path("feeds/rubric/<slug:slug>/rss/", views.rubric_rss, name="rubric-rss"),
    path("feeds/rubric/<slug:slug>/atom/", views.rubric_atom, name="rubric-atom"),
    path("feeds/author/<slug:slug>/rss/", views.author_rss, name="author-rss"),
    path("feeds/author/<slug:slug>/atom/", views.author_atom, name="author-atom"),
    path("feeds/tag/<slug:slug>/rss/", views.tag_rss, name="tag-rss"),
    path("feeds/tag/<slug:slug>/atom/", views.tag_atom, name="tag-atom"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {
            "sitemaps": SITEMAPS,
            "sitemap_url_name": "syndication:sitemap-section",
            "template_name": "syndication/sitemap_index.xml",
        },  # fmt: skip
        name="sitemap",
    ),
    path("sitemap-<section>.xml", views.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", views.news_sitemap, name="news-sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
