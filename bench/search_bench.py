"""Search at scale: N synthetic articles in the real index tables, timed queries.

Builds a fresh database (SQLite file under var/bench/, and PostgreSQL database
`vestnik_bench` when BENCH_POSTGRES_URL is set), migrates it, writes N articles straight
into the index tables with the same backend code the site uses (the article pages
themselves are not created: the engine query is what grows with N; loading the ten
shown articles does not), then times each query's results page (top 10 + total count).

The reference, measured in the same run on the same data: a WordPress-style search,
`LIKE '%word%'` over the article text, which is what WordPress's own search does.

Usage: python bench/search_bench.py [--articles N] [--repeat R] [--json PATH]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("rare word", "шахтёрами"),
    ("common word", "президента"),
    ("two words", "правительство решение"),
    ("phrase", '"в течение"'),
    ("with minus", "министр -выборы"),
    ("Kazakh", "балаларға"),
]
TITLE, LEAD, BODY, META = 8, 25, 220, 4


def dictionary_forms() -> dict[str, list[str]]:
    """A seventh of pymorphy3's word forms by lemma (a minute to read; cached in var/bench)."""
    cache = ROOT / "var" / "bench" / "dictionary-forms.json"
    if cache.exists():
        return json.loads(cache.read_text())
    import pymorphy3

    forms: dict[str, list[str]] = {}
    for i, (word, _tag, normal, *_rest) in enumerate(pymorphy3.MorphAnalyzer().dictionary.iter_known_words()):
        if i % 7 == 0 and word.isalpha() and len(word) > 2:
            known = forms.setdefault(normal, [])
            if len(known) < 3:  # three forms a lemma: the lemmatizer's cache holds them all
                known.append(word)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(forms, ensure_ascii=False))
    return forms


def vocabulary(size: int, seed: int):
    """Lemmas of the dictionary with their forms; Zipf-weighted like real text."""
    forms = dictionary_forms()
    lemmas = sorted(forms)
    random.Random(seed).shuffle(lemmas)
    # Make sure the benchmark's query words exist with a realistic frequency.
    for rank, lemma in [(40, "президент"), (60, "правительство"), (120, "решение"), (150, "министр"),
                        (300, "выборы"), (2000, "шахтёр"), (5, "в"), (80, "течение")]:  # fmt: skip
        if lemma in forms:
            lemmas.remove(lemma)
        else:
            forms[lemma] = [lemma]
        lemmas.insert(rank, lemma)
    for lemma, extra in [("президент", ["президента", "президенту"]), ("шахтёр", ["шахтёрами", "шахтёров"]),
                         ("течение", ["течение"]), ("в", ["в"])]:  # fmt: skip
        forms[lemma] = list(dict.fromkeys(forms[lemma] + extra))
    lemmas = lemmas[:size]
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(lemmas))))
    return lemmas, forms, cumulative


def documents(n: int, seed: int = 7):
    from vestnik.core.text.lemmas import lemmas as lemmatize
    from vestnik.search.documents import AnalysedDocument, AnalysedField

    rng = random.Random(seed)
    lemma_list, forms, cumulative = vocabulary(60_000, seed)
    kazakh = ["балалар", "балаларға", "мектеп", "мектептерде", "қала", "қаланың", "үкімет"]
    now = dt.datetime.now(dt.UTC)
    for page_id in range(1, n + 1):
        fields = {}
        texts = {}
        for name, length in (("title", TITLE), ("lead", LEAD), ("meta", META), ("body", BODY)):
            picked = rng.choices(lemma_list, cum_weights=cumulative, k=length)
            words = [rng.choice(forms[lemma]).replace("ё", "е") for lemma in picked]
            if name == "body" and page_id % 50 == 0:
                words[:3] = rng.sample(kazakh, 3)
            fields[name] = AnalysedField(words, [lemmatize(w) for w in words])
            texts[name] = " ".join(words)
        yield page_id, now - dt.timedelta(minutes=page_id), AnalysedDocument(fields), texts


def setup_django(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load(n: int, progress_every: int = 20_000) -> float:
    from django.db import connection, transaction

    from vestnik.search.backends import get_backend

    backend = get_backend()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("CREATE TABLE IF NOT EXISTS bench_text (page_id INTEGER PRIMARY KEY, body TEXT)")
        else:
            cursor.execute("SET session_replication_role = replica")  # no FK to the absent pages
            cursor.execute("CREATE TABLE IF NOT EXISTS bench_text (page_id bigint PRIMARY KEY, body text)")
    started = time.perf_counter()
    batch = []

    def flush():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_searchdocument (page_id, revision_id, published_at, indexed_at) "
                "VALUES (%s, 1, %s, %s)",
                [(pid, when, when) for pid, when, _doc, _t in batch],
            )
            cursor.executemany(
                "INSERT INTO bench_text (page_id, body) VALUES (%s, %s)",
                [(pid, " ".join(t.values())) for pid, _w, _d, t in batch],
            )
            for pid, _when, doc, _t in batch:
                backend.write(pid, doc)
        batch.clear()

    for item in documents(n):
        batch.append(item)
        if len(batch) == 2000:
            flush()
        if item[0] % progress_every == 0:
            rate = item[0] / (time.perf_counter() - started)
            print(f"  {connection.vendor}: {item[0]:,}/{n:,} articles, {rate:,.0f}/s", file=sys.stderr)
    if batch:
        flush()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    return time.perf_counter() - started


def timed(fn, repeat: int) -> dict:
    fn()  # warm the caches once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": statistics.median(times), "max_ms": max(times), "value": value}


def measure(repeat: int) -> list[dict]:
    from django.db import connection
    from django.utils import timezone

    from vestnik.search.backends import get_backend
    from vestnik.search.query import parse_query

    backend = get_backend()
    rows = []
    for label, text in QUERIES:
        query = parse_query(text)

        def page(query=query):
            hits = backend.search(query, restrict=None, limit=10, offset=0, now=timezone.now())
            return backend.count(query, restrict=None), len(hits)

        # WordPress: each word (or quoted phrase) as LIKE '%…%', a minus as NOT LIKE.
        conditions, params = [], []
        for clause in query.clauses:
            conditions.append("body NOT LIKE %s" if clause.negated else "body LIKE %s")
            params.append("%" + " ".join(t.form for t in clause.terms) + "%")

        where = " AND ".join(conditions)

        def like(where=where, params=params):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM bench_text WHERE {where}", params)
                return cursor.fetchone()[0], None

        ours, ref = timed(page, repeat), timed(like, max(1, repeat // 3))
        rows.append({
            "engine": connection.vendor, "query": label, "text": text,
            "found": ours["value"][0], "p50_ms": round(ours["p50_ms"], 1), "max_ms": round(ours["max_ms"], 1),
            "like_found": ref["value"][0], "like_p50_ms": round(ref["p50_ms"], 1),
        })  # fmt: skip
    return rows


def run_engine(database_url: str, n: int, repeat: int) -> dict:
    setup_django(database_url)
    load_seconds = load(n)
    return {"load_seconds": round(load_seconds, 1), "rows": measure(repeat)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", "1000000")))
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

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
    result = {"articles": args.articles, "engine": args.engine, **run_engine(url, args.articles, args.repeat)}
    print(json.dumps(result, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
