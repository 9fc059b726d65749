"""An article cannot be published while its hero image, or an image in its body, has no
alternative text; the refusal names the image. A draft is saved all the same."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import rich_text

from vestnik.images.alt_text import images_without_alt_text
from vestnik.news.models import ArticlePage
from vestnik.news.tests.factories import ArticleFactory, admin_article_form

from .factories import news_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.com", "x" * 12))
    return client


def embed(image, alt):
    return f'<p>Текст.</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="{alt}"/>'


def add_article(client, rubric, *, publish=True, **fields):
    form = admin_article_form(title="Мажилис принял бюджет", slug="mazhilis", lead="Лид.", **fields)
    if not publish:
        del form["action-publish"]
    return client.post(f"/admin/pages/add/news/articlepage/{rubric.pk}/", form)


def errors(response, field):
    assert response.status_code == 200, "the form was accepted"
    return " ".join(response.context["form"].errors.get(field, []))


def test_article_whose_hero_image_has_no_alt_text_cannot_be_published(editor, politics):
    image = news_image(title="Сессия Мажилиса 14 мая")
    message = errors(add_article(editor, politics, hero_image=image.pk), "hero_image")
    assert "«Сессия Мажилиса 14 мая»" in message and "альтернативного текста" in message, message
    assert not ArticlePage.objects.filter(live=True).exists()


def test_article_with_a_body_image_without_alt_text_cannot_be_published(editor, politics):
    image = news_image(title="Зал заседаний", alt_text="Депутаты в зале")
    message = errors(add_article(editor, politics, body=rich_text(embed(image, ""))), "body")
    assert "«Зал заседаний»" in message and "в тексте" in message, message
    assert not ArticlePage.objects.filter(live=True).exists()


def test_draft_with_images_without_alt_text_is_saved(editor, politics):
    hero, inline = news_image(title="Без описания"), news_image(title="Тоже без описания")
    response = add_article(
        editor, politics, publish=False, hero_image=hero.pk, body=rich_text(embed(inline, ""))
    )
    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(title="Мажилис принял бюджет")
    assert not article.live and article.hero_image == hero


def test_article_whose_images_have_alt_text_is_published(editor, politics):
    hero = news_image(title="Сессия", alt_text="Депутаты голосуют в зале Мажилиса")
    inline = news_image(title="Без своего описания")  # the editor wrote one in the dialog
    response = add_article(editor, politics, hero_image=hero.pk, body=rich_text(embed(inline, "Трибуна")))
    assert response.status_code == 302, response.context["form"].errors
    assert ArticlePage.objects.get(title="Мажилис принял бюджет").live


def test_publishing_a_saved_draft_is_refused_until_the_image_is_described(editor, politics):
    image = news_image(title="Площадь")
    article = ArticleFactory(parent=politics, publish=False, hero_image=image)
    form = admin_article_form(title=article.title, slug=article.slug, lead=article.lead, hero_image=image.pk)
    url = f"/admin/pages/{article.pk}/edit/"
    assert "«Площадь»" in errors(editor.post(url, form), "hero_image")
    image.alt_text = "Площадь Независимости в Астане"
    image.save()
    assert editor.post(url, form).status_code == 302
    article.refresh_from_db()
    assert article.live


def test_preview_of_an_article_with_an_undescribed_image_is_not_refused(editor, politics):
    image = news_image(title="Площадь")
    article = ArticleFactory(parent=politics, publish=False)
    form = admin_article_form(title=article.title, slug=article.slug, lead=article.lead, hero_image=image.pk)
    response = editor.post(f"/admin/pages/{article.pk}/edit/preview/", form)
    assert json.loads(response.content)["is_valid"] is True


def test_each_undescribed_image_is_named_once_hero_first():
    hero = news_image(title="Главное", alt_text=" ")
    body_image, described = news_image(title="В тексте"), news_image(title="Описан", alt_text="Есть")
    body = embed(body_image, "") + embed(body_image, "") + embed(described, "") + embed(hero, "Своё")
    missing = images_without_alt_text(hero=hero, body=body)
    assert [(m.image.title, m.in_body) for m in missing] == [
        ("Главное", False),
        ("В тексте", True),
        ("Описан", True),
    ]
