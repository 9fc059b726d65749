"""The whole-page cache as a reader's browser and a CDN see it."""

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from vestnik.caching import middleware as page_cache
from vestnik.caching import tags as page_tags

CACHE = page_cache.CACHE_HEADER


def test_second_visit_is_served_from_the_cache_without_a_query(client, newsroom, django_assert_num_queries):
    url = newsroom["articles"][0].url
    first = client.get(url)
    assert first[CACHE] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second[CACHE] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize(
    "path", ["/", "/politika/", "/kk/", "/en/politika/", "/feeds/rss/", "/search/?q=школа"]
)
def test_every_public_page_kind_is_cached(client, newsroom, path):
    assert client.get(path)[CACHE] == "miss"
    assert client.get(path)[CACHE] == "hit"


def test_public_page_tells_a_cdn_how_long_to_keep_it(client, newsroom):
    response = client.get("/politika/")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=60" in cache_control
    assert "stale-while-revalidate=" in cache_control
    assert response["ETag"] and response["Last-Modified"]
    # The language is in the path and readers have no session: nothing to vary on.
    assert not response.has_header("Vary")


def test_reader_who_has_the_page_gets_304(client, newsroom):
    first = client.get("/politika/")
    again = client.get("/politika/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert client.get("/politika/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get("/politika/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_tracking_parameters_share_the_pages_cache_entry(client, newsroom):
    client.get("/politika/")
    assert client.get("/politika/?utm_source=telegram&fbclid=x")[CACHE] == "hit"
    assert client.get("/politika/?page=2")[CACHE] == "miss"


def test_logged_in_editor_always_gets_a_fresh_page(client, newsroom, django_user_model):
    client.get("/politika/")
    editor = django_user_model.objects.create_user("editor", password="x")
    client.force_login(editor)
    response = client.get("/politika/")
    assert not response.has_header(CACHE)
    assert "public" not in response.get("Cache-Control", "")


def test_admin_and_post_requests_are_never_cached(client, newsroom):
    assert not client.get("/admin/login/").has_header(CACHE)
    assert not client.post("/search/", {"q": "школа"}).has_header(CACHE)


def test_page_older_than_its_ttl_is_rendered_again(client, newsroom, monkeypatch):
    client.get("/")
    now = page_cache.time.time()
    monkeypatch.setattr(page_cache.time, "time", lambda: now + 61)
    assert client.get("/")[CACHE] == "miss"


def test_switched_off_cache_renders_every_time(client, newsroom, settings):
    settings.VESTNIK_PAGE_CACHE = False
    client.get("/")
    assert not client.get("/").has_header(CACHE)


def test_not_found_pages_are_not_cached(client, newsroom):
    client.get("/politika/no-such-article/")
    assert not client.get("/politika/no-such-article/").has_header(CACHE)


# --- the middleware on its own: responses that must not be kept ---------------------------


def _middleware(view):
    return page_cache.PageCacheMiddleware(view)


@pytest.mark.parametrize(
    "make_response",
    [
        lambda: StreamingHttpResponse(iter([b"big sitemap"])),
        lambda: _with_cookie(HttpResponse(b"hello")),
        lambda: _private(HttpResponse(b"hello")),
    ],
    ids=["streaming", "sets-a-cookie", "private"],
)
def test_responses_that_belong_to_one_reader_are_not_stored(make_response):
    calls = []

    def view(request):
        calls.append(1)
        return make_response()

    middleware = _middleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/x/"))
    assert len(calls) == 2


def _with_cookie(response):
    response.set_cookie("theme", "dark")
    return response


def _private(response):
    response["Cache-Control"] = "private"
    return response


def test_page_rendered_while_something_changed_is_served_but_not_kept():
    calls = []

    def view(request):
        calls.append(1)
        if len(calls) == 1:
            page_tags.bump({"article:1"})  # an editor publishes while this page renders
        page_tags.depends_on("article:1")
        return HttpResponse(b"page")

    middleware = _middleware(view)
    assert middleware(RequestFactory().get("/x/"))[CACHE] == "miss"
    assert middleware(RequestFactory().get("/x/"))[CACHE] == "miss"
    assert middleware(RequestFactory().get("/x/"))[CACHE] == "hit"
    assert len(calls) == 2


def test_while_one_process_re_renders_the_others_serve_the_old_copy():
    from django.core.cache import cache

    def view(request):
        page_tags.depends_on("article:7")
        return HttpResponse(b"old")

    middleware = _middleware(view)
    request = RequestFactory().get("/x/")
    middleware(request)
    page_tags.bump({"article:7"})
    cache.add(page_cache.page_key(request) + ":lock", 1, 10)  # another worker is rendering
    stale = middleware(RequestFactory().get("/x/"))
    assert stale[CACHE] == "stale"
    assert stale.content == b"old"


def test_page_that_names_nothing_it_shows_depends_on_every_change():
    middleware = _middleware(lambda request: HttpResponse(b"page"))
    middleware(RequestFactory().get("/x/"))
    assert middleware(RequestFactory().get("/x/"))[CACHE] == "hit"
    page_tags.bump({"article:12345"})
    assert middleware(RequestFactory().get("/x/"))[CACHE] == "miss"


def test_nginx_in_front_is_told_to_keep_a_reader_page_for_a_second_only(client, newsroom, settings):
    response = client.get("/politika/")
    assert response["X-Accel-Expires"] == "1"
    assert client.get("/politika/")["X-Accel-Expires"] == "1"  # from the cache too
    settings.VESTNIK_PROXY_CACHE_SECONDS = 0
    assert not client.get("/politika/").has_header("X-Accel-Expires")


def test_editor_pages_tell_nginx_nothing(client, newsroom, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", password="x"))
    assert not client.get("/politika/").has_header("X-Accel-Expires")


def test_streamed_sitemap_page_may_be_kept_by_the_caches_in_front(client, newsroom):
    response = client.get("/sitemap-articles.xml")
    assert response.streaming
    assert "public" in response["Cache-Control"] and response["X-Accel-Expires"] == "1"
