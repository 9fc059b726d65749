"""The single `correction` text and `updated_at` time of each article become a correction
note, in the article's row and in every saved revision (drafts keep theirs too).

- text (with or without a time) → a "correction" note at updated_at, or at the last
  publication when no time was set (the time readers saw as "обновлено" stays the same);
- a time without text → an "update" note without text, which keeps "обновлено" at that time.

Backwards, each article's notes are joined back into `correction`.
"""

import re

from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

_TAG = re.compile(r"<[^>]+>")


def _has_text(markup) -> bool:
    return bool(_TAG.sub("", markup or "").replace("&nbsp;", " ").strip())


def _as_json(moment) -> str:
    return DjangoJSONEncoder().default(moment)


def _article_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="news", model="articlepage").first()
    if content_type is None:  # a fresh database: no revisions yet
        return Revision.objects.none()
    return Revision.objects.filter(content_type=content_type).order_by("pk")


def forwards(apps, schema_editor):
    ArticlePage = apps.get_model("news", "ArticlePage")
    CorrectionNote = apps.get_model("news", "CorrectionNote")
    migrated = {}  # page id → (note id, kind, time, text): revisions holding the same note reuse its id
    rows = ArticlePage.objects.exclude(correction="", updated_at=None).order_by("pk")
    for page in rows.iterator(chunk_size=1000):
        has_text = _has_text(page.correction)
        if not has_text and page.updated_at is None:
            continue
        moment = (page.updated_at or page.last_published_at or page.first_published_at
                  or page.latest_revision_created_at or timezone.now())  # fmt: skip
        kind = "correction" if has_text else "update"
        text = page.correction if has_text else ""
        note = CorrectionNote.objects.create(page_id=page.pk, kind=kind, noted_at=moment, text=text)
        ArticlePage.objects.filter(pk=page.pk).update(updated_at=moment)
        migrated[page.pk] = (note.pk, kind, moment, text)

    for revision in _article_revisions(apps).iterator(chunk_size=500):
        content = revision.content
        if "correction_notes" in content:
            continue
        text = content.pop("correction", "") or ""
        has_text = _has_text(text)
        notes = []
        if has_text or content.get("updated_at"):
            stamp = (content.get("updated_at") or content.get("last_published_at")
                     or content.get("first_published_at") or _as_json(revision.created_at))  # fmt: skip
            kind = "correction" if has_text else "update"
            text = text if has_text else ""
            page_id = int(revision.object_id)
            same = migrated.get(page_id)
            note_id = same[0] if same and same[1:] == (kind, parse_datetime(stamp), text) else None
            notes.append({"pk": note_id, "page": page_id, "kind": kind, "noted_at": stamp, "text": text})
            content["updated_at"] = stamp
        content["correction_notes"] = notes
        revision.content = content
        revision.save(update_fields=["content"])


def backwards(apps, schema_editor):
    ArticlePage = apps.get_model("news", "ArticlePage")
    CorrectionNote = apps.get_model("news", "CorrectionNote")
    texts = {}
    for note in CorrectionNote.objects.order_by("page_id", "noted_at", "pk"):
        texts.setdefault(note.page_id, []).append(note.text)
    for page_id, parts in texts.items():
        ArticlePage.objects.filter(pk=page_id).update(correction="".join(parts))
    CorrectionNote.objects.all().delete()
    for revision in _article_revisions(apps).iterator(chunk_size=500):
        content = revision.content
        if "correction_notes" not in content:
            continue
        notes = sorted(content.pop("correction_notes"), key=lambda note: note["noted_at"])
        content["correction"] = "".join(note["text"] for note in notes)
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_correction_notes"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
