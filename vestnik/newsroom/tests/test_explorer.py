"""The page explorer lists what Wagtail's would, without the queries that grow with the
archive (vestnik/newsroom/explorer.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vestnik.news.tests.factories import ArticleFactory, AuthorFactory, RubricFactory, article_with
from vestnik.newsroom.models import RubricDesk
from vestnik.newsroom.roles import Role

from .conftest import logged_in
from .factories import UserFactory, newsroom_member

pytestmark = pytest.mark.django_db


def drafts(rubric, count, **fields):
    return [rubric.add_child(instance=ArticleFactory.build(live=False, **fields)) for _ in range(count)]


def listed_ids(response) -> set[int]:
    assert response.status_code == 200, response.content.decode()[:500]
    return {page.pk for page in response.context["pages"]}


def explore(client, page, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/pages/{page.pk}/", params)
    return response, [q["sql"] for q in queries.captured_queries]


def test_editor_explores_own_rubric_without_the_permission_subquery_or_a_count(editor, desks):
    politics = desks["politics"]
    articles = drafts(politics, 22)
    response, sql = explore(logged_in(editor), politics)
    assert listed_ids(response) | listed_ids(
        logged_in(editor).get(f"/admin/pages/{politics.pk}/", {"p": 2})
    ) == {a.pk for a in articles}
    assert response.context["paginator"].count == 22
    assert response.context["paginator"].num_pages == 2
    listing = [q for q in sql if 'FROM "wagtailcore_page"' in q and "path" in q]
    assert listing, sql
    assert not [q for q in listing if re.search(r"COUNT\(\*\)", q)]
    assert not [q for q in listing if re.search(r"IN \(SELECT", q)]


def test_editor_of_two_rubrics_sees_only_those_under_the_home_page(desks, home):
    # Their explorable root is the home page, on which they have no permission: there
    # Wagtail's permission filter must stay.
    sport = RubricFactory(title="Спорт", parent=home)
    both = newsroom_member(Role.EDITOR, rubric=desks["politics"], username="both")
    both.groups.add(RubricDesk.objects.get(rubric=desks["society"]).editors)
    response, sql = explore(logged_in(both), home)
    listed = listed_ids(response)
    assert {desks["politics"].pk, desks["society"].pk} <= listed
    assert sport.pk not in listed
    assert response.context["paginator"].count == len(listed)


def test_editor_is_sent_from_another_rubric_to_what_they_may_explore(editor, desks):
    drafts(desks["society"], 2)
    response = logged_in(editor).get(f"/admin/pages/{desks['society'].pk}/")
    assert response.status_code == 302


def test_search_and_filters_under_own_rubric_find_descendants_only(editor, desks):
    politics, society = desks["politics"], desks["society"]
    mine = drafts(politics, 2, title="Маслихат собрался")
    drafts(society, 2, title="Маслихат собрался")
    client = logged_in(editor)
    response = client.get(f"/admin/pages/{politics.pk}/", {"owner": [editor.pk]})
    assert listed_ids(response) == set()
    for article in mine:
        article.owner = editor
        article.save(update_fields=["owner"])
    response = client.get(f"/admin/pages/{politics.pk}/", {"owner": [editor.pk]})
    assert listed_ids(response) == {a.pk for a in mine}
    assert response.context["paginator"].count == 2


def test_owner_and_edited_by_choices_are_the_newsroom_staff(editor, reporter, chief, desks):
    reader = UserFactory(username="reader", first_name="Читатель", last_name="Сайта")
    response = logged_in(editor).get(f"/admin/pages/{desks['politics'].pk}/")
    form = response.context["filters"].form
    for name in ("owner", "edited_by"):
        choices = set(form.fields[name].queryset)
        assert {editor, reporter, chief} <= choices
        assert reader not in choices


def test_the_row_count_reads_in_russian(editor, desks):
    politics = desks["politics"]
    drafts(politics, 3, title="Маслихат собрался")
    client = logged_in(editor)
    listing = client.get(f"/admin/pages/{politics.pk}/").content.decode()
    assert re.search(r"страницы: 1–3 из 3", listing), re.findall(r".{40}из 3.{10}", listing)
    found = client.get(f"/admin/pages/{politics.pk}/", {"q": "маслихат"}).content.decode()
    assert re.search(r"в разделе «<span[^>]*>Политика</span>»: 1–3 из 3", found)
    for page in (listing, found):
        assert not re.search(r"\d of \d", page)


def test_a_filtered_listing_counts_ids_and_the_right_number(editor, desks):
    from django.contrib.contenttypes.models import ContentType

    from vestnik.news.models import ArticlePage

    politics = desks["politics"]
    drafts(politics, 23)
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    response, sql = explore(logged_in(editor), politics, content_type=[article_type])
    assert response.context["paginator"].count == 23
    assert len(listed_ids(response)) == 20
    counts = [q for q in sql if q.startswith("SELECT COUNT(*)") and "wagtailcore_page" in q]
    assert counts and all("_approved_schedule" not in q and '"title"' not in q for q in counts), counts


def test_byline_author_and_status_filters(editor, desks):
    politics = desks["politics"]
    anuar, aigerim = AuthorFactory(name="Ануар Нурпеисов"), AuthorFactory(name="Айгерим Сапарова")
    by_anuar = article_with(rubric=politics, authors=[anuar], title="Парламент принял закон")
    both = article_with(rubric=politics, authors=[anuar, aigerim], title="Сенат одобрил бюджет")
    by_aigerim = article_with(rubric=politics, authors=[aigerim], title="Маслихат собрался")
    draft = drafts(politics, 1)[0]
    by_aigerim.title = "Маслихат собрался снова"
    by_aigerim.save_revision()  # published, with a newer draft
    client = logged_in(editor)

    def found(**params):
        response = client.get(f"/admin/pages/{politics.pk}/", params)
        assert response.context["paginator"].count == len(listed_ids(response))
        return listed_ids(response)

    assert found(author=[anuar.pk]) == {by_anuar.pk, both.pk}
    assert found(author=[anuar.pk, aigerim.pk]) == {by_anuar.pk, both.pk, by_aigerim.pk}
    assert found(status="draft") == {draft.pk}
    assert found(status="live") == {by_anuar.pk, both.pk, by_aigerim.pk}
    assert found(status="changes") == {by_aigerim.pk}
    assert found(status="live", author=[aigerim.pk]) == {both.pk, by_aigerim.pk}
