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
    # Its demo Kazakh translation, which the seed's language switcher leads to.
    kazakh = ArticlePage.objects.get(translation_of=seed)
    assert kazakh.live and kazakh.content_language == "kk" and kazakh.title.startswith("Қазақстаннан")
    assert f'href="/kk/politika/{kazakh.slug}/"' in html
    check_staff(report.staff)

    again = load_demo(now=now + dt.timedelta(minutes=5))
    assert again.articles_created == 0
    assert again.articles_total == report.articles_total
    assert again.password == report.password
    assert again.staff == report.staff
    # Last: a request in Kazakh leaves Kazakh active in this thread.
    assert "демонстрациялық аударма" in client.get(f"/kk/politika/{kazakh.slug}/").content.decode()


def check_staff(staff) -> None:
    """One user per role, in the right groups, with a password the site's validators accept."""
    from django.contrib.auth.password_validation import validate_password

    groups = {
        "korrespondent": ("Корреспондент (Политика)", {"Корреспондент", "Политика — корреспонденты"}),
        "redaktor": ("Редактор (Политика)", {"Редактор", "Политика — редакторы"}),
        "glavred": ("Главный редактор", {"Главный редактор"}),
        "administrator": ("Администратор", {"Администратор"}),
    }
    assert [member.username for member in staff] == list(groups)
    for member in staff:
        role, names = groups[member.username]
        user = get_user_model().objects.get(username=member.username)
        assert member.role == role
        assert set(user.groups.values_list("name", flat=True)) == names
        assert not user.is_superuser and user.check_password(member.password)
        validate_password(member.password, user)
    waiting = ArticlePage.objects.get(source_id="demo:awaiting-review")
    assert not waiting.live and waiting.owner.username == "korrespondent"
    assert waiting.current_workflow_task.name == "Политика: одобрение редактора"


def test_load_demo_prints_the_credentials_of_the_admin_and_of_each_role(monkeypatch):
    import io

    from django.core.management import call_command

    from vestnik.demo.management.commands import load_demo as command
    from vestnik.demo.services import DemoReport
    from vestnik.demo.staff import StaffMember

    staff = [StaffMember("Корреспондент (Политика)", "korrespondent", "k-password-16ch"),
             StaffMember("Главный редактор", "glavred", "g-password-16ch")]  # fmt: skip
    monkeypatch.setattr(command, "load_demo", lambda: DemoReport(0, 50, "admin", "a-password", staff))
    monkeypatch.setattr(command, "enrich_demo", lambda: "Entities: 50 of 50 articles analysed.")
    out = io.StringIO()
    call_command("load_demo", "--port", "8123", stdout=out)
    assert out.getvalue().splitlines()[1:] == [
        "Admin: http://127.0.0.1:8123/admin/  user: admin  password: a-password",
        "Корреспондент (Политика): user: korrespondent  password: k-password-16ch",
        "Главный редактор: user: glavred  password: g-password-16ch",
        "Entities: 50 of 50 articles analysed.",
    ]
