"""A list's count can be answered from indexes on PostgreSQL (news migration 0016): the
live pages' depth and path, and the articles that are no translation. At a million
articles the count read both tables whole without them (bench/query_plans.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vestnik.news.models import ArticlePage, Tag

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def count_plan(queryset) -> str:
    """The plan of the list's COUNT, with sequential scans priced out: what remains is
    what the indexes can do for this very query."""
    with CaptureQueriesContext(connection) as queries:
        queryset.count()
    (count_sql,) = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + count_sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_rubrics_count_reads_the_live_pages_and_the_originals_from_indexes(newsroom):
    plan = count_plan(ArticlePage.objects.live().originals().in_rubric(newsroom["politics"]))
    assert "using vestnik_page_live_depth_path_idx" in plan
    assert "using vestnik_article_original_idx" in plan


def test_an_authors_and_a_tags_counts_read_the_originals_from_an_index(newsroom):
    author_plan = count_plan(ArticlePage.objects.live().originals().by_author(newsroom["anuar"]))
    tag_plan = count_plan(ArticlePage.objects.live().originals().tagged(Tag.objects.get(name="Астана")))
    for plan in (author_plan, tag_plan):
        assert "using vestnik_article_original_idx" in plan
        assert "Seq Scan on news_articlepage" not in plan
