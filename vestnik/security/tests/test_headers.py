"""Every answer carries the security headers: reader pages (rendered and from the page
cache), feeds, error pages and the admin."""

import re

import pytest
from django.contrib.auth import get_user_model

from vestnik.caching.middleware import CACHE_HEADER

READER_PAGES = ["/", "/politika/", "/kk/politika/", "/en/", "/search/?q=школа", "/tag/astana/"]
FEEDS = ["/feeds/rss/", "/feeds/atom/", "/feeds/rubric/politika/rss/", "/sitemap.xml", "/robots.txt"]


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def assert_reader_headers(response):
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"], policy
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", READER_PAGES)
def test_reader_page_carries_the_headers_when_rendered_and_from_the_cache(client, newsroom, path):
    miss = client.get(path)
    assert miss.status_code == 200
    assert miss[CACHE_HEADER] == "miss"
    assert_reader_headers(miss)
    hit = client.get(path)
    assert hit[CACHE_HEADER] == "hit"
    assert_reader_headers(hit)


def test_article_carries_the_headers_when_rendered_and_from_the_cache(client, newsroom):
    url = newsroom["articles"][0].url
    assert_reader_headers(client.get(url))
    hit = client.get(url)
    assert hit[CACHE_HEADER] == "hit"
    assert_reader_headers(hit)


def test_not_modified_answer_from_the_cache_carries_the_headers(client, newsroom):
    first = client.get("/politika/")
    again = client.get("/politika/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert_reader_headers(again)


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_and_sitemaps_carry_the_headers(client, newsroom, path):
    first = client.get(path)
    assert first.status_code == 200
    assert_reader_headers(first)
    assert_reader_headers(client.get(path))


def test_missing_page_carries_the_headers(client, newsroom):
    response = client.get("/politika/net-takoy-stranitsy/")
    assert response.status_code == 404
    assert_reader_headers(response)


def assert_admin_headers(response):
    policy = directives(response["Content-Security-Policy"])
    # Script files from our origin only, as on readers' pages (test_admin_scripts.py).
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


def test_admin_login_page_carries_the_admin_headers(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_admin_headers(response)
    assert response["X-Frame-Options"] == "DENY"


def test_admin_pages_carry_the_admin_headers(client, newsroom):
    user = get_user_model().objects.create_superuser("chief", "chief@example.com", "a long passphrase 1")
    client.force_login(user)
    article = newsroom["articles"][0]
    for path in ("/admin/", f"/admin/pages/{article.pk}/edit/", "/admin/images/", "/django-admin/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert_admin_headers(response)


# What the reader policy forbids must not be in the reader pages: a script element that the
# browser would execute (anything but an external file or a JSON-LD data block), an event
# handler attribute, a javascript: URL or an inline style.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.I)


def test_reader_pages_need_nothing_the_policy_forbids(client, newsroom):
    for path in [*READER_PAGES, newsroom["articles"][0].url, "/politika/net-takoy-stranitsy/"]:
        html = client.get(path).content.decode()
        assert not INLINE_SCRIPT.search(html), (path, INLINE_SCRIPT.search(html))
        assert not EVENT_HANDLER.search(html), (path, EVENT_HANDLER.search(html))
        assert not INLINE_STYLE.search(html), (path, INLINE_STYLE.search(html))
        assert "javascript:" not in html.lower(), path
