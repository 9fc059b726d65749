import re

import pytest
from django.urls import reverse

from .factories import ArticleFactory, AuthorFactory, add_note

pytestmark = pytest.mark.django_db


def test_article_is_served_at_rubric_slug_and_article_slug(client, newsroom):
    article = newsroom["articles"][0]
    assert article.url == "/politika/parlament-prinyal-zakon-o-vyborakh/"
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="article__title">Парламент принял закон о выборах</h1>' in html
    assert '<a href="/politika/">Политика</a>' in html


def test_article_byline_links_every_author_to_their_page_in_order(client, newsroom):
    html = client.get(newsroom["articles"][1].url).content.decode()
    byline = html[html.index('class="byline"') :]
    assert byline.index("Айгерим Сапарова") < byline.index("Ануар Нурпеисов")
    assert 'href="/author/anuar-nurpeisov/"' in byline
    assert "Авторы:" in byline


def test_article_shows_extra_rubric_and_tags(client, newsroom):
    html = client.get(newsroom["articles"][1].url).content.decode()
    assert (
        '<a href="/obshchestvo/">Общество</a><span aria-hidden="true"> · </span><a href="/politika/">Политика</a>'
        in html
    )
    assert 'href="/tag/astana/" rel="tag">Астана</a>' in html


def test_recent_posts_exclude_the_article_being_read(client, newsroom):
    first, second, third = newsroom["articles"]
    html = client.get(first.url).content.decode()
    sidebar = html[html.index('class="recent"') :]
    titles = re.findall(r'class="recent__title" href="[^"]*">([^<]*)</a>', sidebar)
    assert titles == [second.title, third.title]


def test_recent_posts_show_russian_relative_times(client, newsroom):
    html = client.get(newsroom["articles"][0].url).content.decode()
    sidebar = html[html.index('class="recent"') :]
    assert "2 часа назад" in sidebar  # the second article was published two hours ago
    assert "ago" not in sidebar


def test_kazakh_and_english_interfaces_translate_the_sidebar(client, newsroom):
    url = newsroom["articles"][0].url
    kk = client.get("/kk" + url).content.decode()
    en = client.get("/en" + url).content.decode()
    assert "2 сағат бұрын" in kk and 'lang="kk"' in kk
    assert "2 hours ago" in en and "Latest news" in en


def test_rubric_lists_its_own_and_extra_rubric_articles_newest_first(client, newsroom):
    response = client.get("/politika/")
    titles = [a.title for a in response.context["articles"].object_list]
    assert titles == ["Парламент принял закон о выборах", "В Астане открыли новую школу"]


def test_rubric_is_paginated(client, politics, settings):
    settings.VESTNIK_PAGE_SIZE = 2
    for _ in range(5):
        ArticleFactory(parent=politics)
    page2 = client.get("/politika/?page=2")
    assert page2.context["articles"].number == 2
    assert len(page2.context["articles"].object_list) == 2
    assert 'rel="prev"' in page2.content.decode() and 'rel="next"' in page2.content.decode()


def count_queries(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return sum("COUNT(*)" in q["sql"] for q in captured.captured_queries)


def test_rubric_page_count_is_kept_until_an_article_enters_that_rubric(client, politics, society, settings):
    settings.VESTNIK_PAGE_CACHE = False
    settings.VESTNIK_PAGE_SIZE = 2
    for _ in range(4):
        ArticleFactory(parent=politics)
    counted = 3  # its own live articles, their translations, other rubrics' naming it
    assert count_queries(client, "/politika/") == counted
    ArticleFactory(parent=society)  # a publish elsewhere: this rubric's count still holds
    assert count_queries(client, "/politika/") == 0
    ArticleFactory(parent=politics)  # one more here: counted again, and a third page appears
    assert count_queries(client, "/politika/") == counted
    assert client.get("/politika/?page=3").context["articles"].paginator.num_pages == 3


def test_draft_articles_are_not_listed_or_served(client, politics):
    draft = ArticleFactory(parent=politics, title="Черновик не для читателей", publish=False)
    assert client.get("/politika/").content.decode().count("Черновик не для читателей") == 0
    assert client.get("/").content.decode().count("Черновик не для читателей") == 0
    assert client.get(draft.url or "/politika/chernovik-ne-dlya-chitateley/").status_code == 404


def test_home_has_lead_story_ribbon_and_rubric_blocks(client, newsroom):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["lead_story"].title == "Парламент принял закон о выборах"
    assert [a.title for a in response.context["latest"]] == [
        "В Астане открыли новую школу", "Учителя получат надбавки"]  # fmt: skip
    blocks = {b["rubric"].title: [a.title for a in b["articles"]] for b in response.context["rubric_blocks"]}
    assert blocks == {
        "Политика": ["Парламент принял закон о выборах"],
        "Общество": ["В Астане открыли новую школу", "Учителя получат надбавки"],
    }


def test_pinned_lead_story_replaces_the_newest(client, newsroom, home):
    home.lead_article = newsroom["articles"][2]
    home.save_revision().publish()
    assert client.get("/").context["lead_story"].title == "Учителя получат надбавки"


def test_author_page_lists_their_articles(client, newsroom):
    response = client.get(reverse("news:author", kwargs={"slug": "anuar-nurpeisov"}))
    assert response.status_code == 200
    titles = [a.title for a in response.context["articles"].object_list]
    assert titles == ["Парламент принял закон о выборах", "В Астане открыли новую школу"]
    assert "<h1>Ануар Нурпеисов</h1>" in response.content.decode()


def test_tag_page_lists_tagged_articles(client, newsroom):
    response = client.get("/tag/astana/")
    assert response.status_code == 200
    assert len(response.context["articles"].object_list) == 2


def test_unknown_author_tag_and_page_give_the_sites_404(client, newsroom):
    for url in ["/author/nobody/", "/tag/nothing/", "/politika/no-such-article/", "/no-such-rubric/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Страница не найдена" in response.content.decode()


def test_500_page_renders_without_the_database(client, settings):
    from vestnik.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.content.decode()


def test_pages_have_landmarks_one_h1_and_a_skip_link(client, newsroom):
    for url in ["/", "/politika/", newsroom["articles"][0].url, "/author/anuar-nurpeisov/", "/tag/astana/"]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        for landmark in ("<header", "<main", "<footer", "<nav"):
            assert landmark in html, (url, landmark)
        assert 'class="skip-link" href="#content"' in html
        assert '<html lang="ru">' in html


def test_article_correction_is_shown_at_the_end(client, politics):
    article = add_note(ArticleFactory(parent=politics), "<p>Исправлено: неверно указана сумма.</p>")
    body = client.get(article.url).content.decode().split("<body", 1)[1]  # the head's JSON-LD has it too
    assert body.index("Исправлено: неверно указана сумма.") > body.index("Второй абзац.")


def test_author_without_slug_gets_a_transliterated_one():
    author = AuthorFactory(name="Жанар Әлиева")
    assert author.slug == "zhanar-alieva"


def test_stored_relations_read_by_id_equal_the_articles_own(newsroom, politics, society):
    from vestnik.news import selectors

    from .factories import article_with

    anuar = newsroom["anuar"]
    second = AuthorFactory(name="Второй Автор")
    tags = list(newsroom["articles"][0].tags.all()) or []
    article = article_with(rubric=politics, authors=[second, anuar], tags=tags, extra_rubrics=[society],
                           title="Статья с отношениями")  # fmt: skip
    article = add_note(article, "Уточнена дата.")
    article = add_note(article, "Исправлено имя.", kind="update")
    fresh = type(article).objects.get(pk=article.pk)
    authors, article_tags, extra, notes = selectors._stored_relations(article.pk)
    own_authors, own_tags, own_extra, own_notes = selectors._article_relations(fresh)
    assert (authors, extra, notes) == (own_authors, own_extra, own_notes)
    assert [a.name for a in authors] == ["Второй Автор", anuar.name]  # the byline's order
    assert [t.name for t in article_tags] == [t.name for t in tags]  # the order they were given in
    assert set(article_tags) == set(own_tags)
    assert (
        extra == {society.pk} and [n.text for n in notes] == [n.text for n in own_notes] and len(notes) == 2
    )
