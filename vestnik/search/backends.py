"""The full-text index in each database's own engine, behind one interface.

SQLite: an FTS5 table, rowid = article id, one column of lemmas and one of exact word
forms per field, ranked by bm25. PostgreSQL: a tsvector in search_searchdocument.vector
(GIN index) written directly as lexemes — lemmas, and the exact forms prefixed with "="
at the same word positions — so no text-search configuration stands between our
lemmatizer and the index; ranked by ts_rank with field weights A–D.

Both score a match on a word's exact form above a match on another form of it (the
exact form is a second term that only some articles have), and multiply relevance by
the same recency boost (see RECENCY_* and docs/search.md).
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction

from .documents import FIELDS, AnalysedDocument
from .query import Clause, ParsedQuery

# relevance × (1 + RECENCY_BOOST × RECENCY_DAYS / (RECENCY_DAYS + age in days)):
# ×1.5 today, ×1.25 a month ago, ×1.04 a year ago.
RECENCY_BOOST = 0.5
RECENCY_DAYS = 30.0
FIELD_WEIGHTS = {"title": 10.0, "lead": 5.0, "meta": 4.0, "body": 1.0}
MAX_POSITION = 16383  # PostgreSQL keeps word positions up to this
MAX_POSITIONS_PER_LEXEME = 256
# Each engine ranks at most this many matches of a query, the newest (see search()).
RANK_LIMIT = 1_000


def _quoted(word: str) -> str:
    # Words hold only letters and digits (vestnik.core.text.lemmas.words); quoting them
    # all still keeps an "or" or "near" from reading as an operator.
    return '"' + word.replace('"', "") + '"'


class Fts5Backend:
    table = "search_fts"
    lemma_columns = FIELDS
    form_columns = tuple(f"{name}_f" for name in FIELDS)

    def write(self, page_id: int, document: AnalysedDocument) -> None:
        columns = self.lemma_columns + self.form_columns
        values = [" ".join(" ".join(ls) for ls in document.fields[name].lemmas) for name in FIELDS]
        values += [" ".join(document.fields[name].forms) for name in FIELDS]
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [page_id])
            cursor.execute(
                f"INSERT INTO {self.table} (rowid, {', '.join(columns)}) "
                f"VALUES (%s, {', '.join(['%s'] * len(columns))})",
                [page_id, *values],
            )

    def stored_forms(self, page_id: int) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(self.form_columns)} FROM {self.table} WHERE rowid = %s", [page_id]
            )
            row = cursor.fetchone()
        return {form for column in row or () for form in column.split()}

    def delete(self, page_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [page_id])

    def match_expression(self, query: ParsedQuery) -> str:
        lemma_cols = "{" + " ".join(self.lemma_columns) + "}"
        form_cols = "{" + " ".join(self.form_columns) + "}"

        def clause(c: Clause) -> str:
            if c.phrase:
                return f'{form_cols}: "{" ".join(t.form for t in c.terms)}"'
            parts = []
            for t in c.terms:
                alternatives = " OR ".join(_quoted(lemma) for lemma in t.lemmas)
                parts.append(f"({lemma_cols}: ({alternatives}) OR {form_cols}: {_quoted(t.form)})")
            return " AND ".join(parts)

        expression = "(" + " AND ".join(clause(c) for c in query.positive) + ")"
        for c in query.negative:
            expression += f" NOT ({clause(c)})"
        return expression

    def search(self, query: ParsedQuery, *, restrict, limit: int, offset: int, now: datetime):
        # bm25 is computed for each row the inner query returns: walking the doclists
        # newest id first and stopping after RANK_LIMIT keeps a word found in half the
        # archive as fast as a rare one (docs/search.md).
        weights = ", ".join(str(FIELD_WEIGHTS[name]) for name in FIELDS * 2)
        where, params = self._where(query, restrict, id_column=f"{self.table}.rowid")
        sql = (
            f"WITH matched AS (SELECT {self.table}.rowid AS page_id, -bm25({self.table}, {weights}) AS relevance "
            f"FROM {self.table} WHERE {where} ORDER BY {self.table}.rowid DESC LIMIT {RANK_LIMIT}) "
            f"SELECT m.page_id, m.relevance * (1.0 + {RECENCY_BOOST} * {RECENCY_DAYS} / ({RECENCY_DAYS} + "
            f"max(0.0, julianday(%s) - julianday(d.published_at)))) AS score "
            f"FROM matched m JOIN search_searchdocument d ON d.page_id = m.page_id "
            f"ORDER BY score DESC, d.published_at DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, now.strftime("%Y-%m-%d %H:%M:%S"), limit, offset])
            return cursor.fetchall()

    def count(self, query: ParsedQuery, *, restrict) -> int:
        where, params = self._where(query, restrict, id_column=f"{self.table}.rowid")
        sql = f"SELECT count(*) FROM {self.table} WHERE {where}"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def _where(self, query, restrict, id_column="d.page_id"):
        where, params = f"{self.table} MATCH %s", [self.match_expression(query)]
        if restrict is not None:
            sub_sql, sub_params = restrict
            where += f" AND {id_column} IN ({sub_sql})"
            params += list(sub_params)
        return where, params


class PostgresBackend:
    # ts_rank's weights array is ordered {D, C, B, A}.
    weight_letters = {"title": "A", "lead": "B", "meta": "C", "body": "D"}
    rank_weights = "{0.1, 0.4, 0.5, 1.0}"

    def tsvector(self, document: AnalysedDocument) -> str:
        """The tsvector literal: lexemes with positions and weights, no parser involved."""
        lexemes: dict[str, list[str]] = {}
        position = 0
        for name in FIELDS:
            field = document.fields[name]
            letter = self.weight_letters[name]
            for form, word_lemmas in zip(field.forms, field.lemmas, strict=True):
                position = min(position + 1, MAX_POSITION)
                for lexeme in {*word_lemmas, "=" + form}:
                    positions = lexemes.setdefault(lexeme, [])
                    if len(positions) < MAX_POSITIONS_PER_LEXEME:
                        positions.append(f"{position}{letter}")
            position = min(position + 1, MAX_POSITION)  # phrases never span two fields
        return " ".join(f"'{lexeme}':{','.join(positions)}" for lexeme, positions in lexemes.items())

    def write(self, page_id: int, document: AnalysedDocument) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_searchdocument SET vector = %s::tsvector WHERE page_id = %s",
                [self.tsvector(document), page_id],
            )

    def stored_forms(self, page_id: int) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT lexeme FROM search_searchdocument, unnest(vector) "
                "WHERE page_id = %s AND lexeme LIKE '=%%'",
                [page_id],
            )
            return {row[0][1:] for row in cursor.fetchall()}

    def delete(self, page_id: int) -> None:
        """The vector goes with its SearchDocument row."""

    def tsquery(self, query: ParsedQuery) -> str:
        def lexeme(word: str) -> str:
            return "'" + word.replace("'", "") + "'"

        def clause(c: Clause) -> str:
            if c.phrase:
                return "(" + " <-> ".join(lexeme("=" + t.form) for t in c.terms) + ")"
            return " & ".join(
                "(" + " | ".join(lexeme(w) for w in (*t.lemmas, "=" + t.form)) + ")" for t in c.terms
            )

        positive = " & ".join(clause(c) for c in query.positive)
        negative = "".join(f" & !({clause(c)})" for c in query.negative)
        return f"({positive}){negative}"

    def search(self, query: ParsedQuery, *, restrict, limit: int, offset: int, now: datetime):
        # ts_rank must read each matching row's vector from TOAST: for a word in 400,000
        # articles that is seconds. The GIN index finds the matches without reading them,
        # so only the newest RANK_LIMIT matches are ranked (docs/search.md).
        where, params = self._where(restrict)
        # MATERIALIZED: find the matches through the GIN index first. Otherwise the
        # planner may walk the published_at index newest first and test (and detoast)
        # every article's vector until it has enough.
        sql = (
            f"WITH hits AS MATERIALIZED (SELECT d.page_id, d.published_at "
            f"FROM search_searchdocument d, CAST(%s AS tsquery) q WHERE {where}), "
            f"newest AS (SELECT page_id, published_at FROM hits ORDER BY published_at DESC LIMIT {RANK_LIMIT}) "
            f"SELECT n.page_id, ts_rank(%s, d.vector, q, 1) * "
            f"(1.0 + {RECENCY_BOOST} * {RECENCY_DAYS} / ({RECENCY_DAYS} + "
            f"greatest(0.0, extract(epoch FROM (%s - n.published_at)) / 86400.0))) AS score "
            f"FROM newest n JOIN search_searchdocument d ON d.page_id = n.page_id, CAST(%s AS tsquery) q "
            f"ORDER BY score DESC, n.published_at DESC LIMIT %s OFFSET %s"
        )
        tsquery = self.tsquery(query)
        with transaction.atomic(), connection.cursor() as cursor:
            self._use_the_index(cursor)
            cursor.execute(sql, [tsquery, *params, self.rank_weights, now, tsquery, limit, offset])
            return cursor.fetchall()

    @staticmethod
    def _use_the_index(cursor):
        # For a word in most articles the planner prefers reading the table, which means
        # detoasting every vector to test it: 12 s at a million articles, against 0.2 s
        # through the GIN index (whose bitmap needs no recheck). Never scan the vectors.
        cursor.execute("SET LOCAL enable_seqscan = off")

    def count(self, query: ParsedQuery, *, restrict) -> int:
        where, params = self._where(restrict)
        sql = f"SELECT count(*) FROM search_searchdocument d, CAST(%s AS tsquery) q WHERE {where}"
        with transaction.atomic(), connection.cursor() as cursor:
            self._use_the_index(cursor)
            cursor.execute(sql, [self.tsquery(query), *params])
            return cursor.fetchone()[0]

    def _where(self, restrict):
        where, params = "d.vector @@ q", []
        if restrict is not None:
            sub_sql, sub_params = restrict
            where += f" AND d.page_id IN ({sub_sql})"
            params += list(sub_params)
        return where, params


def get_backend() -> Fts5Backend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return Fts5Backend()
    raise NotImplementedError(f"Vestnik search supports SQLite and PostgreSQL, not {connection.vendor}")
