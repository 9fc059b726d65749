"""Query plans of every public page at 1,000,000 articles on PostgreSQL.

Builds `vestnik_bench_plans` with the HTTP benchmark's site builder (the demo newsroom
multiplied by SQL, http_site.py), then renders each public page once in this process
with the page cache off, captures its SQL, and runs EXPLAIN (ANALYZE, BUFFERS) on every
SELECT — of the first view (its own cached data empty, as for an article in the long tail)
and of the next one (warm). Reported per page: queries, the slowest query's time, and any
sequential scan of a table that grows with the archive (pages, articles, bylines, tags,
search rows, entity links) — each of which is a missing index.

Usage: python bench/query_plans.py [--articles N] [--reuse-database] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DATABASE = "vestnik_bench_plans"
BIG_TABLES = ("wagtailcore_page", "news_articlepage", "news_articleauthor", "news_articletag",
              "search_searchdocument", "news_articlepage_extra_rubrics", "wagtailcore_revision",
              "entities_mention", "entities_relatedarticle", "entities_timelinelink")  # fmt: skip


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "vestnik.settings.dev"
    os.environ["VESTNIK_PAGE_CACHE"] = "0"
    os.environ["VESTNIK_LOG_LEVEL"] = "WARNING"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    import django

    django.setup()
    from django.test.utils import override_settings

    # Templates name static files; no collectstatic manifest is needed to read query plans.
    storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                                "staticfiles": storage}).enable()  # fmt: skip


def pages(urls: dict) -> dict[str, str]:
    return {
        "article": urls["article"],
        "archive article": urls["archive_article"],
        "home": "/",
        "rubric": urls["rubric"],
        "rubric, page 500": urls["rubric"] + "?page=500",
        "author": urls["author"],
        "tag": None,  # filled below from the database
        "search": "/search/?q=правительство",
        "rss": "/feeds/rss/",
        "rubric rss": "/feeds/rubric/" + urls["rubric"].strip("/") + "/rss/",
        "sitemap index": "/sitemap.xml",
        "news sitemap": "/news-sitemap.xml",
    }


def explain(cursor, sql: str, params) -> tuple[float, list[str], str]:
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) " + sql, params)
    plan = "\n".join(row[0] for row in cursor.fetchall())
    took = float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))
    seq = sorted({t for t in BIG_TABLES if re.search(rf"Seq Scan on {t}\b", plan)})
    return took, seq, plan


def measure_page(client, path: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as cold:  # the page's own cached data empty
        client.get(path)  # …and it fills them, with the shared ones (menu, site, settings)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        wall = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    queries, seen = [], set()
    with connection.cursor() as cursor:
        for query in [*cold.captured_queries, *captured.captured_queries]:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or sql in seen:
                continue
            seen.add(sql)
            took, seq, plan = explain(cursor.cursor, sql, None)
            queries.append({"sql": sql[:300], "ms": took, "seq_scans": seq, "plan": plan})
    slowest = max(queries, key=lambda q: q["ms"], default=None)
    return {
        "path": path,
        "wall_ms": round(wall, 1),
        "queries": len(captured.captured_queries),
        "first_view_queries": len(cold.captured_queries),
        "slowest_ms": round(slowest["ms"], 2) if slowest else 0,
        "slowest_sql": slowest["sql"] if slowest else "",
        "slowest_plan": slowest["plan"] if slowest else "",
        "seq_scans": sorted({t for q in queries for t in q["seq_scans"]}),
    }


def run(*, articles: int, reuse: bool) -> dict:
    import http_site

    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    url = server.rsplit("/", 1)[0] + "/" + DATABASE
    built = None
    if not reuse:
        url = http_site.recreate_database(server, DATABASE)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "vestnik.settings.dev"}
        built = http_site.build(database_url=url, env=env, articles=articles)
    urls = http_site.pick_urls(url)
    setup(url)
    from django.test import Client

    from vestnik.news.models import Tag

    paths = pages(urls)
    paths["tag"] = f"/tag/{Tag.objects.order_by('-tagged_articles__id').values_list('slug', flat=True)[0]}/"
    # The article sitemap's last page: the one an OFFSET made the slowest.
    paths["last article sitemap page"] = f"/sitemap-articles.xml?p={-(-urls['live_articles'] // 50_000)}"
    # A first view must find the caches empty, also when the database is reused.
    from django.core.cache import cache

    cache.clear()
    client = Client()
    results = {name: measure_page(client, path) for name, path in paths.items()}
    return {"articles": urls["live_articles"], "build": built, "pages": results}


def report(result: dict) -> str:
    lines = [
        f"Query plans at {result['articles']:,} live articles (PostgreSQL, page cache off)",
        "| page | queries (first view) | wall ms | slowest query ms | sequential scans of big tables |",
        "|---|---|---|---|---|",
    ]
    for name, row in result["pages"].items():
        seq = ", ".join(row["seq_scans"]) or "none"
        queries = f"{row['queries']} ({row.get('first_view_queries', '?')})"
        lines.append(f"| {name} | {queries} | {row['wall_ms']} | {row['slowest_ms']} | {seq} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=int(os.environ.get("BENCH_PLANS_ARTICLES", 1_000_000))
    )
    parser.add_argument("--reuse-database", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run(articles=args.articles, reuse=args.reuse_database)
    print(report(result))
    for name, row in result["pages"].items():
        if row["slowest_ms"] > 50 or row["seq_scans"]:
            print(
                f"\n--- {name}: slowest query ({row['slowest_ms']} ms)\n{row['slowest_sql']}\n{row['slowest_plan']}"
            )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
