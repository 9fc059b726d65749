"""Every URL an article ever had keeps working: a permanent redirect to where it is now."""

import pytest

from vestnik.news.tests.factories import article_with

pytestmark = pytest.mark.django_db


def test_every_old_slug_and_rubric_redirects_permanently_to_the_current_url(
    client, politics, society, django_capture_on_commit_callbacks
):
    article = article_with(rubric=politics, title="Парламент принял закон", lead="Коротко.")
    urls = [article.url]
    # Wagtail announces a slug change when the transaction commits; run those callbacks.
    with django_capture_on_commit_callbacks(execute=True):
        article.slug = "zakon-prinyat"
        article.save_revision().publish()
    article.refresh_from_db()
    urls.append(article.url)

    with django_capture_on_commit_callbacks(execute=True):
        article.slug = "zakon-prinyat-okonchatelno"
        article.save_revision().publish()
    article.refresh_from_db()
    urls.append(article.url)

    with django_capture_on_commit_callbacks(execute=True):
        article.move(society, pos="last-child")
    article.refresh_from_db()
    current = article.url
    assert current.startswith(society.url) and current not in urls

    assert client.get(current).status_code == 200
    for old in urls:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(current), old
