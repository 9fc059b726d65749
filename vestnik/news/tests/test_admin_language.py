"""The admin speaks Russian to every editor who has not chosen otherwise, whatever their
browser asks; Kazakh and English are a choice in the account settings. Wagtail has no
Kazakh of its own: a Kazakh admin shows Vestnik's strings in Kazakh and Wagtail's in Russian
(Django falls back to LANGUAGE_CODE), never in English."""

import pytest
from django.contrib.auth import get_user_model
from lxml import html as lxml_html
from wagtail.users.models import UserProfile

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER_IN_ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def reporter(client):
    user = get_user_model().objects.create_superuser("reporter", "reporter@example.com", "x" * 12)
    client.force_login(user)
    return user


def form_data(page: str, form_id: str = "") -> dict[str, str]:
    """What the browser would post from the page's form as it stands."""
    tree = lxml_html.fromstring(page)
    form = (
        tree.get_element_by_id(form_id)
        if form_id
        else tree.xpath("//form[@method='post' or @method='POST']")[0]
    )
    data = {}
    for field in form.xpath(".//input[@name] | .//select[@name] | .//textarea[@name]"):
        kind = (field.get("type") or "").lower()
        if kind in ("checkbox", "radio") and field.get("checked") is None or kind in ("submit", "file"):
            continue
        if field.tag == "select":
            chosen = field.xpath(".//option[@selected]") or field.xpath(".//option")[:1]
            data[field.get("name")] = chosen[0].get("value") if chosen else ""
        else:
            data[field.get("name")] = field.text or "" if field.tag == "textarea" else field.get("value", "")
    return data


def choose_language(client, language: str) -> None:
    """Through the account settings page, as an editor would."""
    page = client.get("/admin/account/").content.decode()
    data = {k: v for k, v in form_data(page).items() if not k.startswith("avatar-")}
    data.update({"name_email-first_name": "Айгерим", "name_email-last_name": "Сапарова"})  # required there
    data["locale-preferred_language"] = language
    response = client.post("/admin/account/", data)
    assert response.status_code == 302, response.content.decode()[:3000]


def admin_page(client, url="/admin/") -> str:
    response = client.get(url, **BROWSER_IN_ENGLISH)
    assert response.status_code == 200
    return response.content.decode()


def test_new_editor_gets_the_admin_in_russian_though_the_browser_asks_for_english(client, reporter, politics):
    assert not UserProfile.objects.filter(user=reporter).exclude(preferred_language="").exists()
    dashboard = admin_page(client)
    assert '<html lang="ru"' in dashboard and "Страницы" in dashboard
    editor = admin_page(client, f"/admin/pages/{ArticleFactory(parent=politics).pk}/edit/")
    assert "Основная рубрика" in editor and "Опубликовать" in editor


def test_account_settings_offer_russian_kazakh_and_english_and_nothing_else(client, reporter):
    page = lxml_html.fromstring(admin_page(client, "/admin/account/"))
    options = page.xpath("//select[@name='locale-preferred_language']/option")
    assert sorted(o.get("value") for o in options) == ["", "en", "kk", "ru"]
    assert "Русский" in next(o.text for o in options if o.get("value") == "")  # "server default: Русский"


def test_editor_who_chooses_english_gets_the_admin_in_english(client, reporter, politics):
    choose_language(client, "en")
    dashboard = admin_page(client)
    assert '<html lang="en"' in dashboard and "Pages" in dashboard and "Страницы" not in dashboard
    editor = admin_page(client, f"/admin/pages/{ArticleFactory(parent=politics).pk}/edit/")
    assert "Primary section" in editor and "Основная рубрика" not in editor
    explorer = admin_page(client, f"/admin/pages/{politics.pk}/")  # Vestnik's filters too
    assert "Byline author" in explorer and "Live, with unpublished changes" in explorer
    assert "Автор материала" not in explorer and "Черновик" not in explorer


def test_editor_who_chooses_kazakh_gets_kazakh_and_russian_where_wagtail_has_no_kazakh(
    client, reporter, politics
):
    choose_language(client, "kk")
    dashboard = admin_page(client)
    assert '<html lang="kk"' in dashboard
    assert "Страницы" in dashboard and ">Pages<" not in dashboard  # Wagtail's own words: Russian
    editor = admin_page(client, f"/admin/pages/{ArticleFactory(parent=politics).pk}/edit/")
    assert "Негізгі айдар" in editor and "Основная рубрика" not in editor  # Vestnik's: Kazakh


def test_the_choice_is_per_editor(client, reporter, politics):
    choose_language(client, "en")
    colleague = get_user_model().objects.create_superuser("colleague", "colleague@example.com", "y" * 12)
    client.force_login(colleague)
    assert '<html lang="ru"' in admin_page(client)
