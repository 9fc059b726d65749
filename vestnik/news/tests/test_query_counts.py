"""Every public page runs a bounded number of queries, the same for 2 items or 12."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .factories import ArticleFactory, AuthorFactory, article_with

pytestmark = pytest.mark.django_db

# Ceilings for a cold cache; the count must also not grow with the number of items. Every
# page reads the breaking-news candidates once per publish; an article its correction notes
# (cached with its byline), its live translations (cached) and its entities, related articles and
# timeline (two queries, cached until they change: vestnik/entities/selectors.py); the home page
# the editors' choice of rubric blocks (cached); a rubric counts its articles in three parts
# once per change (selectors.rubric_article_count: cheap where one COUNT read two tables).
MAX_QUERIES = {"home": 15, "rubric": 14, "article": 18, "author": 10, "tag": 10}
# With the shared lists, the site and the settings cached (any page after the first):
WARM_QUERIES = {"home": 4, "rubric": 2, "article": 1, "author": 3, "tag": 2}


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # What a page costs to render; the whole-page cache is tested in vestnik/caching.
    settings.VESTNIK_PAGE_CACHE = False


LAST = []
LAST_FULL = []


def count_queries(client, url):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    LAST[:] = [q["sql"][:90] for q in ctx.captured_queries]
    LAST_FULL[:] = [q["sql"] for q in ctx.captured_queries]
    return len(ctx.captured_queries)


def fill(politics, n, author):
    for i in range(n):
        article_with(rubric=politics, authors=[author], tags=["выборы", f"тег{i}"], title=f"Материал {i}")


@pytest.mark.parametrize("page", ["home", "rubric", "article", "author", "tag"])
def test_query_count_is_bounded_and_does_not_grow_with_items(client, politics, page):
    author = AuthorFactory(name="Ануар Нурпеисов")
    fill(politics, 2, author)
    urls = {
        "home": "/",
        "rubric": "/politika/",
        "article": "/politika/material-0/",
        "author": "/author/anuar-nurpeisov/",
        "tag": "/tag/vybory/",
    }
    few = count_queries(client, urls[page])
    fill_more = [
        article_with(rubric=politics, authors=[author], tags=["выборы"], title=f"Ещё {i}") for i in range(10)
    ]
    assert len(fill_more) == 10
    many = count_queries(client, urls[page])
    assert many == few, f"{page}: {few} queries with 2 articles, {many} with 12: {LAST}"
    assert many <= MAX_QUERIES[page], f"{page}: {many} queries: {LAST}"


@pytest.mark.parametrize("page", ["home", "rubric", "article", "author", "tag"])
def test_warm_page_reuses_cached_site_menu_settings_and_sidebar(client, politics, page):
    author = AuthorFactory(name="Ануар Нурпеисов")
    fill(politics, 3, author)
    url = {"home": "/", "rubric": "/politika/", "article": "/politika/material-0/",
           "author": "/author/anuar-nurpeisov/", "tag": "/tag/vybory/"}[page]  # fmt: skip
    cold = count_queries(client, url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    warm = [q["sql"] for q in ctx.captured_queries]
    assert len(warm) <= WARM_QUERIES[page] < cold, warm


def test_article_is_found_by_one_lookup_not_a_walk_down_the_tree(client, politics):
    article = ArticleFactory(parent=politics)
    client.get(article.url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(article.url)
    page_queries = [q["sql"] for q in ctx.captured_queries if '"wagtailcore_page"."path"' in q["sql"]]
    site_queries = [q["sql"] for q in ctx.captured_queries if "wagtailcore_site" in q["sql"]]
    restriction_queries = [q["sql"] for q in ctx.captured_queries if "pageviewrestriction" in q["sql"]]
    assert len(page_queries) == 1, page_queries  # by url_path, not level by level
    assert "url_path" in page_queries[0]
    assert site_queries == [] and restriction_queries == []


def test_preview_shows_the_drafts_byline_not_the_cached_live_one(client, politics):
    live_author, draft_author = AuthorFactory(name="Живой Автор"), AuthorFactory(name="Черновой Автор")
    article = article_with(rubric=politics, authors=[live_author], title="Материал")
    assert "Живой Автор" in client.get(article.url).content.decode()  # the live byline is now cached
    article.set_byline([draft_author])
    preview = article.make_preview_request().content.decode()
    assert "Черновой Автор" in preview and "Живой Автор" not in preview


# With a picture on every card, once its renditions exist (the first view makes them): a
# list's renditions come in one query (vestnik.images.renditions.with_list_renditions), two
# on the home page (the lead story's list, the rubric blocks); the article asks for its
# hero's and, once a day per image, for the Open Graph sizes.
RENDITION_QUERIES = {"home": 2, "rubric": 1, "article": 2, "author": 1, "tag": 1}
# The search page on PostgreSQL runs its two search statements each in a savepoint with
# SET LOCAL (vestnik/search): six more statements than on SQLite, the same queries.
SEARCH_QUERIES = 13 + (6 if connection.vendor == "postgresql" else 0)
PICTURED_MAX_QUERIES = {
    **{p: MAX_QUERIES[p] + n for p, n in RENDITION_QUERIES.items()},
    "search": SEARCH_QUERIES,
}


@pytest.mark.parametrize("page", ["home", "rubric", "article", "author", "tag", "search"])
def test_pictures_do_not_add_a_query_per_card(client, politics, page, settings, tmp_path):
    from vestnik.images.tests.factories import news_image

    settings.MEDIA_ROOT = tmp_path
    author = AuthorFactory(name="Ануар Нурпеисов")
    url = {"home": "/", "rubric": "/politika/", "article": "/politika/material-0/",
           "author": "/author/anuar-nurpeisov/", "tag": "/tag/vybory/", "search": "/search/?q=материал"}[page]  # fmt: skip

    # Published seconds apart (the factory's default is an hour apart): the search's count
    # of period probes follows the days its matches span (search/backends.py), and ten
    # articles an hour apart could cross midnight where two did not.
    moment = timezone.now()

    def add(n, start):
        for i in range(start, start + n):
            image = news_image(title=f"Снимок {i}", alt_text=f"Снимок {i}")
            article_with(
                rubric=politics, authors=[author], tags=["выборы"], title=f"Материал {i}", hero_image=image,
                first_published_at=moment - dt.timedelta(seconds=i),
            )  # fmt: skip

    add(2, 0)
    count_queries(client, url)  # makes the renditions
    few = count_queries(client, url)
    add(8, 2)
    count_queries(client, url)
    many = count_queries(client, url)
    assert many == few, f"{page}: {few} queries with 2 pictured articles, {many} with 10: {LAST}"
    assert many <= PICTURED_MAX_QUERIES[page], f"{page}: {many} queries: {LAST}"


@pytest.mark.parametrize("page", ["home", "article"])
def test_breaking_banner_costs_the_same_one_query_cold_however_many_are_breaking_and_none_warm(
    client, politics, page
):
    author = AuthorFactory(name="Ануар Нурпеисов")
    fill(politics, 2, author)
    url = {"home": "/", "article": "/politika/material-0/"}[page]
    cold_without = count_queries(client, url)
    until = timezone.now() + dt.timedelta(hours=1)
    for i in range(3):
        article_with(rubric=politics, authors=[author], title=f"Срочно {i}", breaking_until=until)
    cold_with = count_queries(client, url)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(url).content.decode()
    assert 'class="breaking"' in html and "Срочно 2" in html
    assert cold_with == cold_without, LAST
    assert sum('"breaking_until" >' in q for q in LAST_FULL) == 1, LAST
    assert len(ctx.captured_queries) <= WARM_QUERIES[page], [q["sql"] for q in ctx.captured_queries]
