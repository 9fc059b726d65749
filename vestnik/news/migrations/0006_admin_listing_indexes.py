"""Indexes the admin's page explorer needs on a big archive (bench/admin_bench.py at 1M):

- its default order, newest revision first (PostgreSQL sorted 200,000 rows per page),
- the tree root lookup by depth (a scan of every page for a superuser's editor),
- the "edited by" filter's choice list over the log (1.3–3 s as DISTINCT over a million rows).

Plain CREATE INDEX: on an existing large site run it in a quiet hour (it locks writes to
these tables for the seconds the build takes).
"""

from django.db import migrations

INDEXES = {
    "vestnik_page_latest_revision_idx": 'ON "wagtailcore_page" ("latest_revision_created_at" DESC)',
    "vestnik_page_depth_path_idx": 'ON "wagtailcore_page" ("depth", "path")',
    "vestnik_pagelog_action_user_idx": 'ON "wagtailcore_pagelogentry" ("action", "user_id")',
}


def forwards(apps, schema_editor):
    for name, target in INDEXES.items():
        columns = target
        if schema_editor.connection.vendor == "postgresql":
            columns = columns.replace('" DESC)', '" DESC NULLS LAST)')
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" {columns}')


def backwards(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("news", "0005_page_last_published_index"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(forwards, backwards)]
