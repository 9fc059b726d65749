"""PostgreSQL: each vector gains its publication's year, month and day (search/periods.py)."""

from django.db import migrations

# search.periods.PERIOD_LEXEMES_SQL as it was when this migration was written.
PERIODS = (
    "array_to_tsvector(ARRAY["
    "'#' || to_char(published_at AT TIME ZONE 'UTC', 'YYYY'), "
    "'#' || to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM'), "
    "'#' || to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')])"
)
WITHOUT_PERIODS = "ts_delete(vector, ARRAY(SELECT lexeme FROM unnest(vector) WHERE left(lexeme, 1) = '#'))"


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE search_searchdocument SET vector = {WITHOUT_PERIODS} || {PERIODS} WHERE vector IS NOT NULL"
        )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE search_searchdocument SET vector = {WITHOUT_PERIODS} WHERE vector IS NOT NULL"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_tables")]
    operations = [migrations.RunPython(add, remove)]
