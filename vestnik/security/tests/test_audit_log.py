"""Who published, unpublished or deleted what: Wagtail's log, shown in Reports → Site history."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageLogEntry

from vestnik.news.tests.factories import ArticleFactory, admin_article_form

SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def chief(client, db):
    user = get_user_model().objects.create_superuser(
        "chief", "chief@example.com", "весенний номер редакции", first_name="Гульнара", last_name="Ахметова"
    )
    client.force_login(user)
    return user


def test_publish_unpublish_and_delete_through_the_admin_are_in_the_site_history(client, chief, politics):
    article = ArticleFactory(parent=politics, title="Аким ответил на вопросы читателей", publish=False)

    form = admin_article_form(title=article.title, slug=article.slug, lead="Лид.")
    published = client.post(f"/admin/pages/{article.pk}/edit/", form)
    assert published.status_code == 302, published.content.decode()[:2000]
    assert client.post(f"/admin/pages/{article.pk}/unpublish/").status_code == 302
    assert client.post(f"/admin/pages/{article.pk}/delete/").status_code == 302

    logged = list(
        PageLogEntry.objects.filter(page_id=article.pk).order_by("timestamp").values_list("action", "user")
    )
    for action in ("wagtail.publish", "wagtail.unpublish", "wagtail.delete"):
        assert (action, chief.pk) in logged, logged

    rows = history_rows(client)
    for label in ("Опубликовано", "Снято с публикации", "Удален"):
        row = f"Аким ответил на вопросы читателей | Материал | {label} | Гульнара Ахметова"
        assert any(line.startswith(row) for line in rows), (row, rows)


def history_rows(client) -> list[str]:
    """The site history report's table, one "cell | cell | …" line per row."""
    from bs4 import BeautifulSoup

    report = client.get(SITE_HISTORY)
    assert report.status_code == 200
    tables = BeautifulSoup(report.content, "html.parser").find_all("table")
    table = next(table for table in tables if "Пользователь" in table.find("thead").get_text())
    return [
        " | ".join(" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"]))
        for row in table.find("tbody").find_all("tr")
    ]
