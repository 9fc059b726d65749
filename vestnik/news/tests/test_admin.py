import pytest
from django.contrib.auth import get_user_model

from .factories import ArticleFactory, admin_article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pass")
    client.force_login(user)
    return client


def test_admin_login_page_speaks_russian(client):
    html = client.get("/admin/login/").content.decode()
    assert 'lang="ru"' in html
    assert "Войти" in html


def test_article_editor_opens_with_reporter_tabs(editor_client, politics):
    article = ArticleFactory(parent=politics)
    response = editor_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Материал", "SEO и адрес", "Лид", "Авторы", "Исправления и обновления"):
        assert label in html, label


def test_article_created_through_the_admin_gets_a_latin_slug(editor_client, politics):
    from vestnik.news.models import ArticlePage

    response = editor_client.post(
        f"/admin/pages/add/news/articlepage/{politics.pk}/",
        admin_article_form(
            title="Сенат одобрил закон о языках",
            slug="сенат-одобрил-закон-о-языках",
            lead="Сенат одобрил закон.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(title="Сенат одобрил закон о языках")
    assert article.live
    assert article.url == "/politika/senat-odobril-zakon-o-yazykakh/"


def test_article_editor_fills_the_slug_from_the_title(editor_client, politics):
    """The title field carries Wagtail's slug sync (TitleFieldPanel): without it a new article's
    slug stays empty and saving fails on the "SEO и адрес" tab."""
    from bs4 import BeautifulSoup

    html = editor_client.get(f"/admin/pages/add/news/articlepage/{politics.pk}/").content
    title = BeautifulSoup(html, "html.parser").find("input", id="id_title")
    assert "w-sync" in title["data-controller"].split()
    assert title["data-w-sync-target-value"] == "#id_slug"
