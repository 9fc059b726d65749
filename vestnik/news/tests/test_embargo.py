"""An embargoed article does not go live before its embargo, whichever way it is published,
and the worker makes it live in the first minute after."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from vestnik.news.models import ArticlePage
from vestnik.news.publishing import embargoed_go_live

from .factories import ArticleFactory, admin_article_form

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 14, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("go_live_at", "embargo_until", "expected"),
    [
        (None, None, None),
        (None, NOW + HOUR, NOW + HOUR),  # publish now → at the embargo
        (NOW + HOUR / 2, NOW + HOUR, NOW + HOUR),  # scheduled too early → at the embargo
        (NOW + 2 * HOUR, NOW + HOUR, NOW + 2 * HOUR),  # scheduled after it → as scheduled
        (None, NOW - HOUR, None),  # a passed embargo changes nothing
        (NOW + HOUR, NOW - HOUR, NOW + HOUR),
    ],
)
def test_publication_is_never_scheduled_before_an_embargo_that_holds(go_live_at, embargo_until, expected):
    assert embargoed_go_live(go_live_at, embargo_until, NOW) == expected


def embargo_in(minutes: int) -> dt.datetime:
    return timezone.now().replace(microsecond=0) + dt.timedelta(minutes=minutes)


def assert_scheduled_for(article, embargo):
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.go_live_at == embargo
    assert article.scheduled_revision.approved_go_live_at == embargo


def test_revision_publish_before_the_embargo_schedules_it(politics):
    embargo = embargo_in(60)
    article = ArticleFactory(parent=politics, publish=False)
    article.embargo_until = embargo
    # Saved without validation: only publish() stands between it and the readers.
    article.save_revision(clean=False).publish()
    assert_scheduled_for(article, embargo)


def test_publishing_through_save_revision_schedules_it_and_keeps_a_later_schedule(politics):
    embargo, after = embargo_in(60), embargo_in(120)
    early = ArticleFactory(parent=politics, publish=False, embargo_until=embargo, go_live_at=embargo_in(10))
    early.save_revision().publish()
    assert_scheduled_for(early, embargo)
    later = ArticleFactory(parent=politics, publish=False, embargo_until=embargo, go_live_at=after)
    later.save_revision().publish()
    assert_scheduled_for(later, after)


def test_a_passed_embargo_lets_the_article_go_live_at_once(politics):
    article = ArticleFactory(parent=politics, publish=False, embargo_until=embargo_in(-5))
    article.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).live


def test_an_embargo_cannot_hold_back_an_article_that_is_already_live(politics):
    article = ArticleFactory(parent=politics)
    article.embargo_until = embargo_in(60)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "embargo_until" in error.value.message_dict


def test_an_embargo_must_end_before_the_article_expires(politics):
    article = ArticleFactory(parent=politics, publish=False)
    article.embargo_until, article.expire_at = embargo_in(60), embargo_in(30)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "embargo_until" in error.value.message_dict


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.com", "pass"))
    return client


def local(moment: dt.datetime) -> str:
    """A time as the admin's date-time field takes it (the editor's time zone)."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_publish_button_on_a_new_article_schedules_it_and_tells_the_editor(editor, politics):
    embargo = embargo_in(90).replace(second=0)
    form = admin_article_form(
        title="Отчёт Нацбанка", slug="otchet", lead="Лид.", embargo_until=local(embargo)
    )
    response = editor.post(f"/admin/pages/add/news/articlepage/{politics.pk}/", form, follow=True)
    assert response.status_code == 200
    article = ArticlePage.objects.get(slug="otchet")
    assert_scheduled_for(article, embargo)
    messages = [str(m) for m in response.context["messages"]]
    assert any("под эмбарго до" in m and "не раньше" in m for m in messages), messages
    assert editor.get(article.url).status_code == 404
    assert "Отчёт Нацбанка" not in editor.get("/").content.decode()


def test_publish_button_on_a_draft_schedules_it_and_lifting_the_embargo_publishes_it(editor, politics):
    article = ArticleFactory(parent=politics, publish=False, title="Отчёт Нацбанка")
    embargo = embargo_in(90).replace(second=0)
    form = admin_article_form(
        title=article.title, slug=article.slug, lead="Лид.", embargo_until=local(embargo)
    )
    response = editor.post(f"/admin/pages/{article.pk}/edit/", form, follow=True)
    assert_scheduled_for(article, embargo)
    assert any("эмбарго" in str(m) for m in response.context["messages"])
    # Wagtail locks a scheduled page: the editor cancels the schedule, opens the article
    # (its schedule shows the embargo's end), clears the embargo and publishes: the schedule
    # that came from the embargo goes with it, and the article is live at once.
    scheduled = ArticlePage.objects.get(pk=article.pk).scheduled_revision
    assert editor.post(f"/admin/pages/{article.pk}/revisions/{scheduled.pk}/unschedule/").status_code == 302
    edit = editor.get(f"/admin/pages/{article.pk}/edit/")
    assert edit.context["form"].initial["go_live_at"] == embargo
    form = admin_article_form(title=article.title, slug=article.slug, lead="Лид.", go_live_at=local(embargo))
    response = editor.post(f"/admin/pages/{article.pk}/edit/", form)
    assert response.status_code == 302, [str(m) for m in response.context["messages"]]
    assert ArticlePage.objects.get(pk=article.pk).live


def test_a_live_articles_editor_refuses_a_future_embargo(editor, politics):
    article = ArticleFactory(parent=politics)
    form = admin_article_form(
        title=article.title, slug=article.slug, lead="Лид.", embargo_until=local(embargo_in(60))
    )
    response = editor.post(f"/admin/pages/{article.pk}/edit/", form)
    assert response.status_code == 200  # the form again, with the error
    assert "embargo_until" in response.context["form"].errors
    assert ArticlePage.objects.get(pk=article.pk).live


def test_reimporting_an_embargoed_draft_does_not_publish_it(politics, tmp_path):
    from vestnik.importers.services import import_capture

    seed = Path(__file__).resolve().parents[2] / "demo" / "data" / "seed" / "000_30cfd75c4d8bef58.txt"
    captured = dt.datetime(2025, 11, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    import_capture(path=seed, captured_at=captured)
    article = ArticlePage.objects.get(title__startswith="Жена депортированного")
    article.unpublish()
    embargo = embargo_in(60)
    article = ArticlePage.objects.get(pk=article.pk)
    article.embargo_until = embargo
    article.save_revision().publish()  # scheduled
    edited = seed.read_text(encoding="utf-8").replace("15 лет лишения свободы", "20 лет лишения свободы")
    copy = tmp_path / "edited.txt"
    copy.write_text(edited, encoding="utf-8")
    report = import_capture(path=copy, captured_at=captured)
    assert len(report.updated) == 1
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.scheduled_revision.approved_go_live_at == embargo


def test_worker_publishes_an_embargoed_article_within_a_minute_after_the_embargo_not_before(
    politics, monkeypatch
):
    from vestnik.ops.workers import publish_due, seconds_to_next_minute

    noon = (timezone.now() + dt.timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    article = ArticleFactory(
        parent=politics, publish=False, title="Итоги квартала", embargo_until=noon, first_published_at=None
    )
    article.save_revision().publish()  # an editor hits Publish a day early
    assert_scheduled_for(article, noon)

    def at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        publish_due()
        return ArticlePage.objects.get(pk=article.pk)

    for early in (noon - dt.timedelta(hours=1), noon - dt.timedelta(seconds=1), noon):
        assert not at(early).live, early
    # The scheduler runs at the start of each minute: 12:00:00 and a few milliseconds.
    assert seconds_to_next_minute(noon - dt.timedelta(seconds=1)) == 1
    published = at(noon + dt.timedelta(milliseconds=5))
    assert published.live
    assert noon <= published.first_published_at < noon + dt.timedelta(minutes=1)
