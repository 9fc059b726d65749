"""Search at scale: build the index of N generated articles and time a fixed query mix.

One engine per process (`--engine sqlite|postgresql`), on a fresh database: a SQLite file
under var/bench/ or the PostgreSQL database `vestnik_bench`. Articles are generated as
Russian text from pymorphy3's dictionary (lemmas drawn with Zipf frequencies, each in
one of its real inflected forms, in sentences with punctuation; some fixed phrases and
Kazakh sentences planted so the phrase and Kazakh queries have something to find).

Index build: the site's own code (documents.analyse → backend) for every article; on
PostgreSQL the rows go in by COPY and the GIN index is built after the load, as a full
rebuild would. Generating the text is not counted. Article pages themselves are not
created: the engine query is what grows with N, loading the ten shown articles does not.

Reference, in the same run on the same texts:
- PostgreSQL: the built-in 'russian' configuration (snowball stemmer), a stored tsvector
  with a GIN index, `websearch_to_tsquery`, ts_rank, top 10 + count;
- SQLite: `LIKE '%word%'` per word, which is WordPress's own search.

Prints one JSON object (and writes it with --json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIELD_WORDS = {"title": 9, "lead": 28, "meta": 4, "body": 230}
PHRASES = ["в течение недели", "по словам министра", "правительство республики", "в ближайшее время",
           "на территории страны"]  # fmt: skip
KAZAKH = ["Алматыда жаңа мектептер ашылды", "Балаларға арналған орталық қаланың шетінде",
          "Үкімет отырысында мектептердің жағдайы талқыланды"]  # fmt: skip
# The fixed query mix: words by their frequency rank in the generated text (1 = most
# common), then phrases and Kazakh. Ranks, not words, so any vocabulary gives a mix of
# common and rare words; the words themselves are reported.
ONE_WORD_RANKS = [10, 30, 120, 400, 1500, 5000, 12000, 25000, 45000]
TWO_WORD_RANKS = [(60, 300), (200, 2000), (800, 9000), (3000, 20000), (150, 150 + 7), (40, 30000)]
THREE_WORD_RANKS = [(50, 400, 3000), (100, 1000, 10000), (700, 4000, 20000), (90, 95, 99)]
TEXT_QUERIES = ['"в течение недели"', '"по словам министра"', '"правительство республики"',
                '"на территории страны"', "мектептер", "мектеп үкімет", "министр -правительство"]  # fmt: skip


def dictionary_forms() -> dict[str, list[str]]:
    """Up to three forms per lemma from pymorphy3's dictionary (cached in var/bench)."""
    cache = ROOT / "var" / "bench" / "dictionary-forms.json"
    if cache.exists():
        return json.loads(cache.read_text())
    import pymorphy3

    forms: dict[str, list[str]] = {}
    for i, (word, _tag, normal, *_rest) in enumerate(pymorphy3.MorphAnalyzer().dictionary.iter_known_words()):
        if i % 7 == 0 and word.isalpha() and len(word) > 2:
            known = forms.setdefault(normal, [])
            if len(known) < 3:
                known.append(word)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(forms, ensure_ascii=False))
    return forms


def demo_vocabulary() -> list[tuple[str, list[str]]]:
    """Lemmas of the demo newsroom's real articles, most frequent first, with their forms."""
    from collections import Counter

    from vestnik.core.text.lemmas import lemmas, word_forms

    data = json.loads((ROOT / "vestnik" / "demo" / "data" / "articles.json").read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    seen: dict[str, list[str]] = {}
    for article in data["articles"]:
        for form in word_forms(" ".join(str(v) for v in article.values())):
            if form.isalpha():
                lemma = lemmas(form)[0]
                counts[lemma] += 1
                if form not in seen.setdefault(lemma, []):
                    seen[lemma].append(form)
    return [(lemma, seen[lemma]) for lemma, _count in counts.most_common()]


class Generator:
    """Russian-looking text: the demo articles' real words at the top of the frequency
    list (so "в", "и", "правительство" are common), the dictionary's long tail below."""

    def __init__(self, seed: int = 7, size: int = 60_000):
        forms = dictionary_forms()
        tail = sorted(forms)
        random.Random(seed).shuffle(tail)
        head = demo_vocabulary()
        forms.update(dict(head))
        known = {lemma for lemma, _ in head}
        self.lemmas = ([lemma for lemma, _ in head] + [x for x in tail if x not in known])[:size]
        self.forms = forms
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.lemmas))))
        self.rng = random.Random(seed)

    def word_at_rank(self, rank: int) -> str:
        """The most frequent word at or below this rank that a query would keep."""
        from vestnik.core.text.stopwords import STOP_WORDS

        for lemma in self.lemmas[rank - 1 :]:
            form = self.forms[lemma][0]
            if form not in STOP_WORDS and lemma not in STOP_WORDS:
                return form
        raise ValueError(f"no content word at rank {rank} or below")

    def text(self, n: int) -> str:
        rng = self.rng
        words = [
            rng.choice(self.forms[lemma])
            for lemma in rng.choices(self.lemmas, cum_weights=self.cumulative, k=n)
        ]
        out, sentence = [], 0
        for word in words:
            if sentence == 0:
                word = word.capitalize()
            sentence += 1
            if sentence > 8 and rng.random() < 0.15:
                word += "."
                sentence = 0
            elif rng.random() < 0.05:
                word += ","
            out.append(word)
        return " ".join(out) + "."

    def article(self, page_id: int) -> dict[str, str]:
        texts = {name: self.text(n) for name, n in FIELD_WORDS.items()}
        if page_id % 7 == 0:
            texts["body"] += " " + PHRASES[page_id % len(PHRASES)].capitalize() + " всё изменится."
        if page_id % 50 == 0:
            texts["body"] = KAZAKH[page_id % len(KAZAKH)] + ". " + texts["body"]
        return texts


def query_mix(generator: Generator) -> list[tuple[str, str]]:
    mix = [("1 word", generator.word_at_rank(r)) for r in ONE_WORD_RANKS]
    mix += [("2 words", " ".join(generator.word_at_rank(r) for r in ranks)) for ranks in TWO_WORD_RANKS]
    mix += [("3 words", " ".join(generator.word_at_rank(r) for r in ranks)) for ranks in THREE_WORD_RANKS]
    mix += [("phrase" if text.startswith('"') else "other", text) for text in TEXT_QUERIES]
    return mix


def setup_django(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _prepared(texts: dict[str, str], published_at: dt.datetime):
    """The engine's row for one article (PostgreSQL: the two binary tsvectors)."""
    from vestnik.search.backends import get_backend
    from vestnik.search.documents import analyse

    return get_backend().prepare(analyse(texts), published_at)


def build(n: int, generator: Generator, workers: int) -> dict:
    """Index n articles with the site's own code; returns timings and sizes."""
    from django.db import connection, transaction

    from vestnik.search.backends import get_backend

    backend = get_backend()
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SET session_replication_role = replica")  # no FK to the absent pages
            cursor.execute("DROP INDEX IF EXISTS search_document_vector_gin")
            cursor.execute("CREATE TABLE bench_text (page_id bigint PRIMARY KEY, body text)")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("CREATE TABLE bench_text (page_id INTEGER PRIMARY KEY, body TEXT)")
    now = dt.datetime.now(dt.UTC)
    indexing = generating = 0.0

    def write(batch):
        """Store one batch: [(page_id, published_at, the engine's row)]."""
        if postgres:
            with connection.connection.cursor() as cursor, transaction.atomic():
                with cursor.copy(
                    "COPY search_searchdocument (page_id, revision_id, published_at, indexed_at, vector, forms) "
                    "FROM STDIN (FORMAT BINARY)"
                ) as copy:
                    # The vectors are PostgreSQL's binary tsvectors already (vectors()).
                    copy.set_types(["int4", "int8", "timestamptz", "timestamptz", "bytea", "bytea"])
                    for page_id, when, (vector, forms) in batch:
                        copy.write_row((page_id, 1, when, when, vector, forms))
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO search_searchdocument (page_id, revision_id, published_at, indexed_at) VALUES (%s, 1, %s, %s)",
                    [(page_id, when, when) for page_id, when, _d in batch],
                )
                backend.write_many([(page_id, row) for page_id, _when, row in batch])

    def write_reference(ids, texts):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO bench_text (page_id, body) VALUES (%s, %s)",
                [(page_id, " ".join(t.values())) for page_id, t in zip(ids, texts, strict=True)],
            )

    last_report = time.perf_counter()
    # Lemmatizing and making the engine's rows runs in a process per core, as
    # `rebuild_search_index --workers` does, while this process writes the previous
    # batch; generating the text and the reference's rows is not counted.
    with ProcessPoolExecutor(workers) as pool:
        previous = None
        for start in range(1, n + 2001, 2000):
            ids = range(start, min(n, start + 1999) + 1)
            started = time.perf_counter()
            texts = [generator.article(page_id) for page_id in ids]
            dates = [now - dt.timedelta(minutes=page_id) for page_id in ids]
            if texts:
                write_reference(ids, texts)
            generating += time.perf_counter() - started
            started = time.perf_counter()
            results = pool.map(_prepared, texts, dates, chunksize=50)
            if previous:
                write(previous)
            previous = list(zip(ids, dates, results, strict=True))
            indexing += time.perf_counter() - started
            if time.perf_counter() - last_report > 30 and texts:
                last_report = time.perf_counter()
                print(f"  {connection.vendor}: {ids[-1]:,}/{n:,}, indexing {ids[-1] / indexing:,.0f} articles/s",
                      file=sys.stderr)  # fmt: skip

    result = {"generating_s": round(generating, 1), "rows_s": round(indexing, 1)}
    with connection.cursor() as cursor:
        if postgres:
            started = time.perf_counter()
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute(
                "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)"
            )
            result["gin_s"] = round(time.perf_counter() - started, 1)
            indexing += time.perf_counter() - started
            started = time.perf_counter()
            cursor.execute("ALTER TABLE bench_text ADD COLUMN ts tsvector "
                           "GENERATED ALWAYS AS (to_tsvector('russian', body)) STORED")  # fmt: skip
            cursor.execute("CREATE INDEX bench_text_ts ON bench_text USING gin (ts)")
            result["reference_build_s"] = round(time.perf_counter() - started, 1)
            cursor.execute("VACUUM ANALYZE search_searchdocument")
            cursor.execute("VACUUM ANALYZE bench_text")
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchdocument'), pg_total_relation_size('bench_text')"
            )
            ours, reference = cursor.fetchone()
            result["index_mb"] = round(ours / 2**20)
            result["reference_mb"] = round(reference / 2**20)
        else:
            started = time.perf_counter()
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            indexing += time.perf_counter() - started
            cursor.execute("ANALYZE")
            cursor.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_fts%' OR name LIKE 'search_searchdocument%'"
            )
            result["index_mb"] = round((cursor.fetchone()[0] or 0) / 2**20)
    result["indexing_s"] = round(indexing, 1)
    result["articles_per_s"] = round(n / indexing)
    return result


def percentiles(times: list[float]) -> dict:
    ordered = sorted(times)

    def at(p):
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1)

    return {"p50_ms": at(50), "p95_ms": at(95), "p99_ms": at(99), "runs": len(ordered)}


def measure(mix, repeat: int, reference_repeat: int | None = None) -> dict:
    from django.db import connection
    from django.utils import timezone

    from vestnik.search.backends import get_backend
    from vestnik.search.query import parse_query

    postgres = connection.vendor == "postgresql"
    ours: list[float] = []
    reference: list[float] = []
    queries = []
    for kind, text in mix:
        query = parse_query(text)

        def page(query=query):
            # A new backend per page, as each search request has: nothing carries over.
            backend = get_backend()
            found = backend.count(query, restrict=None)
            hits = backend.search(query, restrict=None, limit=10, offset=0, now=timezone.now())
            return found, len(hits)

        if postgres:

            def ref(text=text):
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT page_id FROM bench_text, websearch_to_tsquery('russian', %s) q WHERE ts @@ q "
                        "ORDER BY ts_rank(ts, q) DESC LIMIT 10",
                        [text],
                    )
                    cursor.fetchall()
                    cursor.execute(
                        "SELECT count(*) FROM bench_text WHERE ts @@ websearch_to_tsquery('russian', %s)",
                        [text],
                    )
                    return cursor.fetchone()[0]
        else:
            conditions, params = [], []
            for clause in query.clauses:
                conditions.append("body NOT LIKE %s" if clause.negated else "body LIKE %s")
                params.append("%" + " ".join(t.form for t in clause.terms) + "%")
            where = " AND ".join(conditions)

            def ref(where=where, params=params):
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT count(*) FROM bench_text WHERE {where}", params)
                    return cursor.fetchone()[0]

        found = page()[0]  # warm-up, and the count to report
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            page()
            times.append((time.perf_counter() - started) * 1000)
        ours += times
        ref_found = ref()
        ref_times = []
        # LIKE scans everything: once is enough; the 'russian' reference takes seconds per
        # common word, so --reference-repeat can time it fewer times than ours.
        for _ in range((reference_repeat or repeat) if postgres else 1):
            started = time.perf_counter()
            ref()
            ref_times.append((time.perf_counter() - started) * 1000)
        reference += ref_times
        queries.append({"kind": kind, "text": text, "found": found, "p50_ms": round(statistics.median(times), 1),
                        "reference_found": ref_found, "reference_p50_ms": round(statistics.median(ref_times), 1)})  # fmt: skip
    return {"ours": percentiles(ours), "reference": percentiles(reference), "queries": queries}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument(
        "--reference-repeat", type=int, help="times to run each reference query (default: --repeat)"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="lemmatizing processes")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--measure-only", type=Path, metavar="EARLIER_JSON",
                        help="reuse the database and build figures of an earlier run; time the queries again")  # fmt: skip
    args = parser.parse_args()

    if args.measure_only:
        earlier = json.loads(args.measure_only.read_text())
        if args.engine == "sqlite":
            url = f"sqlite:///{ROOT / 'var' / 'bench' / f'search-{args.articles}.sqlite3'}"
        else:
            base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
            url = base.rsplit("/", 1)[0] + "/vestnik_bench"
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings.dev")
        import django

        django.setup()
        result = {k: v for k, v in earlier.items() if k not in ("ours", "reference", "queries")}
        result.update(measure(query_mix(Generator()), args.repeat, args.reference_repeat))
        print(json.dumps(result, ensure_ascii=False))
        if args.json:
            args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))
        return

    if args.engine == "sqlite":
        path = ROOT / "var" / "bench" / f"search-{args.articles}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        import psycopg

        base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS vestnik_bench")
            conn.execute("CREATE DATABASE vestnik_bench")
        url = base.rsplit("/", 1)[0] + "/vestnik_bench"
    setup_django(url)
    generator = Generator()
    mix = query_mix(generator)
    result = {"engine": args.engine, "articles": args.articles, "workers": args.workers,
              **build(args.articles, generator, args.workers)}  # fmt: skip
    result.update(measure(mix, args.repeat, args.reference_repeat))
    text = json.dumps(result, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
