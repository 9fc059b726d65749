import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from vestnik.news.models import NewsSiteSettings

from .factories import ArticleFactory, RubricFactory

pytestmark = pytest.mark.django_db


def test_cyrillic_title_gives_a_transliterated_slug(politics):
    article = ArticleFactory(parent=politics, title="Жена офицера просит убежища во Франции")
    assert article.slug == "zhena-ofitsera-prosit-ubezhishcha-vo-frantsii"
    assert article.url == "/politika/zhena-ofitsera-prosit-ubezhishcha-vo-frantsii/"


def test_cyrillic_slug_typed_in_the_admin_is_transliterated_too(politics):
    article = ArticleFactory(parent=politics, title="Заголовок", slug="жаңа-қала")
    assert article.slug == "zhana-kala"


def test_latin_slug_chosen_by_the_editor_is_kept(politics):
    assert ArticleFactory(parent=politics, title="Заголовок", slug="my-slug").slug == "my-slug"


def test_same_title_in_one_rubric_gets_a_numbered_slug(politics):
    first = ArticleFactory(parent=politics, title="Курс тенге")
    second = ArticleFactory(parent=politics, title="Курс тенге")
    assert (first.slug, second.slug) == ("kurs-tenge", "kurs-tenge-2")


def test_same_title_in_another_rubric_keeps_the_plain_slug(politics, society):
    ArticleFactory(parent=politics, title="Курс тенге")
    assert ArticleFactory(parent=society, title="Курс тенге").slug == "kurs-tenge"


def test_site_setting_chooses_the_kazakh_latin_table(home, politics):
    settings = NewsSiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.slug_table = "kazakh_latin"
    settings.save()
    assert ArticleFactory(parent=politics, title="Қазақстан жаңалықтары").slug == "qazaqstan-janalyqtary"


def test_site_setting_chooses_gost_b(home, politics):
    settings = NewsSiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.slug_table = "gost_b"
    settings.save()
    assert ArticleFactory(parent=politics, title="Щедрый урожай").slug == "shhedryj-urozhaj"


def test_emoji_only_title_falls_back_to_a_generic_slug(politics):
    assert ArticleFactory(parent=politics, title="🔥🔥").slug == "material"


def test_rubric_cannot_take_a_reserved_path(home):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="служебной"):
        RubricFactory(parent=home, title="Author")


def test_changing_a_published_slug_leaves_a_permanent_redirect(
    client, politics, django_capture_on_commit_callbacks
):
    article = ArticleFactory(parent=politics, title="Старый заголовок")
    old_url = article.url
    article.slug = "novyy-adres"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals the change on commit
        article.save_revision().publish()
    assert Redirect.objects.filter(
        old_path=old_url.rstrip("/"), redirect_page=article, is_permanent=True
    ).exists()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/politika/novyy-adres/")


def test_moving_an_article_to_another_rubric_redirects_the_old_url(client, politics, society):
    article = ArticleFactory(parent=politics, title="Переезд")
    old_url = article.url
    article.move(society, pos="last-child")
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/obshchestvo/pereezd/")


def test_editing_the_title_of_a_published_article_keeps_its_url(politics):
    article = ArticleFactory(parent=politics, title="Первый заголовок")
    article.title = "Совсем другой заголовок"
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.slug == "pervyy-zagolovok"


def test_a_sub_rubric_cannot_share_a_slug_with_another_rubric(home, politics):
    # Feeds find a rubric by its slug (/feeds/rubric/<slug>/rss/), wherever it stands.
    from django.core.exceptions import ValidationError

    regions = RubricFactory(parent=home, title="Регионы")
    assert RubricFactory(parent=regions, title="Алматы").url == "/regiony/almaty/"
    with pytest.raises(ValidationError, match="уже есть"):
        RubricFactory(parent=regions, title="Политика")
