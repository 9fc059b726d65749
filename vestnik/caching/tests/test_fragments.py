"""The article sidebar is shared by every cached article page and put in as it is served."""

import re

import pytest
from django.utils import timezone

from vestnik.caching import fragments
from vestnik.caching.middleware import CACHE_HEADER
from vestnik.news.tests.factories import article_with


def sidebar_titles(response) -> list[str]:
    html = response.content.decode()
    sidebar = html[html.index('class="recent"') :]
    return re.findall(r'class="recent__title" href="[^"]*">([^<]*)</a>', sidebar)


def test_publishing_elsewhere_leaves_article_pages_cached_and_their_sidebars_current(client, newsroom):
    url = newsroom["articles"][2].url
    client.get(url)
    assert client.get(url)[CACHE_HEADER] == "hit"
    article_with(
        rubric=newsroom["politics"], title="ЦИК назвал дату выборов", first_published_at=timezone.now()
    )
    response = client.get(url)
    assert response[CACHE_HEADER] == "hit"  # the page itself was not rendered again
    assert sidebar_titles(response)[0] == "ЦИК назвал дату выборов"


def test_edited_title_of_a_recent_article_shows_in_every_cached_sidebar(client, newsroom):
    first, _, third = newsroom["articles"]
    client.get(third.url)
    first.title = "Парламент отложил закон о выборах"
    first.save_revision().publish()
    response = client.get(third.url)
    assert response[CACHE_HEADER] == "hit"
    assert "Парламент отложил закон о выборах" in sidebar_titles(response)


def test_each_page_leaves_itself_out_of_the_shared_sidebar(client, newsroom, settings):
    settings.VESTNIK_RECENT_POSTS = 2
    first, second, third = newsroom["articles"]
    for article in (first, second, third):
        client.get(article.url)
    assert sidebar_titles(client.get(first.url)) == [second.title, third.title]
    assert sidebar_titles(client.get(second.url)) == [first.title, third.title]
    assert sidebar_titles(client.get(third.url)) == [first.title, second.title]


def test_cached_article_with_a_current_sidebar_needs_no_query(client, newsroom, django_assert_num_queries):
    first, second, _ = newsroom["articles"]
    client.get(first.url)  # renders the page and the shared sidebar
    client.get(second.url)  # a page of its own, the same sidebar
    with django_assert_num_queries(0):
        assert client.get(second.url)[CACHE_HEADER] == "hit"


def test_cached_page_is_the_same_page_as_one_rendered_without_the_cache(client, newsroom, settings):
    url = newsroom["articles"][0].url
    client.get(url)
    cached = client.get(url)
    settings.VESTNIK_PAGE_CACHE = False
    rendered = client.get(url)
    assert cached[CACHE_HEADER] == "hit"
    assert cached.content.decode() == rendered.content.decode()


@pytest.mark.parametrize("who", ["reader", "reader again", "editor", "no page cache"])
def test_no_reader_ever_gets_a_placeholder(client, newsroom, django_user_model, settings, who):
    url = newsroom["articles"][0].url
    if who == "editor":
        client.force_login(django_user_model.objects.create_user("editor", password="x" * 16))
    if who == "no page cache":
        settings.VESTNIK_PAGE_CACHE = False
    client.get(url)
    html = client.get(url).content.decode()
    assert "<!--vestnik:" not in html
    assert "Последние новости" in html


def test_sidebar_change_gives_the_page_a_new_etag(client, newsroom):
    url = newsroom["articles"][2].url
    before = client.get(url)
    article_with(rubric=newsroom["politics"], title="Новая статья", first_published_at=timezone.now())
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304


def test_cached_sidebar_speaks_the_pages_language(client, newsroom):
    url = "/kk" + newsroom["articles"][0].url
    client.get(url)
    client.get(newsroom["articles"][1].url)  # a Russian page in between
    response = client.get(url)
    assert response[CACHE_HEADER] == "hit"
    html = response.content.decode()
    assert "сағат бұрын" in html and "назад" not in html


def test_list_left_empty_by_the_page_itself_is_dropped_with_its_heading():
    html = ("<aside><!--vestnik:list 5--><h2>Самое читаемое</h2><ol><!--vestnik:item 7--><li>Семь</li>"
            "<!--vestnik:end--></ol><!--vestnik:/list--></aside>")  # fmt: skip
    parts = fragments.parse(html)
    assert fragments.assemble(parts, exclude=7) == "<aside></aside>"
    assert (
        fragments.assemble(parts, exclude=8) == "<aside><h2>Самое читаемое</h2><ol><li>Семь</li></ol></aside>"
    )


def test_list_keeps_its_limit_after_leaving_the_page_out():
    items = "".join(f"<!--vestnik:item {n}--><li>{n}</li><!--vestnik:end-->" for n in (1, 2, 3))
    parts = fragments.parse(f"<ol><!--vestnik:list 2-->{items}<!--vestnik:/list--></ol>")
    assert fragments.assemble(parts, exclude=None) == "<ol><li>1</li><li>2</li></ol>"
    assert fragments.assemble(parts, exclude=1) == "<ol><li>2</li><li>3</li></ol>"


def test_with_the_page_cache_off_readers_pages_share_one_rendered_sidebar(client, newsroom, settings):
    settings.VESTNIK_PAGE_CACHE = False
    first, second, _ = newsroom["articles"]
    client.get(first.url)  # renders the shared sidebar once
    response = client.get(second.url)
    rendered = [template.name for template in response.templates]
    assert CACHE_HEADER not in response  # the page itself was rendered, not served from the cache
    assert "news/article_page.html" in rendered and "includes/article_sidebar.html" not in rendered
    assert first.title in sidebar_titles(response) and second.title not in sidebar_titles(response)


def test_with_the_page_cache_off_a_publish_shows_in_the_shared_sidebar_at_once(client, newsroom, settings):
    settings.VESTNIK_PAGE_CACHE = False
    url = newsroom["articles"][2].url
    client.get(url)
    article_with(
        rubric=newsroom["politics"], title="ЦИК назвал дату выборов", first_published_at=timezone.now()
    )
    assert sidebar_titles(client.get(url))[0] == "ЦИК назвал дату выборов"


def test_a_process_kept_sidebar_is_not_taken_for_current_after_redis_loses_its_versions(
    client, newsroom, settings
):
    from django.core.cache import cache

    settings.VESTNIK_PAGE_CACHE = False
    url = newsroom["articles"][2].url
    cache.clear()  # Redis restarted: no tag has a version yet
    client.get(url)  # the sidebar is rendered and kept by this process
    article_with(
        rubric=newsroom["politics"], title="ЦИК назвал дату выборов", first_published_at=timezone.now()
    )
    cache.clear()  # restarted again, and with it the versions the publish bumped
    assert sidebar_titles(client.get(url))[0] == "ЦИК назвал дату выборов"
