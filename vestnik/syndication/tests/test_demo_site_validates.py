"""The demo newsroom, as `make demo` loads it: every feed, sitemap and article passes the
checks aggregators and search engines apply."""

import feedparser
import pytest
from django.utils import timezone

from vestnik.demo.services import load_demo
from vestnik.news.models import ArticlePage, Author, RubricPage, Tag

from .test_page_metadata import RECOMMENDED, ld_blocks
from .test_sitemaps import NS, valid

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path
    load_demo(now=timezone.now())


def test_every_demo_feed_parses_cleanly(client, demo):
    urls = ["/feeds/rss/", "/feeds/atom/", "/feeds/yandex/"]
    urls += [f"/feeds/rubric/{slug}/{kind}/" for slug in RubricPage.objects.live().values_list("slug", flat=True)
             for kind in ("rss", "atom")]  # fmt: skip
    urls += [f"/feeds/author/{slug}/rss/" for slug in Author.objects.values_list("slug", flat=True)]
    urls += [f"/feeds/tag/{slug}/atom/" for slug in Tag.objects.values_list("slug", flat=True)[:10]]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"


def test_every_demo_sitemap_validates(client, demo):
    index = valid(client.get("/sitemap.xml").content, "siteindex.xsd")
    total = 0
    for location in index.xpath("//s:sitemap/s:loc/text()", namespaces=NS):
        urlset = valid(client.get(location.replace("http://testserver", "")), "sitemap.xsd")
        total += len(urlset.xpath("//s:url", namespaces=NS))
    assert total >= ArticlePage.objects.live().count()
    valid(client.get("/news-sitemap.xml").content, "sitemap.xsd")


def test_every_demo_article_has_complete_json_ld(client, demo):
    missing = {}
    for article in ArticlePage.objects.live():
        blocks = ld_blocks(client.get(article.url).content)
        news = next(b for b in blocks if b["@type"] == "NewsArticle")
        gaps = (RECOMMENDED - {"image"} if not article.hero_image_id else RECOMMENDED) - news.keys()
        if gaps:
            missing[article.title] = gaps
    assert missing == {}
