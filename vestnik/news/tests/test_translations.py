"""Articles in several languages: the translation group, the switcher, lang and hreflang."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from lxml import html

from vestnik.caching.middleware import CACHE_HEADER
from vestnik.news.models import ArticlePage

from .factories import ArticleFactory, AuthorFactory, RubricFactory, admin_article_form, article_with

pytestmark = pytest.mark.django_db

ORIGINAL_TITLE = "Парламент принял закон о выборах"
KAZAKH_TITLE = "Парламент сайлау туралы заң қабылдады"


@pytest.fixture
def original(politics):
    return article_with(rubric=politics, title=ORIGINAL_TITLE, tags=["выборы"], authors=[AuthorFactory()],
                        first_published_at=timezone.now() - dt.timedelta(hours=2))  # fmt: skip


def url(article) -> str:
    """The article's address in the Russian interface, whichever language the last request
    left active."""
    with translation.override("ru"):
        return ArticlePage.objects.get(pk=article.pk).url


def translate(original, *, language="kk", title=KAZAKH_TITLE, publish=True, rubric=None) -> ArticlePage:
    rubric = rubric or original.get_parent()
    fields = {"title": title, "content_language": language, "translation_of": original,
              "first_published_at": timezone.now() - dt.timedelta(hours=1)}  # fmt: skip
    if publish:
        return article_with(rubric=rubric, **fields)
    return ArticleFactory(parent=rubric, publish=False, **fields)


def select(node, selector: str) -> list:
    """Elements by "tag.class" (either part optional) below ``node``, or an XPath."""
    if selector.startswith("/"):
        return node.xpath(selector)
    tag, _, cls = selector.partition(".")
    test = f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else ""
    return node.xpath(f".//{tag or '*'}{test}")


def tree(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return html.fromstring(response.content.decode())


def switcher(client, path) -> dict[str, dict]:
    """language → {href, current, hint, lang, hreflang} of the header's language links."""
    links = {}
    for a in select(tree(client, path), "//nav[@class='lang-switch']//a"):
        hint = select(a, "span.visually-hidden")
        links[a.get("hreflang")] = {
            "href": a.get("href"),
            "current": a.get("aria-current") is not None,
            "hint": hint[0].text_content().strip(", ") if hint else "",
            "lang": a.get("lang"),
        }
    return links


def hreflangs(client, path) -> dict[str, str]:
    return {
        link.get("hreflang"): link.get("href")
        for link in select(tree(client, path), "//head/link[@rel='alternate'][@hreflang]")
    }


def news_article_ld(client, path) -> dict:
    for script in select(tree(client, path), "//script[@type='application/ld+json']"):
        for item in json.loads(script.text):
            if item.get("@type") == "NewsArticle":
                return item
    raise AssertionError(f"no NewsArticle JSON-LD on {path}")


# --- the group's rules --------------------------------------------------------------


def test_article_cannot_be_a_translation_of_itself(original):
    original.translation_of = original
    with pytest.raises(ValidationError) as error:
        original.clean()
    assert error.value.message_dict["translation_of"] == ["Материал не может быть переводом самого себя."]


def test_translation_of_a_translation_is_refused_naming_the_original(original):
    kazakh = translate(original)
    english = translate(original, language="en", title="Parliament passed the election law", publish=False)
    english.translation_of = kazakh
    with pytest.raises(ValidationError) as error:
        english.clean()
    [message] = error.value.message_dict["translation_of"]
    assert f"«{KAZAKH_TITLE}» сам является переводом материала «{ORIGINAL_TITLE}»" in message
    assert f"Выберите оригинал — «{ORIGINAL_TITLE}»" in message


def test_original_with_translations_cannot_become_a_translation(original, politics):
    translate(original)
    other = article_with(rubric=politics, title="Другой материал", content_language="en")
    original.translation_of = other
    with pytest.raises(ValidationError) as error:
        original.clean()
    [message] = error.value.message_dict["translation_of"]
    assert "уже есть переводы" in message and KAZAKH_TITLE in message


def test_two_articles_of_a_group_cannot_share_a_language(original):
    translate(original)
    second = translate(original, language="en", title="Second", publish=False)
    second.content_language = "kk"
    with pytest.raises(ValidationError) as error:
        second.clean()
    [message] = error.value.message_dict["content_language"]
    assert "«казахский»" in message and KAZAKH_TITLE in message
    second.content_language = "ru"  # the original's
    with pytest.raises(ValidationError) as error:
        second.clean()
    assert ORIGINAL_TITLE in error.value.message_dict["content_language"][0]


def test_original_cannot_take_the_language_of_its_translation(original):
    translate(original)
    original.content_language = "kk"
    with pytest.raises(ValidationError) as error:
        original.clean()
    assert KAZAKH_TITLE in error.value.message_dict["content_language"][0]


def test_translation_in_a_language_of_its_own_is_valid(original):
    translate(original)
    english = translate(original, language="en", title="Parliament passed the election law", publish=False)
    english.clean()  # raises nothing
    assert english.translation_of_id == original.pk


def test_deleting_the_original_leaves_its_translation_standing_alone(original):
    kazakh = translate(original)
    original.delete()
    kazakh.refresh_from_db()
    assert kazakh.translation_of_id is None and kazakh.live


@pytest.fixture
def editor(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.com", "pass"))
    return client


def test_editor_links_a_translation_in_the_article_editor(editor, original, politics):
    form = admin_article_form(title=KAZAKH_TITLE, slug="zan", lead="Лид.", content_language="kk",
                              translation_of=str(original.pk))  # fmt: skip
    response = editor.post(f"/admin/pages/add/news/articlepage/{politics.pk}/", form)
    assert response.status_code == 302, response.context["form"].errors
    kazakh = ArticlePage.objects.get(slug="zan")
    assert kazakh.live and kazakh.content_language == "kk" and kazakh.translation_of_id == original.pk
    edit = editor.get(f"/admin/pages/{kazakh.pk}/edit/").content.decode()
    assert "Язык и переводы" in edit and "Перевод материала" in edit


def test_article_editor_refuses_a_second_translation_into_one_language(editor, original, politics):
    translate(original)
    form = admin_article_form(title="Тағы бір аударма", slug="zan-2", lead="Лид.", content_language="kk",
                              translation_of=str(original.pk))  # fmt: skip
    response = editor.post(f"/admin/pages/add/news/articlepage/{politics.pk}/", form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "В этой группе переводов уже есть материал на языке «казахский»" in errors["content_language"][0]
    assert not ArticlePage.objects.filter(slug="zan-2").exists()


# --- the language switcher ----------------------------------------------------------


def test_switcher_leads_to_the_live_translation_in_its_language(client, original):
    kazakh = translate(original)
    links = switcher(client, url(original))
    assert links["kk"]["href"] == f"/kk/politika/{kazakh.slug}/"
    assert links["kk"]["hint"] == "материал қазақ тілінде"
    assert links["kk"]["current"] is False
    assert links["ru"] == {"href": url(original), "current": True, "hint": "", "lang": "ru"}
    assert links["en"]["href"] == f"/en{url(original)}" and not links["en"]["hint"]


def test_switcher_on_the_translation_leads_back_to_the_original(client, original):
    kazakh = translate(original)
    links = switcher(client, f"/kk{url(kazakh)}")
    assert links["ru"]["href"] == url(original) and links["ru"]["hint"] == "материал на русском"
    assert links["kk"]["href"] == f"/kk{url(kazakh)}" and links["kk"]["current"]
    assert links["en"]["href"] == f"/en{url(kazakh)}"


def test_switcher_keeps_the_page_when_the_translation_is_not_live(client, original):
    translate(original, publish=False)
    links = switcher(client, url(original))
    assert links["kk"]["href"] == f"/kk{url(original)}" and not links["kk"]["hint"]


def test_switcher_keeps_the_page_on_an_article_without_translations_and_other_pages(client, original):
    assert switcher(client, url(original))["kk"]["href"] == f"/kk{url(original)}"
    assert switcher(client, "/politika/")["kk"] == {"href": "/kk/politika/", "current": False, "hint": "",
                                                   "lang": "kk"}  # fmt: skip
    assert switcher(client, "/kk/politika/")["kk"]["current"]


# --- lang attributes ----------------------------------------------------------------


def test_kazakh_article_content_is_marked_kazakh_on_a_russian_page(client, original):
    kazakh = translate(original)
    page = tree(client, url(kazakh))
    for selector in ("h1.article__title", "p.article__lead", "div.article__body"):
        assert select(page, selector)[0].get("lang") == "kk", selector
    assert page.get("lang") == "ru"
    # The interface around it stays Russian: breadcrumbs, byline, dates.
    assert select(page, "nav.breadcrumbs")[0].get("lang") is None


def test_content_in_the_interface_language_has_no_lang_of_its_own(client, original):
    kazakh = translate(original)
    assert tree(client, f"/kk{url(kazakh)}").xpath("//h1")[0].get("lang") is None
    assert tree(client, url(original)).xpath("//h1")[0].get("lang") is None
    # The Russian original read with the Kazakh interface:
    assert tree(client, f"/kk{url(original)}").xpath("//h1")[0].get("lang") == "ru"


def written_in_kazakh(original) -> ArticlePage:
    """An article of its own in Kazakh (no translation: lists show it), same rubric, tag and author."""
    return article_with(rubric=original.get_parent(), title=KAZAKH_TITLE, content_language="kk",
                        tags=["выборы"], authors=original.authors,
                        first_published_at=timezone.now() - dt.timedelta(hours=1))  # fmt: skip


@pytest.mark.parametrize("path", ["/", "/politika/", "/tag/vybory/", "author"])
def test_cards_of_an_article_in_another_language_carry_its_lang(client, original, path):
    written_in_kazakh(original)
    if path == "author":
        path = original.authors[0].get_absolute_url()
    page = tree(client, path)
    titles = {
        a.text_content().strip(): a.getparent()
        for a in select(page, "//*[contains(@class, 'card__title')]/a")
    }
    assert titles[KAZAKH_TITLE].get("lang") == "kk", path
    assert titles[ORIGINAL_TITLE].get("lang") is None, path


def test_search_results_mark_an_article_in_another_language(client, original):
    translate(original)
    page = tree(client, "/search/?q=Парламент")
    titles = {h.text_content().strip(): h for h in select(page, "h2.search-result__title")}
    assert titles[KAZAKH_TITLE].get("lang") == "kk"
    assert titles[ORIGINAL_TITLE].get("lang") is None


def test_recent_posts_sidebar_marks_an_article_in_another_language(client, original, politics):
    written_in_kazakh(original)
    other = article_with(rubric=politics, title="Третий материал")
    page = tree(client, url(other))
    recent = {a.text_content().strip(): a for a in select(page, "a.recent__title")}
    assert recent[KAZAKH_TITLE].get("lang") == "kk"
    assert recent[ORIGINAL_TITLE].get("lang") is None


@pytest.mark.parametrize("path", ["/", "/politika/", "/tag/vybory/", "author", "recent"])
def test_lists_show_a_story_once_by_its_original_and_search_finds_both(client, original, politics, path):
    kazakh = translate(original)
    kazakh.tags.set(["выборы"])
    kazakh.set_byline(original.authors)
    kazakh.save_revision().publish()
    if path == "author":
        path = original.authors[0].get_absolute_url()
    if path == "recent":
        path = url(article_with(rubric=politics, title="Третий материал"))
    text = tree(client, path).text_content()
    assert ORIGINAL_TITLE in text and KAZAKH_TITLE not in text, path
    found = tree(client, "/search/?q=Парламент").text_content()
    assert ORIGINAL_TITLE in found and KAZAKH_TITLE in found


# --- hreflang, Open Graph, JSON-LD, canonical ----------------------------------------


def test_hreflang_alternates_are_absolute_and_reciprocal(client, original):
    kazakh = translate(original)
    english = translate(original, language="en", title="Parliament passed the election law")
    expected = {
        "ru": f"http://testserver{url(original)}",
        "kk": f"http://testserver/kk{url(kazakh)}",
        "en": f"http://testserver/en{url(english)}",
        "x-default": f"http://testserver{url(original)}",
    }
    for path in (url(original), f"/kk{url(kazakh)}", f"/en{url(english)}", f"/kk{url(original)}"):
        assert hreflangs(client, path) == expected, path


def test_hreflang_leaves_out_translations_that_are_not_live(client, original):
    translate(original, publish=False)
    assert hreflangs(client, url(original)) == {}
    english = translate(original, language="en", title="Parliament passed the election law")
    assert set(hreflangs(client, url(original))) == {"ru", "en", "x-default"}
    assert set(hreflangs(client, f"/en{url(english)}")) == {"ru", "en", "x-default"}


def test_json_ld_and_open_graph_follow_the_content_language(client, original):
    kazakh = translate(original)
    ld = news_article_ld(client, url(kazakh))
    assert ld["inLanguage"] == "kk"
    assert ld["url"] == f"http://testserver/kk{url(kazakh)}"  # its canonical address
    assert ld["translationOfWork"] == {"@id": f"http://testserver{url(original)}"}
    page = tree(client, url(kazakh))
    assert select(page, "//meta[@property='og:locale']")[0].get("content") == "kk_KZ"
    assert [m.get("content") for m in select(page, "//meta[@property='og:locale:alternate']")] == ["ru_RU"]
    assert select(page, "//link[@rel='canonical']")[0].get("href") == f"http://testserver/kk{url(kazakh)}"
    ld = news_article_ld(client, f"/kk{url(original)}")
    assert ld["inLanguage"] == "ru"
    assert ld["workTranslation"] == [{"@id": f"http://testserver/kk{url(kazakh)}", "inLanguage": "kk"}]


def test_sitemaps_give_an_article_its_own_languages_address(client, original):
    kazakh = translate(original)
    sitemap = b"".join(client.get("/sitemap-articles.xml").streaming_content).decode()
    assert f"http://testserver/kk{url(kazakh)}</loc>" in sitemap
    assert f"http://testserver{url(original)}</loc>" in sitemap
    news = client.get("/news-sitemap.xml").content.decode()
    assert f"<loc>http://testserver/kk{url(kazakh)}</loc>" in news
    assert "<news:language>kk</news:language>" in news and "<news:language>ru</news:language>" in news


def test_feeds_link_an_article_at_its_own_languages_address(client, original):
    kazakh = translate(original)
    for feed in ("/feeds/rss/", "/feeds/atom/"):
        body = client.get(feed).content.decode()
        assert f"http://testserver/kk{url(kazakh)}" in body, feed
        assert f"http://testserver{url(kazakh)}" not in body, feed
        assert f"http://testserver{url(original)}" in body, feed


# --- the page cache -----------------------------------------------------------------


def warm(client, *paths):
    for path in paths:
        client.get(path)
        assert client.get(path)[CACHE_HEADER] == "hit", path


def test_publishing_a_translation_updates_the_cached_original(client, original):
    kazakh = translate(original, publish=False)
    warm(client, url(original))
    kazakh.save_revision().publish()
    assert switcher(client, url(original))["kk"]["href"] == f"/kk{url(kazakh)}"
    assert "kk" in hreflangs(client, url(original))


def test_unpublishing_or_deleting_a_translation_updates_the_rest_of_its_group(client, original):
    kazakh = translate(original)
    english = translate(original, language="en", title="Parliament passed the election law")
    warm(client, url(original), f"/en{url(english)}")
    ArticlePage.objects.get(pk=kazakh.pk).unpublish()
    for path in (url(original), f"/en{url(english)}"):
        assert switcher(client, path)["kk"]["href"] == f"/kk{path.removeprefix('/en')}", path
        assert "kk" not in hreflangs(client, path), path
    warm(client, url(original), f"/en{url(english)}")
    ArticlePage.objects.get(pk=english.pk).delete()
    assert switcher(client, url(original))["en"]["href"] == f"/en{url(original)}"
    assert hreflangs(client, url(original)) == {}


def test_moving_a_translation_to_another_original_updates_both_groups(client, original, society):
    kazakh = translate(original)
    other = article_with(rubric=society, title="Школа открылась")
    warm(client, url(original), url(other))
    kazakh = ArticlePage.objects.get(pk=kazakh.pk)
    kazakh.translation_of = other
    kazakh.save_revision().publish()
    assert switcher(client, url(original))["kk"]["href"] == f"/kk{url(original)}"
    assert switcher(client, url(other))["kk"]["href"] == f"/kk{url(kazakh)}"


def test_renaming_a_translations_address_updates_the_original(client, original):
    kazakh = translate(original)
    warm(client, url(original))
    kazakh = ArticlePage.objects.get(pk=kazakh.pk)
    kazakh.slug = "parlament-zan"
    kazakh.save_revision().publish()
    assert switcher(client, url(original))["kk"]["href"] == "/kk/politika/parlament-zan/"


def test_moving_a_translation_to_another_rubric_updates_the_original(client, original, home):
    kazakh = translate(original)
    economy = RubricFactory(title="Экономика", parent=home)
    warm(client, url(original))
    ArticlePage.objects.get(pk=kazakh.pk).move(economy, pos="last-child")
    assert switcher(client, url(original))["kk"]["href"] == f"/kk/ekonomika/{kazakh.slug}/"


# --- what it costs --------------------------------------------------------------------


def test_article_with_translations_costs_the_same_queries_as_one_without(client, original, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .test_query_counts import LAST, MAX_QUERIES, WARM_QUERIES, count_queries

    settings.VESTNIK_PAGE_CACHE = False  # what the page costs to render, not to serve a copy
    path = url(original)
    alone = count_queries(client, path)
    translate(original)
    translate(original, language="en", title="Parliament passed the election law")
    grouped = count_queries(client, path)
    assert grouped == alone <= MAX_QUERIES["article"], LAST
    with CaptureQueriesContext(connection) as warm:  # the group comes from the shared cache
        client.get(path)
    assert len(warm.captured_queries) <= WARM_QUERIES["article"], [q["sql"] for q in warm.captured_queries]


@pytest.mark.parametrize(("prefix", "locale"), [("", "ru_RU"), ("/kk", "kk_KZ"), ("/en", "en_US")])
def test_pages_other_than_articles_give_open_graph_the_interfaces_language(client, original, prefix, locale):
    for path in (f"{prefix}/", f"{prefix}{original.get_parent().url}"):
        assert select(tree(client, path), "//meta[@property='og:locale']")[0].get("content") == locale, path
