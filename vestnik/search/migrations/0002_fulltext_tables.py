"""The engine-specific half of the index: an FTS5 table on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

FIELDS = ("title", "lead", "meta", "body")
FTS5_COLUMNS = ", ".join([*FIELDS, *(f"{name}_f" for name in FIELDS)])


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # Our own lemmatizer writes the tokens: unicode61 only splits them on spaces,
        # and must not fold "й" into "и" (remove_diacritics 0).
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE search_fts USING fts5({FTS5_COLUMNS}, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]
    operations = [migrations.RunPython(create, drop)]
