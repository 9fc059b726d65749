"""Every public page runs a bounded number of queries, the same for 2 items or 12."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ArticleFactory, AuthorFactory, article_with

pytestmark = pytest.mark.django_db

# Ceilings for a cold cache; the count must also not grow with the number of items.
MAX_QUERIES = {"home": 12, "rubric": 12, "article": 16, "author": 8, "tag": 8}


def count_queries(client, url):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
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
    assert many == few, f"{page}: {few} queries with 2 articles, {many} with 12"
    assert many <= MAX_QUERIES[page], f"{page}: {many} queries"


def test_warm_article_page_reuses_cached_menu_and_sidebar(client, politics):
    article = ArticleFactory(parent=politics)
    ArticleFactory(parent=politics)
    cold = count_queries(client, article.url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(article.url)
    assert len(ctx.captured_queries) < cold
