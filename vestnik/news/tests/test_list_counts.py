"""Lists' counts: a rubric's counted in parts that give the list's own number, and on
PostgreSQL answered from indexes (news migration 0016): the live pages' depth, path and
type, and the articles that are no translation. At a million articles the counts read
both big tables whole without them (bench/query_plans.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vestnik.news.models import ArticlePage, Tag
from vestnik.news.selectors import rubric_article_count

from .factories import ArticleFactory, RubricFactory, article_with

pytestmark = pytest.mark.django_db


def listed(rubric) -> int:
    return ArticlePage.objects.live().originals().in_rubric(rubric).count()


def test_a_rubrics_count_is_the_number_of_articles_its_pages_list(newsroom):
    politics, society = newsroom["politics"], newsroom["society"]
    assert rubric_article_count(politics) == listed(politics) == 2  # one its own, one as extra rubric
    # A sub-rubric, its article, a draft, a translation, an article in both ways at once.
    region = RubricFactory(title="Регионы", parent=politics)
    article_with(rubric=region, title="В регионе избрали акима")
    ArticleFactory(parent=politics, publish=False, title="Черновик")
    original = newsroom["articles"][0]
    article_with(
        rubric=politics, title="Парламент заң қабылдады", content_language="kk", translation_of=original
    )
    article_with(rubric=politics, extra_rubrics=[politics, society], title="Дважды в рубрике")
    assert rubric_article_count(politics) == listed(politics) == 3
    assert rubric_article_count(society) == listed(society) == 3
    assert rubric_article_count(region) == listed(region) == 1


def count_plans(count) -> list[str]:
    """The plans of the COUNTs ``count()`` runs, with sequential scans priced out: what
    remains is what the indexes can do for these very queries."""
    with CaptureQueriesContext(connection) as queries:
        count()
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]:
            cursor.execute("EXPLAIN " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def count_plan(queryset) -> str:
    (plan,) = count_plans(queryset.count)
    return plan


@pytest.mark.postgres
def test_a_rubrics_own_articles_are_counted_from_the_live_pages_index(newsroom):
    politics = newsroom["politics"]
    plans = count_plans(lambda: rubric_article_count(politics))
    assert "Index Only Scan using vestnik_page_live_depth_path_idx" in plans[0]
    assert all("Seq Scan on news_articlepage" not in plan for plan in plans)


@pytest.mark.postgres
def test_an_authors_and_a_tags_counts_read_the_originals_from_an_index(newsroom):
    author_plan = count_plan(ArticlePage.objects.live().originals().by_author(newsroom["anuar"]))
    tag_plan = count_plan(ArticlePage.objects.live().originals().tagged(Tag.objects.get(name="Астана")))
    for plan in (author_plan, tag_plan):
        assert "using vestnik_article_original_idx" in plan
        assert "Seq Scan on news_articlepage" not in plan
