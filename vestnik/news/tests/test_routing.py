"""The one-lookup router serves what Wagtail's router would, and nothing it would not."""

import pytest
from wagtail.models import PageViewRestriction

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.VESTNIK_PAGE_CACHE = False


def test_article_rubric_and_home_are_served(client, politics):
    article = ArticleFactory(parent=politics, title="Закон принят")
    assert "Закон принят" in client.get(article.url).content.decode()
    assert "Закон принят" in client.get("/politika/").content.decode()
    assert "Закон принят" in client.get("/").content.decode()
    assert client.get(f"/kk{article.url}").status_code == 200


def test_unpublished_article_is_not_found(client, politics):
    article = ArticleFactory(parent=politics)
    url = article.url
    article.unpublish()
    assert client.get(url).status_code == 404


def test_article_under_the_wrong_rubric_is_not_found(client, politics, society):
    article = ArticleFactory(parent=politics, slug="zakon")
    assert client.get(article.url).status_code == 200
    assert client.get("/obshchestvo/zakon/").status_code == 404


def test_old_address_still_redirects_after_a_slug_change(
    client, politics, django_capture_on_commit_callbacks
):
    article = ArticleFactory(parent=politics, slug="staryi-adres")
    article.slug = "novyi-adres"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail records the redirect on commit
        article.save_revision().publish()
    response = client.get("/politika/staryi-adres/")
    assert response.status_code == 301
    assert response["Location"].endswith("/politika/novyi-adres/")


def test_restricted_article_still_asks_for_the_password(client, politics):
    article = ArticleFactory(parent=politics, title="Только для подписчиков")
    assert client.get(article.url).status_code == 200
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="s3cret")
    response = client.get(article.url)
    assert "Только для подписчиков" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_slug_the_router_does_not_take_falls_through_to_wagtail(client, politics):
    article = ArticleFactory(parent=politics)
    # Wagtail stores a Cyrillic slug only if an editor forces one; its router still finds it.
    type(article).objects.filter(pk=article.pk).update(slug="закон", url_path=f"{politics.url_path}закон/")
    assert client.get("/politika/%D0%B7%D0%B0%D0%BA%D0%BE%D0%BD/").status_code == 200
