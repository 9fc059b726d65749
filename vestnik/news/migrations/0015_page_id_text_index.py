"""An index on the page id as the text that Wagtail's search index entries hold.

Wagtail's database search joins its entries to pages by `object_id = page.id::varchar(50)`:
without an index on that expression PostgreSQL can only go from pages to entries, and a
rare word's few matches cost a pass over every page (0.2–0.6 s at a million articles; about
30 ms with it, bench/admin_bench.py). SQLite sites are small: nothing to do there.
"""

from django.db import migrations

INDEX = "vestnik_page_id_text_idx"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "wagtailcore_page" ((("id")::varchar(50)))'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("news", "0014_article_translations"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(forwards, backwards)]
