"""Each kind of change shows at once on exactly the cached pages that show what changed."""

import datetime as dt

import pytest
from django.utils import timezone

from vestnik.caching.middleware import CACHE_HEADER
from vestnik.news.models import ArticlePage, Tag
from vestnik.news.tests.factories import AuthorFactory, RubricFactory, article_with


def warm(client, *paths):
    for path in paths:
        assert client.get(path).status_code == 200
        assert client.get(path)[CACHE_HEADER] == "hit", path


def page(client, path) -> str:
    return client.get(path).content.decode()


@pytest.fixture
def paths(newsroom):
    anuar, aigerim = newsroom["anuar"], newsroom["aigerim"]
    article = newsroom["articles"][0]
    return {
        "article": article.url,
        "other_article": newsroom["articles"][2].url,
        "home": "/",
        "home_kk": "/kk/",
        "politics": "/politika/",
        "society": "/obshchestvo/",
        "author": f"/author/{anuar.slug}/",
        "other_author": f"/author/{aigerim.slug}/",
        "tag": "/tag/vybory/",
        "other_tag": "/tag/obrazovanie/",
        "rss": "/feeds/rss/",
        "politics_rss": "/feeds/rubric/politika/rss/",
    }


def test_edited_title_shows_on_every_page_that_shows_the_article(client, newsroom, paths):
    warm(client, *paths.values())
    article = newsroom["articles"][0]
    article.title = "Парламент отложил закон о выборах"
    article.save_revision().publish()
    for name in ("article", "other_article", "home", "home_kk", "politics", "author", "tag", "rss",
                 "politics_rss"):  # fmt: skip
        assert "Парламент отложил закон" in page(client, paths[name]), name


def test_edit_of_an_article_leaves_pages_that_do_not_show_it_cached(client, newsroom, paths):
    old = newsroom["articles"][2]  # not in the politics rubric, by Aigerim only
    warm(client, paths["politics"], paths["author"], paths["tag"], paths["politics_rss"])
    old.lead = "Уточнённый лид."
    old.save_revision().publish()
    for name in ("politics", "author", "tag", "politics_rss"):
        assert client.get(paths[name])[CACHE_HEADER] == "hit", name


def test_new_article_appears_on_its_lists_and_in_every_sidebar(client, newsroom, paths):
    warm(client, *paths.values())
    article_with(rubric=newsroom["politics"], authors=[newsroom["anuar"]], tags=["выборы"],
                 title="Срочно: ЦИК назвал дату выборов", first_published_at=timezone.now())  # fmt: skip
    for name in ("home", "home_kk", "politics", "author", "tag", "rss", "politics_rss",
                 "article", "other_article"):  # fmt: skip
        assert "ЦИК назвал дату выборов" in page(client, paths[name]), name
    for name in ("society", "other_author", "other_tag"):
        assert client.get(paths[name])[CACHE_HEADER] == "hit", name


def test_unpublished_article_disappears_at_once(client, newsroom, paths):
    warm(client, *paths.values())
    article = newsroom["articles"][0]
    article.unpublish()
    assert client.get(paths["article"]).status_code == 404
    for name in ("home", "politics", "author", "tag", "rss", "other_article"):
        assert "Парламент принял закон" not in page(client, paths[name]), name


def test_deleted_article_disappears_at_once(client, newsroom, paths):
    warm(client, *paths.values())
    ArticlePage.objects.get(pk=newsroom["articles"][0].pk).delete()
    assert client.get(paths["article"]).status_code == 404
    for name in ("home", "politics", "author", "tag", "rss"):
        assert "Парламент принял закон" not in page(client, paths[name]), name


def test_article_moved_to_another_rubric_leaves_the_old_list_and_joins_the_new(client, newsroom, paths):
    warm(client, paths["politics"], paths["society"])
    article = ArticlePage.objects.get(pk=newsroom["articles"][0].pk)
    article.move(newsroom["society"], pos="last-child")
    assert "Парламент принял закон" not in page(client, paths["politics"])
    assert "Парламент принял закон" in page(client, paths["society"])


def test_extra_rubric_added_in_an_edit_lists_the_article_there(client, newsroom, paths):
    warm(client, paths["society"])
    article = ArticlePage.objects.get(pk=newsroom["articles"][0].pk)
    article.extra_rubrics = [newsroom["society"]]
    article.save_revision().publish()
    assert "Парламент принял закон" in page(client, paths["society"])


def test_renamed_author_shows_in_bylines_and_on_the_author_page(client, newsroom, paths):
    warm(client, paths["article"], paths["author"])
    anuar = newsroom["anuar"]
    anuar.name = "Ануар Нурпеисов-Ким"
    anuar.save()
    assert "Нурпеисов-Ким" in page(client, paths["article"])
    assert "Нурпеисов-Ким" in page(client, paths["author"])


def test_renamed_tag_shows_on_the_article_and_the_tag_page(client, newsroom, paths):
    warm(client, paths["article"], paths["tag"])
    tag = Tag.objects.get(slug="vybory")
    tag.name = "выборы-2026"
    tag.save()
    assert "выборы-2026" in page(client, paths["article"])
    assert "выборы-2026" in page(client, paths["tag"])


def test_new_rubric_shows_in_the_menu_of_every_page(client, newsroom, paths):
    warm(client, paths["article"], paths["home"], paths["author"])
    RubricFactory(title="Наука", parent=newsroom["politics"].get_parent())
    for name in ("article", "home", "author"):
        assert ">Наука<" in page(client, paths[name]), name


def test_scheduled_article_appears_when_the_scheduler_publishes_it(client, newsroom, paths):
    from django.core.management import call_command

    warm(client, paths["home"])
    article = article_with(rubric=newsroom["politics"], authors=[AuthorFactory()], title="Отложенная новость")
    article.unpublish()
    revision = article.save_revision(approved_go_live_at=timezone.now() - dt.timedelta(seconds=1))
    assert revision.approved_go_live_at
    assert "Отложенная новость" not in page(client, paths["home"])
    call_command("publish_scheduled", verbosity=0)
    assert "Отложенная новость" in page(client, paths["home"])


def test_edited_information_page_shows_at_once(client, newsroom):
    from vestnik.news.models import HomePage, InfoPage

    about = InfoPage(title="О редакции", body="<p>Старый текст.</p>")
    HomePage.objects.get().add_child(instance=about)
    about.save_revision().publish()
    warm(client, about.url)
    about.body = "<p>Новый текст.</p>"
    about.save_revision().publish()
    assert "Новый текст." in page(client, about.url)
