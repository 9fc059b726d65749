"""Indexes that let PostgreSQL count a list from indexes alone (bench/query_plans.py).

A rubric's, author's or tag's page counts its articles the first time it is shown after
an article entered or left it: live pages that are no translation. Those two conditions
sat in the two biggest tables' rows, so each count read both tables whole: 0.16–0.6 s at
a million articles. With a partial index for each, the count reads the live pages' depths,
paths and types and the originals' ids from the indexes; a rubric's count reads only its
own range of the first (selectors.rubric_article_count).

The path is indexed with varchar_pattern_ops, so that a rubric's `path LIKE '0001…%'`
uses it whatever the database's collation. Plain CREATE INDEX: on an existing large site
run it in a quiet hour (it locks writes to these tables while it builds). SQLite sites are
small, and SQLite has no INCLUDE: nothing to do there.
"""

from django.db import migrations

INDEXES = {
    "vestnik_page_live_depth_path_idx": (
        'ON "wagtailcore_page" ("depth", "path" varchar_pattern_ops) INCLUDE ("content_type_id") WHERE "live"'
    ),
    "vestnik_article_original_idx": 'ON "news_articlepage" ("page_ptr_id") WHERE "translation_of_id" IS NULL',
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" {target}')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("news", "0015_page_id_text_index")]

    operations = [migrations.RunPython(forwards, backwards)]
