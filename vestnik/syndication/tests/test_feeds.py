"""Feeds parse cleanly (feedparser, no bozo), follow the RSS 2.0 and Atom rules, keep their
guids across edits, answer conditional GETs with 304 and survive hostile titles."""

import datetime as dt
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from django.utils import timezone
from lxml import etree

from vestnik.news.models.site_settings import NewsSiteSettings
from vestnik.news.tests.factories import add_note, article_with

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return response, feed


@pytest.fixture
def feeds(newsroom):
    a = newsroom["articles"][0]
    return {
        "site": ["/feeds/rss/", "/feeds/atom/", "/feeds/yandex/"],
        "rubric": [
            f"/feeds/rubric/{newsroom['politics'].slug}/rss/",
            f"/feeds/rubric/{newsroom['politics'].slug}/atom/",
        ],
        "author": [
            f"/feeds/author/{newsroom['anuar'].slug}/rss/",
            f"/feeds/author/{newsroom['anuar'].slug}/atom/",
        ],
        "tag": [f"/feeds/tag/{a.tags.first().slug}/rss/", f"/feeds/tag/{a.tags.first().slug}/atom/"],
    }


def test_every_feed_parses_without_errors(client, feeds):
    for urls in feeds.values():
        for url in urls:
            _, feed = parse(client, url)
            assert feed.version in ("rss20", "atom10"), url
            assert feed.entries, url


def test_rss_items_have_what_rss_2_requires_and_more(client, newsroom):
    response, feed = parse(client, "/feeds/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = etree.fromstring(response.content).find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    assert channel.findtext("language") == "ru"
    item = channel.find("item")
    for element in ("title", "link", "description", "guid", "pubDate", "category"):
        assert item.find(element) is not None, element
    assert item.find("guid").get("isPermaLink") == "false"
    assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Парламент принял закон о выборах"  # newest first
    entry = feed.entries[0]
    assert {"Политика", "выборы", "Астана"} <= {t.term for t in entry.tags}
    assert "Ануар Нурпеисов" in entry.author


def test_atom_entries_have_ids_updated_and_authors(client, newsroom):
    response, feed = parse(client, "/feeds/atom/")
    root = etree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") and root.findtext(f"{ATOM}updated")
    for entry in root.findall(f"{ATOM}entry"):
        for element in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{element}") is not None, element
    assert feed.entries[0].updated_parsed and feed.entries[0].published_parsed


def test_scoped_feeds_hold_only_their_articles(client, newsroom):
    _, rubric = parse(client, f"/feeds/rubric/{newsroom['society'].slug}/rss/")
    assert {e.title for e in rubric.entries} == {"В Астане открыли новую школу", "Учителя получат надбавки"}
    _, author = parse(client, f"/feeds/author/{newsroom['aigerim'].slug}/atom/")
    assert {e.title for e in author.entries} == {"В Астане открыли новую школу", "Учителя получат надбавки"}


def test_unknown_scope_is_404(client, newsroom):
    assert client.get("/feeds/rubric/no-such-rubric/rss/").status_code == 404
    assert client.get("/feeds/author/nobody/atom/").status_code == 404


def test_guid_survives_edits_of_title_and_slug(client, newsroom):
    article = newsroom["articles"][0]
    _, before = parse(client, "/feeds/rss/")
    guid = next(e.id for e in before.entries if e.title == article.title)
    article.title = "Парламент принял закон о выборах в маслихаты"
    article.slug = "parlament-maslikhaty"
    article.save_revision().publish()
    _, after = parse(client, "/feeds/rss/")
    assert next(e.id for e in after.entries if e.title == article.title) == guid


def test_lead_only_or_full_text_by_site_setting(client, home, politics):
    article_with(
        rubric=politics, title="Бюджет", lead="Коротко о бюджете.", body="<p>Полный текст про бюджет.</p>"
    )
    _, feed = parse(client, "/feeds/rss/")
    assert "Коротко о бюджете." in feed.entries[0].summary and "Полный текст" not in feed.entries[0].summary
    settings = NewsSiteSettings.for_site(home.get_site())
    settings.feed_full_text = True
    settings.save()
    _, feed = parse(client, "/feeds/atom/")
    assert "Полный текст про бюджет." in feed.entries[0].summary


def test_yandex_feed_carries_the_full_text(client, politics):
    article_with(
        rubric=politics, title="Бюджет", lead="Коротко.", body="<p>Полный <b>текст</b> про бюджет.</p>"
    )
    response, _ = parse(client, "/feeds/yandex/")
    root = etree.fromstring(response.content)
    full = root.find("channel/item/{http://news.yandex.ru}full-text")
    assert full is not None and "Полный текст про бюджет." in full.text


def test_correction_appears_in_the_feed_item(client, politics):
    article = article_with(rubric=politics, title="Бюджет", lead="Коротко.")
    add_note(article, "<p>Исправлена сумма: 5 млрд, а не 50.</p>")
    _, feed = parse(client, "/feeds/atom/")
    assert "Исправлена сумма" in feed.entries[0].summary


def test_conditional_get_answers_304_until_something_is_published(client, politics):
    article_with(rubric=politics, title="Бюджет", lead="Коротко.")
    first = client.get("/feeds/rss/")
    assert first["ETag"] and first["Last-Modified"]
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    article_with(rubric=politics, title="Налоги", lead="Коротко.",
                 first_published_at=timezone.now() + dt.timedelta(seconds=5))  # fmt: skip
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_hostile_titles_give_well_formed_feeds(client, politics):
    hostile = 'Цены <script>alert("x")</script> & «кавычки» \x01\x0b control 😀 ]]>'
    article_with(
        rubric=politics,
        title=hostile,
        lead="Лид с <b>тегами</b> & \x02.",
        body="<p>Текст \x1f с ]]> внутри.</p>",
    )
    for url in ("/feeds/rss/", "/feeds/atom/", "/feeds/yandex/"):
        response, feed = parse(client, url)
        etree.fromstring(response.content)  # strict XML parser: raises if not well-formed
        assert feed.entries[0].title.startswith('Цены <script>alert("x")</script> & «кавычки»')
        assert "😀" in feed.entries[0].title and "\x01" not in feed.entries[0].title


def test_pages_announce_their_feeds(client, newsroom):
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/feeds/rss/"' in html
    html = client.get(newsroom["politics"].url).content.decode()
    assert f'href="/feeds/rubric/{newsroom["politics"].slug}/atom/"' in html


def test_correction_text_is_escaped_in_the_item_html(client, politics):
    article = article_with(rubric=politics, title="Бюджет", lead="Коротко.")
    add_note(article, "<p>Было написано &lt;script&gt;alert(1)&lt;/script&gt;, исправлено.</p>")
    _, feed = parse(client, "/feeds/rss/")
    description = feed.entries[0].summary
    assert "<script>" not in description
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in description


def test_feed_is_in_the_sites_language_whatever_the_browser_asks(client, politics):
    article = article_with(rubric=politics, title="Бюджет", lead="Коротко.")
    add_note(article, "<p>Исправлена сумма.</p>")
    kazakh = client.get("/feeds/rss/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    english = client.get("/feeds/rss/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Исправление" in kazakh and "Исправление" in english
