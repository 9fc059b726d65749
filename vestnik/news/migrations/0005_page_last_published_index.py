"""PostgreSQL: the newest publish time among live pages by one index lookup.

Feeds (Last-Modified) and the sitemap index (lastmod) ask for it; at a million articles
the max over an unindexed column took 1.7 s.
"""

from django.db import migrations

CREATE = (
    'CREATE INDEX IF NOT EXISTS "vestnik_page_live_last_published_idx" ON "wagtailcore_page" '
    '("last_published_at") WHERE "live"'
)
DROP = 'DROP INDEX IF EXISTS "vestnik_page_live_last_published_idx"'


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("news", "0004_page_newest_index")]

    operations = [migrations.RunPython(forwards, backwards)]
