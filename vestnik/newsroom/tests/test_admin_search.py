"""The admin's search (Wagtail's database backend) on PostgreSQL: its index entries find their
pages by an index (news migration 0015), and a common word is looked for among the pages
edited last (vestnik/newsroom/admin_search.py); elsewhere the search is Wagtail's own."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from vestnik.news.tests.factories import ArticleFactory, article_with
from vestnik.newsroom import admin_search

from .conftest import logged_in

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


# --- a common word is looked for among the pages edited last (vestnik/newsroom/admin_search.py)

NOTE = "Это слово встречается часто: показаны совпадения среди 3 последних изменённых страниц"


def drafts_edited_hours_ago(rubric, titles_by_hours: dict[int, str]) -> dict[int, Page]:
    now = timezone.now()
    # The rubrics and the home page were saved last: make them older than the articles.
    Page.objects.filter(latest_revision_created_at__isnull=False).update(
        latest_revision_created_at=now - dt.timedelta(days=30)
    )
    made = {}
    for hours, title in titles_by_hours.items():
        page = rubric.add_child(instance=ArticleFactory.build(live=False, title=title))
        Page.objects.filter(pk=page.pk).update(latest_revision_created_at=now - dt.timedelta(hours=hours))
        made[hours] = page
    return made


@pytest.fixture
def archive(desks):
    """'паводок' in the three pages edited last and in two older ones; 'выборы' in one old page."""
    return drafts_edited_hours_ago(
        desks["politics"],
        {1: "Паводок в Семее", 2: "Паводок: сводка", 3: "Паводок и дамбы", 4: "Паводок прошёл",
         5: "Весенний паводок", 6: "Выборы в маслихат", 7: "Ремонт дорог"},
    )  # fmt: skip


@pytest.fixture
def small_window(monkeypatch):
    """The 3 pages edited last are the sample and the window; 2 matches make a word common."""
    monkeypatch.setattr(admin_search, "SAMPLE", 3)
    monkeypatch.setattr(admin_search, "SAMPLE_DENSE", 2)
    monkeypatch.setattr(admin_search, "WINDOW", 3)


def ids(pages) -> set[int]:
    return {p.pk for p in pages}


@pytest.mark.postgres
def test_a_common_word_is_looked_for_among_the_pages_edited_last(archive, small_window):
    found = Page.objects.all().autocomplete("паводок")
    assert ids(found) == ids(archive[h] for h in (1, 2, 3))
    assert found.count() == 3
    assert admin_search.searched_recent_pages_only(found)


@pytest.mark.postgres
def test_a_common_word_gets_at_most_the_rank_limit_of_newest_matches(archive, small_window, monkeypatch):
    monkeypatch.setattr(admin_search, "RANK_LIMIT", 2)
    found = Page.objects.all().autocomplete("паводок")
    assert ids(found) == ids(archive[h] for h in (1, 2))


@pytest.mark.postgres
def test_a_common_words_matches_come_from_the_window_beyond_the_sample(archive, monkeypatch):
    for name, value in {"SAMPLE": 2, "SAMPLE_DENSE": 2, "WINDOW": 6, "RANK_LIMIT": 4}.items():
        monkeypatch.setattr(admin_search, name, value)
    assert ids(Page.objects.all().autocomplete("паводок")) == ids(archive[h] for h in (1, 2, 3, 4))


@pytest.mark.postgres
def test_a_rare_word_is_looked_for_in_the_whole_archive(archive, small_window):
    found = Page.objects.all().autocomplete("выборы")
    assert ids(found) == {archive[6].pk}
    assert not admin_search.searched_recent_pages_only(found)


@pytest.mark.postgres
def test_a_search_ordered_by_a_column_finds_every_match(archive, small_window):
    found = Page.objects.order_by("title").autocomplete("паводок", order_by_relevance=False)
    assert found.count() == 5
    assert [p.title for p in found][:2] == ["Весенний паводок", "Паводок в Семее"]


@pytest.mark.postgres
def test_with_the_default_window_a_small_site_finds_every_match(archive):
    assert ids(Page.objects.all().autocomplete("паводок")) == ids(archive[h] for h in (1, 2, 3, 4, 5))


@pytest.mark.postgres
def test_explorer_says_when_it_looked_for_a_common_word_in_recent_pages(archive, editor, desks, small_window):
    response = logged_in(editor).get(f"/admin/pages/{desks['politics'].pk}/", {"q": "паводок"})
    assert response.status_code == 200
    assert ids(response.context["pages"]) == ids(archive[h] for h in (1, 2, 3))
    assert response.context["paginator"].count == 3
    assert NOTE in response.content.decode()
    rare = logged_in(editor).get(f"/admin/pages/{desks['politics'].pk}/", {"q": "выборы"})
    assert ids(rare.context["pages"]) == {archive[6].pk}
    assert "встречается часто" not in rare.content.decode()


@pytest.mark.postgres
def test_admin_search_page_says_when_it_looked_for_a_common_word_in_recent_pages(
    archive, editor, small_window
):
    response = logged_in(editor).get("/admin/pages/search/", {"q": "паводок"})
    assert response.status_code == 200
    assert ids(response.context["pages"]) == ids(archive[h] for h in (1, 2, 3))
    assert NOTE in response.content.decode()
    ordered = logged_in(editor).get("/admin/pages/search/", {"q": "паводок", "ordering": "title"})
    assert len(ordered.context["pages"]) == 5
    assert "встречается часто" not in ordered.content.decode()


def test_only_postgresql_gets_the_recent_pages_backend():
    backend = get_search_backend()
    expected = connection.vendor == "postgresql"
    assert isinstance(backend, admin_search.RecentPagesPostgresSearchBackend) is expected


def test_admin_search_counts_its_rows_as_pages(politics, editor):
    article_with(rubric=politics, title="Паводок в Семее")
    response = logged_in(editor).get("/admin/pages/search/", {"q": "паводок"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "None:" not in text
    assert "страницы: 1–1 из 1" in text or "страница: 1–1 из 1" in text
