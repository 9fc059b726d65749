"""The full-text index in each database's own engine, behind one interface.

SQLite: an FTS5 table, rowid = article id, one column of lemmas and one of exact word
forms per field, ranked by bm25. PostgreSQL: two tsvectors in search_searchdocument,
written directly as lexemes so that no text-search configuration stands between our
lemmatizer and the index: ``vector`` holds the lemmas (GIN index), ``forms`` the exact
word forms at the same positions (no index); ranked by ts_rank with field weights A–D.

Only the lemmas need an index: a query word's lemmas include every lemma the index
gives that word's form, so whatever matches a form matches its lemmas too, and the
forms are only read for phrases and ranking, in the few articles the lemmas found.
Leaving them out of the GIN index made it 2.6 times faster to build (100,000 articles).

Both score a match on a word's exact form above a match on another form of it (the
exact form is a second term that only some articles have), and multiply relevance by
the same recency boost (see RECENCY_* and docs/search.md).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import psycopg
import psycopg.adapt
from django.db import connection, transaction

from .documents import FIELDS, AnalysedDocument
from .periods import period_cover, period_lexemes
from .query import Clause, ParsedQuery

# relevance × (1 + RECENCY_BOOST × RECENCY_DAYS / (RECENCY_DAYS + age in days)):
# ×1.5 today, ×1.25 a month ago, ×1.04 a year ago.
RECENCY_BOOST = 0.5
RECENCY_DAYS = 30.0
FIELD_WEIGHTS = {"title": 10.0, "lead": 5.0, "meta": 4.0, "body": 1.0}
MAX_POSITION = 16383  # PostgreSQL keeps word positions up to this
MAX_POSITIONS_PER_LEXEME = 256
# Each engine ranks at most this many matches of a query, the newest, and counts up to
# it: beyond, a search says "more than RANK_LIMIT" (docs/search.md).
RANK_LIMIT = 500
# An article in another language than the reader's keeps this share of its score, so a
# Russian reader finds the Russian original above its Kazakh translation, and the other
# way round; a strong match in the other language still ranks.
OTHER_LANGUAGE = 0.6
# PostgreSQL looks for the newest matches in the newest day first (newest_matches()).
FIRST_PERIOD_DAYS = 1
PERIOD_GROWTH = 8  # the most a period grows from one probe to the next
# A phrase's candidates are checked newest first, at most this many per match wanted.
PHRASE_CANDIDATES = 20


# The score's factor for the reader's language (%s), as SQL on news_articlepage "a".
LANGUAGE_FACTOR = "(CASE WHEN a.content_language = %s THEN 1.0 ELSE {other} END)"


def _quoted(word: str) -> str:
    # Words hold only letters and digits (vestnik.core.text.lemmas.words); quoting them
    # all still keeps an "or" or "near" from reading as an operator.
    return '"' + word.replace('"', "") + '"'


class Fts5Backend:
    table = "search_fts"
    lemma_columns = FIELDS
    form_columns = tuple(f"{name}_f" for name in FIELDS)

    def prepare(self, document: AnalysedDocument, published_at: datetime) -> list[str]:
        """The row's column values: each field's lemmas, then each field's forms."""
        values = [" ".join(" ".join(ls) for ls in document.fields[name].lemmas) for name in FIELDS]
        return values + [" ".join(document.fields[name].forms) for name in FIELDS]

    def write_many(self, rows: list[tuple[int, list[str]]]) -> None:
        """Store prepared rows (page id, prepare()'s values), replacing what was there."""
        columns = self.lemma_columns + self.form_columns
        with connection.cursor() as cursor:
            for chunk in chunks([page_id for page_id, _values in rows]):
                cursor.execute(
                    f"DELETE FROM {self.table} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})", chunk
                )
            cursor.executemany(
                f"INSERT INTO {self.table} (rowid, {', '.join(columns)}) "
                f"VALUES (%s, {', '.join(['%s'] * len(columns))})",
                [(page_id, *values) for page_id, values in rows],
            )

    def stored_forms_many(self, page_ids: list[int]) -> dict[int, set[str]]:
        found = {}
        with connection.cursor() as cursor:
            for chunk in chunks(page_ids):
                cursor.execute(
                    f"SELECT rowid, {', '.join(self.form_columns)} FROM {self.table} "
                    f"WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                for page_id, *columns in cursor.fetchall():
                    found[page_id] = {form for column in columns for form in column.split()}
        return found

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

    def search(self, query: ParsedQuery, *, restrict, limit: int, offset: int, now: datetime, language=None):
        # bm25 is computed for each row the inner query returns: walking the doclists
        # newest id first and stopping after RANK_LIMIT keeps a word found in half the
        # archive as fast as a rare one (docs/search.md).
        weights = ", ".join(str(FIELD_WEIGHTS[name]) for name in FIELDS * 2)
        where, params = self._where(query, restrict, id_column=f"{self.table}.rowid")
        sql = (
            f"WITH matched AS (SELECT {self.table}.rowid AS page_id, -bm25({self.table}, {weights}) AS relevance "
            f"FROM {self.table} WHERE {where} ORDER BY {self.table}.rowid DESC LIMIT {RANK_LIMIT}) "
            f"SELECT m.page_id, m.relevance * (1.0 + {RECENCY_BOOST} * {RECENCY_DAYS} / ({RECENCY_DAYS} + "
            f"max(0.0, julianday(%s) - julianday(d.published_at)))) * {LANGUAGE_FACTOR.format(other=OTHER_LANGUAGE)} AS score "
            f"FROM matched m JOIN search_searchdocument d ON d.page_id = m.page_id "
            f"LEFT JOIN news_articlepage a ON a.page_ptr_id = m.page_id "
            f"ORDER BY score DESC, d.published_at DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, now.strftime("%Y-%m-%d %H:%M:%S"), language or "", limit, offset])
            return cursor.fetchall()

    def count(self, query: ParsedQuery, *, restrict) -> int:
        """How many articles match, up to RANK_LIMIT + 1 (meaning "more than RANK_LIMIT")."""
        where, params = self._where(query, restrict, id_column=f"{self.table}.rowid")
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {self.table} WHERE {where} LIMIT {RANK_LIMIT + 1})"
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

    def __init__(self):
        # The newest matches of each query, found once per search page (count, then page).
        self._newest: dict[tuple[str, str | None, str], list[int]] = {}

    def vectors(self, document: AnalysedDocument, published_at: datetime) -> tuple[bytes, bytes]:
        """The two tsvectors, lexemes with positions and weights, in PostgreSQL's binary
        form (no parser involved): the lemmas with the publication's period lexemes
        (periods.py), and the exact forms. A word's lemmas and its form share its position."""
        lemma_positions: dict[str, list[bytes]] = {}
        form_positions: dict[str, list[bytes]] = {}
        position = 0
        for name in FIELDS:
            field = document.fields[name]
            weight = _WEIGHT_BITS[self.weight_letters[name]]
            for form, word_lemmas in zip(field.forms, field.lemmas, strict=True):
                position += 1
                if position >= MAX_POSITION:
                    _add_at_the_end(form_positions, form, _POSITION_BYTES[MAX_POSITION | weight])
                    for lemma in word_lemmas:
                        _add_at_the_end(lemma_positions, lemma, _POSITION_BYTES[MAX_POSITION | weight])
                    continue
                at = _POSITION_BYTES[position | weight]
                positions = form_positions.get(form)
                if positions is None:
                    form_positions[form] = [at]
                else:
                    positions.append(at)
                for lemma in word_lemmas:
                    positions = lemma_positions.get(lemma)
                    if positions is None:
                        lemma_positions[lemma] = [at]
                    else:
                        positions.append(at)
            position += 1  # phrases never span two fields
        for period in period_lexemes(published_at):
            lemma_positions[period] = []
        return _binary_vector(lemma_positions), _binary_vector(form_positions)

    prepare = vectors

    def write_many(self, rows: list[tuple[int, tuple[bytes, bytes]]]) -> None:
        """Store prepared rows (page id, vectors()) in their SearchDocument rows: one
        statement for the lot, the vectors sent in binary."""
        connection.ensure_connection()
        # Django's cursors put parameters into the SQL text; this one sends them apart,
        # so the vectors can go as binary tsvectors (every bytes parameter here is one).
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.adapters.register_dumper(bytes, _TsvectorDumper)
            cursor.execute(
                "UPDATE search_searchdocument d SET vector = v.vector, forms = v.forms "
                "FROM unnest(%b::integer[], %b::tsvector[], %b::tsvector[]) AS v(page_id, vector, forms) "
                "WHERE d.page_id = v.page_id",
                [
                    [page_id for page_id, _v in rows],
                    [vector for _id, (vector, _forms) in rows],
                    [forms for _id, (_vector, forms) in rows],
                ],
            )

    def stored_forms_many(self, page_ids: list[int]) -> dict[int, set[str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id, tsvector_to_array(forms) FROM search_searchdocument "
                "WHERE page_id = ANY(%s) AND forms IS NOT NULL",
                [list(page_ids)],
            )
            return {page_id: set(forms) for page_id, forms in cursor.fetchall()}

    def delete(self, page_id: int) -> None:
        """The vectors go with their SearchDocument row."""

    def lemma_query(self, query: ParsedQuery) -> str:
        """What the GIN index answers alone: each word by any of its lemmas, a phrase's
        words anywhere, and no excluded phrases (those need the forms)."""

        def terms(c: Clause) -> str:
            return " & ".join("(" + " | ".join(_lexeme(w) for w in t.lemmas) + ")" for t in c.terms)

        positive = " & ".join(terms(c) for c in query.positive)
        negative = "".join(f" & !({terms(c)})" for c in query.negative if not c.phrase)
        return f"({positive}){negative}"

    def phrase_query(self, query: ParsedQuery) -> str | None:
        """The phrases, as forms in order, and the excluded phrases; None if there are none."""
        phrases = [c for c in query.clauses if c.phrase]
        if not phrases:
            return None
        return " & ".join(
            ("!" if c.negated else "") + "(" + " <-> ".join(_lexeme(t.form) for t in c.terms) + ")"
            for c in phrases
        )

    def form_query(self, query: ParsedQuery) -> str:
        """Every form the reader typed, for ranking: an article with them as written
        scores above one with only other forms of the words."""
        return " | ".join(_lexeme(t.form) for c in query.positive for t in c.terms)

    def search(self, query: ParsedQuery, *, restrict, limit: int, offset: int, now: datetime, language=None):
        # ts_rank reads each ranked article's two vectors (about 9 KB) from TOAST, so only the
        # newest RANK_LIMIT matches are ranked; finding them is newest_matches()'s job.
        ids = self.newest_matches(query, restrict)[:RANK_LIMIT]
        if not ids:
            return []
        sql = (
            f"SELECT d.page_id, (ts_rank(%s, d.vector, q, 1) + ts_rank(%s, d.forms, f, 1)) * "
            f"(1.0 + {RECENCY_BOOST} * {RECENCY_DAYS} / ({RECENCY_DAYS} + "
            f"greatest(0.0, extract(epoch FROM (%s - d.published_at)) / 86400.0))) * {LANGUAGE_FACTOR.format(other=OTHER_LANGUAGE)} AS score "
            f"FROM search_searchdocument d LEFT JOIN news_articlepage a ON a.page_ptr_id = d.page_id, "
            f"CAST(%s AS tsquery) q, CAST(%s AS tsquery) f WHERE d.page_id = ANY(%s) "
            f"ORDER BY score DESC, d.published_at DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    self.rank_weights,
                    self.rank_weights,
                    now,
                    language or "",
                    self.lemma_query(query),
                    self.form_query(query),
                    ids,
                    limit,
                    offset,
                ],
            )
            return cursor.fetchall()

    def count(self, query: ParsedQuery, *, restrict) -> int:
        """How many articles match, up to RANK_LIMIT + 1 (meaning "more than RANK_LIMIT")."""
        return len(self.newest_matches(query, restrict))

    def newest_matches(self, query: ParsedQuery, restrict=None) -> list[int]:
        """The ids of the newest RANK_LIMIT + 1 matches, newest first.

        Asked of the whole archive, a word found in half a million articles returns half a
        million ids to be sorted by date: half a second at a million articles. So the
        query first asks for matches published on the newest day, and widens the period
        (by the rate of matches it found, at most eightfold) until it holds more than
        RANK_LIMIT matches or is the whole archive. Matches outside a period are older
        than every article in it, so the newest ones found there are the newest overall
        (periods.py; docs/search.md).
        """
        lemmas, phrases = self.lemma_query(query), self.phrase_query(query)
        key = (lemmas, phrases, repr(restrict))
        if key not in self._newest:
            self._newest[key] = self._find_newest(lemmas, phrases, restrict)
        return self._newest[key]

    def _find_newest(self, lemmas: str, phrases: str | None, restrict) -> list[int]:
        with transaction.atomic(), connection.cursor() as cursor:
            self._use_the_index(cursor)
            cursor.execute("SELECT min(published_at), max(published_at) FROM search_searchdocument")
            oldest, newest = cursor.fetchone()
            if newest is None:
                return []
            last = newest.astimezone(UTC).date()
            span = (last - oldest.astimezone(UTC).date()).days + 1
            days: int | None = FIRST_PERIOD_DAYS if span > FIRST_PERIOD_DAYS else None
            while True:
                period = "" if days is None else " & (" + " | ".join(
                    _lexeme(p) for p in period_cover(last - timedelta(days=days - 1), last)
                ) + ")"  # fmt: skip
                if phrases is None:
                    ids = self._probe(cursor, lemmas + period, restrict, RANK_LIMIT + 1)
                else:
                    ids = self._probe_phrases(cursor, lemmas + period, phrases, restrict)
                if days is None or len(ids) > RANK_LIMIT:
                    return ids
                days = _wider_period(days, len(ids), span)

    def _probe(self, cursor, tsquery: str, restrict, limit: int, phrases: str | None = None) -> list[int]:
        """The newest ``limit`` matches of ``tsquery`` (lemmas), found through the GIN
        index, that also have ``phrases`` in their forms."""
        where, params = self._where(restrict)
        if phrases is not None:
            where += " AND d.forms @@ CAST(%s AS tsquery)"
            params.append(phrases)
        # MATERIALIZED: find the matches through the GIN index first. Otherwise the
        # planner may walk the published_at index newest first and test (and detoast)
        # every article's vector until it has enough.
        cursor.execute(
            f"WITH hits AS MATERIALIZED (SELECT d.page_id, d.published_at "
            f"FROM search_searchdocument d, CAST(%s AS tsquery) q WHERE {where}) "
            f"SELECT page_id FROM hits ORDER BY published_at DESC, page_id DESC LIMIT {limit}",
            [tsquery, *params],
        )
        return [row[0] for row in cursor.fetchall()]

    def _probe_phrases(self, cursor, lemmas: str, phrases: str, restrict) -> list[int]:
        """Like _probe, for a query with phrases. Phrases are checked on the forms, which
        have no index, so each candidate must be read: the index gives the candidates
        (the phrase's words anywhere), newest first, and they are checked in that order
        only until enough match, not all of them."""
        wanted = RANK_LIMIT + 1
        most = PHRASE_CANDIDATES * wanted
        candidates = self._probe(cursor, lemmas, restrict, most)
        found: list[int] = []
        checked = 0
        while checked < len(candidates) and len(found) < wanted:
            # As many as the share of candidates matching so far says are needed, +10%.
            share = len(found) / checked if found else 1.0
            size = max(100, int((wanted - len(found)) / share * 1.1))
            chunk = candidates[checked : checked + size]
            cursor.execute(
                "SELECT page_id FROM search_searchdocument "
                "WHERE page_id = ANY(%s) AND forms @@ CAST(%s AS tsquery)",
                [chunk, phrases],
            )
            matched = {row[0] for row in cursor.fetchall()}
            found += [page_id for page_id in chunk if page_id in matched]
            checked += len(chunk)
        if len(found) < wanted and len(candidates) == most:
            # The phrase is rare among its words' many articles: check them all.
            return self._probe(cursor, lemmas, restrict, wanted, phrases)
        return found[:wanted]

    @staticmethod
    def _use_the_index(cursor):
        # For a word in most articles the planner prefers reading the table, which means
        # detoasting every vector to test it: 12 s at a million articles, against 0.2 s
        # through the GIN index (whose bitmap needs no recheck). Never scan the vectors.
        cursor.execute("SET LOCAL enable_seqscan = off")

    def _where(self, restrict):
        where, params = "d.vector @@ q", []
        if restrict is not None:
            sub_sql, sub_params = restrict
            where += f" AND d.page_id IN ({sub_sql})"
            params += list(sub_params)
        return where, params


# A word position in a binary tsvector: 14 bits of position under 2 of weight (A = 3 …
# D = 0), big-endian; made once.
_WEIGHT_BITS = {"A": 3 << 14, "B": 2 << 14, "C": 1 << 14, "D": 0}
_POSITION_BYTES = [n.to_bytes(2, "big") for n in range(1 << 16)]
_AT_THE_END = frozenset(_POSITION_BYTES[MAX_POSITION | bits] for bits in _WEIGHT_BITS.values())
# What follows a lexeme: its NUL terminator and its number of positions.
_LEXEME_END = [b"\0" + n.to_bytes(2, "big") for n in range(MAX_POSITIONS_PER_LEXEME + 1)]


def _add_at_the_end(positions: dict[str, list[bytes]], lexeme: str, at: bytes) -> None:
    # Past MAX_POSITION every word shares that position; PostgreSQL takes each position
    # of a lexeme once, and the first field's (the highest) weight is the one to keep.
    found = positions.get(lexeme)
    if found is None:
        positions[lexeme] = [at]
    elif found[-1] not in _AT_THE_END:
        found.append(at)


def _binary_vector(positions: dict[str, list[bytes]]) -> bytes:
    """A tsvector as PostgreSQL sends it (tsvectorsend): the number of lexemes, then each
    lexeme in byte order with a NUL, its number of positions and the positions in order.
    PostgreSQL takes it in without parsing: a COPY of 2,000 articles' vectors took 0.37 s
    this way and 0.69 s as text (bench/README.md). Python's order of strings is UTF-8's
    byte order, which is the order PostgreSQL keeps. PostgreSQL keeps at most
    MAX_POSITIONS_PER_LEXEME positions of a lexeme."""
    out = [len(positions).to_bytes(4, "big")]
    for lexeme in sorted(positions):
        at = positions[lexeme]
        if len(at) > MAX_POSITIONS_PER_LEXEME:
            at = at[:MAX_POSITIONS_PER_LEXEME]
        out.append(lexeme.encode())
        out.append(_LEXEME_END[len(at)])
        out.extend(at)
    return b"".join(out)


class _TsvectorDumper(psycopg.adapt.Dumper):
    """Sends bytes made by _binary_vector() as a tsvector, as they are."""

    format = psycopg.pq.Format.BINARY
    oid = psycopg.postgres.types["tsvector"].oid

    def dump(self, obj):
        return obj


def chunks(items: list, size: int = 5000):
    # SQLite takes at most 32,766 parameters in one statement.
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "") + "'"


def _wider_period(days: int, found: int, span: int) -> int | None:
    """The next period to ask (None: the whole archive): long enough, at the rate of
    matches found so far, to hold RANK_LIMIT + 1 with room to spare, but at most eight
    times the last. The GIN index walks the shorter of the words' lists and the period's
    articles: a period far longer than needed (guessed from two matches in a day) costs
    a walk through a large part of the archive."""
    wanted = days * 1.5 * (RANK_LIMIT + 1) / found if found else days * PERIOD_GROWTH
    wanted = math.ceil(min(max(wanted, days * 2), days * PERIOD_GROWTH))
    return None if wanted >= span else wanted


def get_backend() -> Fts5Backend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return Fts5Backend()
    raise NotImplementedError(f"Vestnik search supports SQLite and PostgreSQL, not {connection.vendor}")
