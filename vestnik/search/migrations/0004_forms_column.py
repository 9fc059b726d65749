"""PostgreSQL: the exact word forms move out of the GIN-indexed vector into their own column.

Until now ``vector`` held the lemmas and, prefixed with "=", the exact forms. The forms
are only read for phrases and ranking, so they need no index (search/backends.py). This
rewrites every row once: on a large archive, run it in a quiet hour.

Both columns are also compressed with lz4 where the server has it (PostgreSQL 14+
built with lz4, as Debian's and most others are). Measured on 20,000 articles, pglz
compression was a third of the time PostgreSQL spends taking in an index row (0.68 ms
against 0.44 ms with lz4), and lz4 also reads back faster for ranking and phrases.
"""

import django.contrib.postgres.search
from django.db import DatabaseError, migrations, transaction

# A vector's lexemes of one kind: the exact forms start with "=".
FORM_LEXEMES = "ARRAY(SELECT lexeme FROM unnest(vector) WHERE left(lexeme, 1) = '=')"
OTHER_LEXEMES = "ARRAY(SELECT lexeme FROM unnest(vector) WHERE left(lexeme, 1) <> '=')"


def use_lz4(schema_editor):
    try:
        with transaction.atomic():
            schema_editor.execute(
                "ALTER TABLE search_searchdocument "
                "ALTER COLUMN vector SET COMPRESSION lz4, ALTER COLUMN forms SET COMPRESSION lz4"
            )
    except DatabaseError:
        pass  # a server without lz4 keeps its default compression (pglz); only slower


def split(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        use_lz4(schema_editor)
        # Lexemes are letters and digits (and "=", "#"): no quote inside one to escape.
        schema_editor.execute(
            "UPDATE search_searchdocument SET "
            f"forms = replace(ts_delete(vector, {OTHER_LEXEMES})::text, '''=', '''')::tsvector, "
            f"vector = ts_delete(vector, {FORM_LEXEMES}) WHERE vector IS NOT NULL"
        )


def join(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Not "vector || forms": concatenating tsvectors shifts the second one's positions.
        schema_editor.execute(
            "UPDATE search_searchdocument SET vector = (vector::text || ' ' || "
            "regexp_replace(forms::text, '''([^'']+)''', '''=\\1''', 'g'))::tsvector "
            "WHERE vector IS NOT NULL AND forms IS NOT NULL"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_period_lexemes")]
    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="forms",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(split, join),
    ]
