"""The admin's search (Wagtail's database backend) can go from its index entries to their
pages by an index on PostgreSQL (news migration 0015, bench/admin_bench.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from vestnik.news.tests.factories import article_with

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_the_page_id_index_is_on_the_expression_wagtails_search_joins_by(politics):
    article = article_with(rubric=politics, title="Паводок в Семее")
    with CaptureQueriesContext(connection) as queries:
        found = list(Page.objects.all().autocomplete("паводок"))
    assert [p.pk for p in found] == [article.pk]
    joins = {
        m
        for q in queries.captured_queries
        for m in re.findall(r'= \("wagtailcore_page"\."id"\)::(\w+\(\d+\))', q["sql"])
    }
    assert joins == {"varchar(50)"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'vestnik_page_id_text_idx'")
        (definition,) = cursor.fetchone()
    assert "((id)::character varying(50))" in definition
