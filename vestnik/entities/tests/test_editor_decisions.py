"""The article editor lists the found names with their counts; the editor accepts or rejects
each and the choice is saved with the page, by whoever may edit the article."""

import pytest
from django.contrib.auth import get_user_model

from vestnik.entities.models import Mention
from vestnik.entities.services import enrich_article
from vestnik.news.tests.factories import article_with
from vestnik.newsroom.tests.admin_actions import edit_article, fresh
from vestnik.newsroom.tests.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed(politics, extraction):
    article = article_with(
        rubric=politics, title="Допрос", body="<p>Жилин сказал. Жилин ушёл. ФСБ молчит.</p>"
    )
    enrich_article(article_id=article.pk)
    return article


@pytest.fixture
def superuser_client(client):
    client.force_login(get_user_model().objects.create_superuser("boss", "boss@example.com", "pass"))
    return client


def field(article, name):
    return f"entity-mention-{Mention.objects.get(article=article, name=name).pk}"


def test_the_editor_shows_each_suggestion_with_its_count_and_choices(superuser_client, analysed):
    html = superuser_client.get(f"/admin/pages/{analysed.pk}/edit/").content.decode()
    panel = html[html.index("entity-suggestions") :]
    assert "Михаил Жилин" in panel and "ФСБ" in panel
    assert "<td>2</td>" in panel  # Жилин twice
    assert "Федеральная служба безопасности" in panel
    for value in ("suggested", "accepted", "rejected"):
        assert f'name="{field(analysed, "ФСБ")}" value="{value}"' in panel


def test_accepting_and_rejecting_are_saved_with_the_page(superuser_client, analysed):
    response = edit_article(
        superuser_client,
        analysed,
        action="action-publish",
        **{field(analysed, "Михаил Жилин"): "accepted", field(analysed, "ФСБ"): "rejected"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    zhilin = Mention.objects.get(article=analysed, name="Михаил Жилин")
    assert zhilin.status == Mention.Status.ACCEPTED
    assert zhilin.entity.name == "Михаил Жилин"
    assert zhilin.decided_by.username == "boss"
    assert Mention.objects.get(article=analysed, name="ФСБ").status == Mention.Status.REJECTED
    page = superuser_client.get(fresh(analysed).url).content.decode()
    assert 'href="/persons/mikhail-zhilin/"' in page
    assert "ФСБ" not in page.split("Упомянуты в материале", 1)[1].split("</nav>", 1)[0]


def test_saving_a_draft_keeps_the_suggestions_and_applies_the_choice(superuser_client, analysed):
    edit_article(superuser_client, analysed, **{field(analysed, "ФСБ"): "accepted"})
    assert Mention.objects.filter(article=analysed).count() == 2
    assert Mention.objects.get(article=analysed, name="ФСБ").status == Mention.Status.ACCEPTED


def test_a_reporter_of_the_rubric_may_decide(reporter, politics, extraction):
    # A reporter edits the articles they wrote (vestnik/newsroom/roles.py).
    article = article_with(rubric=politics, title="О Жилине", body="<p>Жилин сказал.</p>", owner=reporter)
    enrich_article(article_id=article.pk)
    client = logged_in(reporter)
    response = edit_article(client, fresh(article), **{field(article, "Михаил Жилин"): "rejected"})
    assert response.status_code == 302
    assert Mention.objects.get(article=article).status == Mention.Status.REJECTED


def test_someone_who_cannot_edit_the_article_cannot_decide(reporter, society, extraction):
    article = article_with(rubric=society, title="Чужая рубрика", body="<p>Жилин сказал.</p>")
    enrich_article(article_id=article.pk)
    client = logged_in(reporter)  # a reporter of "Политика"
    edit_article(client, article, **{field(article, "Михаил Жилин"): "accepted"})
    assert Mention.objects.get(article=article).status == Mention.Status.SUGGESTED


def test_a_choice_for_another_articles_suggestion_is_ignored(superuser_client, politics, analysed):
    other = article_with(rubric=politics, title="Другой", body="<p>Текст.</p>")
    edit_article(superuser_client, other, **{field(analysed, "ФСБ"): "accepted"})
    assert Mention.objects.get(article=analysed, name="ФСБ").status == Mention.Status.SUGGESTED
