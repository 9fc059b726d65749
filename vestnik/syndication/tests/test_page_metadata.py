"""JSON-LD, Open Graph and canonical links as Google and social networks read them."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from vestnik.news.tests.factories import add_note, article_with

pytestmark = pytest.mark.django_db

# Google's NewsArticle structured data: what it requires and what it recommends.
RECOMMENDED = {"headline", "image", "datePublished", "dateModified", "author", "publisher", "description",
               "mainEntityOfPage"}  # fmt: skip


def ld_blocks(content: bytes) -> list:
    tree = lxml_html.fromstring(content)
    blocks = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        data = json.loads(script.text)
        blocks += data if isinstance(data, list) else [data]
    return blocks


def meta(content: bytes, prop: str) -> list[str]:
    tree = lxml_html.fromstring(content)
    return tree.xpath(f'//meta[@property="{prop}" or @name="{prop}"]/@content')


@pytest.fixture
def pictured(newsroom):
    from wagtail.images.tests.utils import get_test_image_file

    from vestnik.images.models import NewsImage

    article = newsroom["articles"][0]
    article.hero_image = NewsImage.objects.create(
        title="Парламент", alt_text="Зал заседаний", file=get_test_image_file(size=(1600, 900))
    )
    article.save_revision().publish()
    return article


def test_article_has_complete_news_article_json_ld(client, newsroom, pictured):
    article = pictured
    content = client.get(article.url).content
    (news,) = [b for b in ld_blocks(content) if b["@type"] == "NewsArticle"]
    assert RECOMMENDED <= news.keys()
    assert news["headline"] == article.title
    assert news["author"][0] == {"@type": "Person", "name": "Ануар Нурпеисов",
                                 "url": f"http://testserver/author/{newsroom['anuar'].slug}/"}  # fmt: skip
    assert news["publisher"]["@type"] == "NewsMediaOrganization" and news["publisher"]["logo"]["url"]
    assert news["articleSection"] == "Политика" and news["inLanguage"] == "ru"
    assert news["mainEntityOfPage"]["@id"] == f"http://testserver{article.url}"
    assert news["datePublished"].endswith(("Z", "+00:00", "+05:00")) or "T" in news["datePublished"]
    assert len(news["image"]) == 3 and all(url.startswith("http://testserver/") for url in news["image"])


def test_breadcrumbs_list_home_rubric_and_article(client, newsroom):
    article = newsroom["articles"][0]
    (crumbs,) = [b for b in ld_blocks(client.get(article.url).content) if b["@type"] == "BreadcrumbList"]
    assert [i["name"] for i in crumbs["itemListElement"]] == ["Главная", "Политика", article.title]
    assert [i["position"] for i in crumbs["itemListElement"]] == [1, 2, 3]


def test_home_page_declares_the_site_and_its_search(client, newsroom):
    (graph,) = ld_blocks(client.get("/").content)
    types = {node["@type"] for node in graph["@graph"]}
    assert types == {"NewsMediaOrganization", "WebSite"}
    site = next(n for n in graph["@graph"] if n["@type"] == "WebSite")
    assert (
        site["potentialAction"]["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    )


def test_correction_moves_date_modified_and_is_published(client, politics):
    article = article_with(rubric=politics, title="Бюджет", lead="Коротко.")
    published = article.first_published_at
    corrected = timezone.now().replace(microsecond=0)
    article = add_note(article, "<p>Исправлена сумма.</p>", at=corrected)
    (news,) = [b for b in ld_blocks(client.get(article.url).content) if b["@type"] == "NewsArticle"]
    assert [c["text"] for c in news["correction"]] == ["Исправлена сумма."]
    assert news["correction"][0]["@type"] == "CorrectionComment"
    assert dt.datetime.fromisoformat(news["dateModified"]) == corrected
    assert news["dateModified"] != news["datePublished"]
    assert article.first_published_at == published


def test_open_graph_and_twitter_tags(client, newsroom, pictured):
    article = pictured
    content = client.get(article.url).content
    assert meta(content, "og:type") == ["article"]
    assert meta(content, "og:title") == [article.title]
    assert meta(content, "og:url") == [f"http://testserver{article.url}"]
    assert meta(content, "og:image")[0].startswith("http://testserver/")
    assert meta(content, "article:section") == ["Политика"]
    assert set(meta(content, "article:tag")) == {"выборы", "Астана"}
    assert meta(content, "twitter:card") == ["summary_large_image"]


def test_canonical_is_the_default_language_url_without_tracking_parameters(client, newsroom):
    article_url, rubric_url = newsroom["articles"][0].url, newsroom["politics"].url
    tree = lxml_html.fromstring(client.get(f"/kk{article_url}", {"utm_source": "x"}).content)
    assert tree.xpath('//link[@rel="canonical"]/@href') == [f"http://testserver{article_url}"]
    rubric = lxml_html.fromstring(client.get(rubric_url, {"page": "1"}).content)
    assert rubric.xpath('//link[@rel="canonical"]/@href') == [f"http://testserver{rubric_url}"]


def test_meta_description_comes_from_the_lead(client, politics):
    article = article_with(rubric=politics, title="Бюджет", lead="Парламент утвердил бюджет на три года.")
    tree = lxml_html.fromstring(client.get(article.url).content)
    assert tree.xpath('//meta[@name="description"]/@content') == ["Парламент утвердил бюджет на три года."]


def test_hostile_title_cannot_leave_the_json_ld_script(client, politics):
    title = 'Цены </script><script>alert(1)</script> & "кавычки" \x01 😀'
    article = article_with(rubric=politics, title=title, lead="Лид </script> с \x02 символами.")
    content = client.get(article.url).content
    assert b"</script><script>alert(1)" not in content
    (news,) = [b for b in ld_blocks(content) if b["@type"] == "NewsArticle"]
    assert news["headline"].startswith('Цены </script><script>alert(1)</script> & "кавычки"')
    assert "\x01" not in news["headline"]
