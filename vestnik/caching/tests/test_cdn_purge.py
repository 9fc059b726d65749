"""A CDN in front is told which addresses to drop when an article changes."""

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    """Stands in for Cloudflare: Wagtail's machinery calls it exactly as it would the real one."""

    def purge(self, url):
        PURGED.append(url)

    def purge_batch(self, urls):
        PURGED.extend(urls)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def test_publishing_purges_the_lists_that_show_the_article_in_every_language(
    newsroom, cdn, django_capture_on_commit_callbacks
):
    article = newsroom["articles"][0]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Парламент отложил закон"
        article.save_revision().publish()
    root = "http://localhost"
    expected = {
        f"{root}{article.url}",  # the article itself, by Wagtail's own handler
        f"{root}/", f"{root}/kk/", f"{root}/en/",
        f"{root}/feeds/rss/", f"{root}/feeds/atom/", f"{root}/sitemap.xml", f"{root}/news-sitemap.xml",
        f"{root}/politika/", f"{root}/kk/politika/", f"{root}/feeds/rubric/politika/rss/",
        f"{root}/author/{newsroom['anuar'].slug}/", f"{root}/feeds/author/{newsroom['anuar'].slug}/atom/",
        f"{root}/tag/vybory/", f"{root}/en/tag/vybory/", f"{root}/feeds/tag/vybory/rss/",
    }  # fmt: skip
    assert expected <= set(cdn), expected - set(cdn)
    assert f"{root}/obshchestvo/" not in cdn  # the other rubric does not show it


def test_without_a_cdn_nothing_is_purged(newsroom, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["articles"][0].save_revision().publish()
    assert PURGED == []


def test_unknown_cdn_name_is_refused_at_startup(monkeypatch):
    import importlib

    import vestnik.settings.base as base

    monkeypatch.setenv("VESTNIK_CDN", "akamai")
    try:
        with pytest.raises(ValueError, match="VESTNIK_CDN='akamai': expected one of cloudflare"):
            importlib.reload(base)
    finally:
        monkeypatch.delenv("VESTNIK_CDN")
        importlib.reload(base)
