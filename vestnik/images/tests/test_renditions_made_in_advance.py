"""A published article's picture has its readers' renditions before any reader asks."""

import pytest
from django.core.management import CommandError, call_command

from vestnik.images.models import NewsImage
from vestnik.images.renditions import PORTRAIT_SPECS, READER_SPECS
from vestnik.images.tests.factories import news_image
from vestnik.news.tests.factories import ArticleFactory, AuthorFactory, article_with

pytestmark = pytest.mark.django_db


def reader_renditions(image: NewsImage) -> set[str]:
    return set(image.renditions.filter(filter_spec__in=READER_SPECS).values_list("filter_spec", flat=True))


def test_publishing_an_article_makes_its_pictures_renditions(politics, django_capture_on_commit_callbacks):
    hero = news_image(alt_text="Здание акимата")
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(parent=politics, hero_image=hero)
    assert reader_renditions(hero) == set(READER_SPECS)


def test_article_page_makes_no_rendition_after_the_publish(
    client, politics, django_capture_on_commit_callbacks
):
    hero = news_image(alt_text="Здание акимата")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(parent=politics, hero_image=hero)
    made = hero.renditions.count()
    assert client.get(article.url).status_code == 200
    assert client.get("/").status_code == 200
    assert hero.renditions.count() == made  # the pages only read them


def test_make_renditions_command_fills_in_what_an_import_left_out(politics, capsys):
    hero = news_image(alt_text="Здание акимата")
    ArticleFactory(parent=politics, hero_image=hero)  # on_commit never runs here: no renditions yet
    assert reader_renditions(hero) == set()
    call_command("make_renditions")
    assert reader_renditions(hero) == set(READER_SPECS)
    assert f"сделано размеров: {len(READER_SPECS)}" in capsys.readouterr().out
    call_command("make_renditions")  # a second run makes nothing more
    assert "сделано размеров: 0" in capsys.readouterr().out


def test_make_renditions_names_the_picture_whose_file_is_missing(politics):
    hero = news_image(title="Потерянный снимок", alt_text="Снимок")
    ArticleFactory(parent=politics, hero_image=hero)
    hero.file.storage.delete(hero.file.name)
    with pytest.raises(CommandError, match=f"картинка {hero.pk} «Потерянный снимок»"):
        call_command("make_renditions")


def test_an_authors_photo_gets_its_portrait_before_the_author_page_is_read(
    client, politics, django_capture_on_commit_callbacks
):
    photo = news_image(alt_text="Портрет")
    with django_capture_on_commit_callbacks(execute=True):
        author = AuthorFactory(name="Ануар Нурпеисов", photo=photo)
    assert set(photo.renditions.values_list("filter_spec", flat=True)) == set(PORTRAIT_SPECS)
    article_with(rubric=politics, authors=[author])
    made = photo.renditions.count()
    assert client.get(f"/author/{author.slug}/").status_code == 200
    assert photo.renditions.count() == made  # the page only reads it


def test_make_renditions_command_makes_authors_portraits_too(capsys):
    photo = news_image(alt_text="Портрет")
    AuthorFactory(name="Айгерим Сапарова", photo=photo)  # on_commit never runs here
    call_command("make_renditions")
    assert set(photo.renditions.values_list("filter_spec", flat=True)) == set(PORTRAIT_SPECS)
