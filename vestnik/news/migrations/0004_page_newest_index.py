"""PostgreSQL: an index in the order every list reads articles (newest first, NULLs last).

Wagtail indexes first_published_at ascending; "ORDER BY first_published_at DESC NULLS
LAST" cannot walk that index backwards (a backward walk gives NULLs first), so every
list sorted all live pages. Partial on live pages: lists show nothing else. SQLite
cannot declare NULLS LAST in an index and is meant for small sites: nothing there.
"""

from django.db import migrations

CREATE = (
    'CREATE INDEX IF NOT EXISTS "vestnik_page_live_newest_idx" ON "wagtailcore_page" '
    '("first_published_at" DESC NULLS LAST, "id" DESC) WHERE "live"'
)
DROP = 'DROP INDEX IF EXISTS "vestnik_page_live_newest_idx"'


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("news", "0003_page_url_path_index")]

    operations = [migrations.RunPython(forwards, backwards)]
