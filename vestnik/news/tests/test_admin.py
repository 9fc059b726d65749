import re

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


def test_article_editor_has_the_reporters_fields_in_order_then_seo_in_its_own_tab(
    editor_client, politics, society
):
    article = ArticleFactory(parent=politics)
    html = editor_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    labels = re.findall(r'role="tab"[^>]*>\s*([^<]+?)\s*<', html)
    assert labels[:2] == ["Материал", "SEO и адрес"], labels
    content, seo = html.split('aria-labelledby="tab-label-seo', 1)
    # title, lead, body, rubric, authors, tags, image with caption
    markers = ['id="id_title"', 'id="id_lead"', 'id="id_body"', 'id="primary-rubric-label"', 'name="extra_rubrics"',
               'id="id_article_authors-TOTAL_FORMS"', 'id="id_tags"', 'id="id_hero_image"', 'id="id_hero_caption"']  # fmt: skip
    positions = [content.find(marker) for marker in markers]
    assert -1 not in positions, [m for m, p in zip(markers, positions, strict=True) if p == -1]
    assert positions == sorted(positions), markers
    for marker in ('id="id_slug"', 'id="id_seo_title"', 'id="id_search_description"'):
        assert marker in seo and marker not in content, marker
    assert "Поисковики и соцсети" in seo
    assert 'name="show_in_menus"' not in html  # the menu lists rubrics, never articles


def test_article_editor_shows_its_rubric_and_offers_only_the_others_as_extra(
    editor_client, politics, society
):
    article = ArticleFactory(parent=politics)
    html = editor_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    shown = html[html.find('id="primary-rubric-label"') :]
    assert shown.find("Политика") < shown.find('name="extra_rubrics"')
    assert f"/admin/pages/{article.pk}/move/" in html
    extra = re.findall(r'name="extra_rubrics" value="(\d+)"', html)
    assert extra == [str(society.pk)]


def test_new_article_form_names_the_rubric_it_is_created_in(editor_client, society):
    html = editor_client.get(f"/admin/pages/add/news/articlepage/{society.pk}/").content.decode()
    shown = html[html.find('id="primary-rubric-label"') :]
    assert "Общество" in shown[: shown.find('name="extra_rubrics"')]


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
