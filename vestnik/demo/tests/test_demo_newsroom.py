import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from vestnik.demo.services import load_demo
from vestnik.news.models import ArticlePage, Author, RubricPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path


def test_demo_loads_seed_and_about_fifty_articles_with_images_once(client, media_in_tmp):
    now = timezone.now()
    report = load_demo(now=now)
    assert report.articles_total >= 50
    titles = set(RubricPage.objects.values_list("title", flat=True))
    assert {"Политика", "Общество", "Экономика", "Культура", "Наука"} <= titles
    assert Author.objects.count() >= 6
    assert ArticlePage.objects.filter(hero_image__isnull=False).count() >= 48
    user = get_user_model().objects.get(username=report.username)
    assert user.is_superuser and user.check_password(report.password)

    seed = ArticlePage.objects.get(title__startswith="Жена депортированного")
    html = client.get(seed.url).content.decode()
    assert 'href="/author/anuar-nurpeisov/"' in html
    sidebar = html[html.index('class="recent"') :]
    assert "назад" in sidebar and "ago" not in sidebar

    again = load_demo(now=now + dt.timedelta(minutes=5))
    assert again.articles_created == 0
    assert again.articles_total == report.articles_total
    assert again.password == report.password
