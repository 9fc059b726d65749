"""Correction and update notes: shown at the end oldest first, the newest one's time is the
article's dateModified, and the original publication time never moves."""

import datetime as dt
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from lxml import html as lxml_html

from vestnik.news.models import ArticlePage, CorrectionNote

from .factories import ArticleFactory, add_note, admin_article_form, article_with, inline_forms

pytestmark = pytest.mark.django_db


def body_of(client, url) -> str:
    # The head's JSON-LD repeats the notes' text: look at what the reader sees.
    return client.get(url).content.decode().split("<body", 1)[1]


def news_ld(client, url) -> dict:
    tree = lxml_html.fromstring(client.get(url).content)
    blocks = [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]
    return next(b for block in blocks for b in (block if isinstance(block, list) else [block])
                if b["@type"] == "NewsArticle")  # fmt: skip


@pytest.fixture
def corrected(politics):
    """An article with two notes added in separate edits: a correction, then an update."""
    now = timezone.now().replace(second=0, microsecond=0)
    article = ArticleFactory(
        parent=politics, title="Бюджет принят", first_published_at=now - dt.timedelta(hours=5)
    )
    add_note(article, "<p>Исправлена сумма: 5 млрд, а не 50.</p>", at=now - dt.timedelta(hours=2))
    article = add_note(article, "<p>Добавлен комментарий министерства.</p>", at=now - dt.timedelta(hours=1),
                       kind="update")  # fmt: skip
    return article, now


def test_notes_show_after_the_text_oldest_first_with_their_kind_and_time(client, corrected):
    article, now = corrected
    body = body_of(client, article.url)
    correction, update = body.index("Исправлена сумма"), body.index("Добавлен комментарий")
    assert body.index("Второй абзац.") < correction < update
    notes = lxml_html.fromstring(body).xpath(
        '//aside[@class="corrections"]//li/p[@class="correction__label"]'
    )
    assert [" ".join(p.text_content().split()) for p in notes] == [
        "Исправление · " + _words(now - dt.timedelta(hours=2)),
        "Обновление · " + _words(now - dt.timedelta(hours=1)),
    ]


def _words(moment) -> str:
    from vestnik.core.text.dates import format_datetime

    return format_datetime(timezone.localtime(moment), "ru")


def test_newest_note_time_is_updated_at_date_modified_feed_update_and_sitemap_lastmod(client, corrected):
    article, now = corrected
    newest = now - dt.timedelta(hours=1)
    assert article.updated_at == newest
    ld = news_ld(client, article.url)
    assert dt.datetime.fromisoformat(ld["dateModified"]) == newest
    # Only corrections are CorrectionComments; an update is not one.
    assert [c["text"] for c in ld["correction"]] == ["Исправлена сумма: 5 млрд, а не 50."]
    atom = client.get("/feeds/atom/").content.decode()
    entry = atom.split("<entry>", 1)[1]
    assert dt.datetime.fromisoformat(re.search(r"<updated>([^<]+)</updated>", entry)[1]) == newest
    sitemap = b"".join(client.get("/sitemap-articles.xml").streaming_content).decode()
    assert f"<lastmod>{timezone.localtime(newest).isoformat(timespec='seconds')}</lastmod>" in sitemap
    assert "обновлено" in body_of(client, article.url)


def test_a_note_in_an_unpublished_draft_changes_nothing_readers_see(client, politics):
    article = ArticleFactory(parent=politics)
    add_note(article, "<p>Черновое исправление.</p>", publish=False)
    row = ArticlePage.objects.get(pk=article.pk)
    assert row.updated_at is None and not row.correction_notes.exists()
    assert "Черновое исправление" not in client.get(article.url).content.decode()


def test_preview_shows_the_drafts_new_note_and_its_time(politics):
    article = ArticleFactory(parent=politics)
    article = ArticlePage.objects.get(pk=article.pk)
    noted = timezone.now().replace(microsecond=0)
    article.correction_notes = [CorrectionNote(noted_at=noted, text="<p>Уточнено имя.</p>")]
    preview = article.make_preview_request().content.decode()
    assert "Уточнено имя." in preview
    assert timezone.localtime(noted).isoformat(timespec="seconds") in preview


def test_an_update_without_text_moves_the_updated_time_but_adds_no_note(client, politics):
    article = ArticleFactory(parent=politics)
    noted = timezone.now().replace(microsecond=0)
    article = add_note(article, "", at=noted, kind="update")
    assert article.updated_at == noted
    body = body_of(client, article.url)
    assert "обновлено" in body and 'class="corrections"' not in body
    assert "correction" not in news_ld(client, article.url)


@pytest.mark.parametrize("text", ["", "<p></p>", "<p> </p>"])
def test_a_correction_must_say_what_was_corrected(text):
    with pytest.raises(ValidationError) as error:
        CorrectionNote(kind="correction", text=text).full_clean(exclude=["page"])
    assert "text" in error.value.message_dict


def test_a_note_cannot_be_dated_in_the_future():
    note = CorrectionNote(text="<p>Позже.</p>", noted_at=timezone.now() + dt.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        note.full_clean(exclude=["page"])
    assert "noted_at" in error.value.message_dict


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.com", "pass"))
    return client


def test_editor_adds_two_notes_in_the_article_editor(editor, politics):
    article = ArticleFactory(parent=politics, title="Сессия маслихата")
    from wagtail.test.utils.form_data import rich_text

    notes = [
        {"kind": "correction", "noted_at": "2025-11-08 14:00", "text": rich_text("<p>Исправлена дата.</p>")},
        {"kind": "update", "noted_at": "2025-11-08 16:30", "text": rich_text("<p>Добавлены итоги.</p>")},
    ]
    form = admin_article_form(
        title=article.title, slug=article.slug, lead="Лид.", **inline_forms("correction_notes", notes)
    )
    response = editor.post(f"/admin/pages/{article.pk}/edit/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(pk=article.pk)
    assert [n.kind for n in article.correction_notes.all()] == ["correction", "update"]
    # Typed in the editor's time zone (Asia/Almaty, UTC+5).
    assert article.updated_at == dt.datetime(2025, 11, 8, 11, 30, tzinfo=dt.UTC)
    assert editor.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_first_published_at_never_changes_through_edits_notes_republishing_and_reverts(
    politics, editor, monkeypatch
):
    from vestnik.ops.workers import publish_due

    original = timezone.now().replace(microsecond=0) - dt.timedelta(days=2)
    article = article_with(rubric=politics, title="Выборы назначены", first_published_at=original)

    def still_original(step):
        assert ArticlePage.objects.get(pk=article.pk).first_published_at == original, step

    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Выборы назначены на март"
    page.save_revision().publish()
    still_original("edit and republish")
    add_note(article, "<p>Исправлена дата.</p>")
    still_original("a correction note")
    ArticlePage.objects.get(pk=article.pk).unpublish()
    ArticlePage.objects.get(pk=article.pk).save_revision().publish()
    still_original("unpublish and publish again")
    ArticlePage.objects.get(pk=article.pk).revisions.order_by("created_at").first().publish()
    still_original("an old revision published again")
    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Выборы назначены на 1 марта"
    due = timezone.now() + dt.timedelta(minutes=1)
    page.go_live_at = due
    page.save_revision().publish()  # an edit scheduled while the article stays live
    with monkeypatch.context() as later:
        later.setattr(timezone, "now", lambda: due + dt.timedelta(seconds=1))
        publish_due()
    assert ArticlePage.objects.get(pk=article.pk).title == "Выборы назначены на 1 марта"
    still_original("a scheduled edit")
    form = admin_article_form(title="Выборы назначены на 15 марта", slug=article.slug, lead="Лид.")
    assert editor.post(f"/admin/pages/{article.pk}/edit/", form).status_code == 302
    still_original("published through the admin")
    assert ArticlePage.objects.get(pk=article.pk).title == "Выборы назначены на 15 марта"
