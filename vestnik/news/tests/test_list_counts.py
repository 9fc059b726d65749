"""Lists' counts: a rubric's counted in parts that give the list's own number, and on
PostgreSQL answered from indexes (news migration 0016): the live pages' depth, path and
type, and the articles that are no translation. At a million articles the counts read
both big tables whole without them (bench/query_plans.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vestnik.news.models import ArticlePage
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


@pytest.mark.postgres
def test_the_count_indexes_hold_only_live_pages_and_original_articles(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
            "('vestnik_page_live_depth_path_idx', 'vestnik_article_original_idx')"
        )
        definitions = dict(cursor.fetchall())
    pages = definitions["vestnik_page_live_depth_path_idx"]
    assert "(depth, path varchar_pattern_ops) INCLUDE (content_type_id) WHERE live" in pages
    assert "(page_ptr_id) WHERE (translation_of_id IS NULL)" in definitions["vestnik_article_original_idx"]


@pytest.mark.postgres
def test_a_rubrics_count_can_be_answered_without_reading_a_table_whole(newsroom):
    """Which index the planner takes for a handful of rows is its whim; that some index
    can answer each part (none of them an "or" across tables) is what this checks. The
    plans at a million articles are bench/query_plans.py's."""
    with CaptureQueriesContext(connection) as queries:
        rubric_article_count(newsroom["politics"])
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 3
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in counts:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "Seq Scan" not in plan, plan
