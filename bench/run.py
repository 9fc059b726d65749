"""`make bench`: each benchmark per engine in its own process; a table, and JSON.

Sizes: BENCH_SQLITE_ARTICLES (default 100,000), BENCH_POSTGRES_ARTICLES (default
1,000,000, about an hour on two cores), BENCH_SITEMAP_ARTICLES (default 1,000,000),
BENCH_HTTP_ARTICLES (default 100,000), BENCH_ADMIN_ARTICLES and BENCH_PLANS_ARTICLES (default 1,000,000),
BENCH_SOAK_ARTICLES (default 100,000) and BENCH_SOAK_SECONDS (default 300). BENCH_POSTGRES_URL names the server (default the
local one); the PostgreSQL half is skipped, and says so, when it cannot be reached.
BENCH_ONLY=http (or search, sitemap, admin, plans, soak, wxr, entities, budget; comma-separated) runs only those benchmarks.
budget measures the running demo site (BENCH_BUDGET_URL, default http://127.0.0.1:8000) and says
SKIPPED without one.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"


def postgres_reachable() -> bool:
    try:
        import psycopg

        url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        psycopg.connect(url, connect_timeout=3).close()
        return True
    except Exception as error:  # noqa: BLE001 — any failure means "skip, and say why"
        print(f"SKIPPED the PostgreSQL benchmarks (search, sitemaps, HTTP, admin): {error}", file=sys.stderr)
        return False


def table(results: list[dict]) -> str:
    lines = [
        "Search: build the index, then a results page (top 10 + total) for a fixed mix of 1-, 2-, 3-word,",
        "phrase and minus queries, repeated. Reference in the same run: PostgreSQL 'russian' configuration",
        "(stored tsvector + GIN) on PostgreSQL; LIKE '%word%' (WordPress) on SQLite.",
        "",
        f"{'engine':<11}{'articles':>10}{'build/s':>9}{'index MB':>10}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'ref p50':>9}{'ref p95':>9}{'ref p99':>9}",
    ]
    lines.append("-" * len(lines[-1]))
    for r in results:
        o, f = r["ours"], r["reference"]
        lines.append(
            f"{r['engine']:<11}{r['articles']:>10,}{r['articles_per_s']:>9,}{r['index_mb']:>10,}"
            f"{o['p50_ms']:>8.1f}{o['p95_ms']:>8.1f}{o['p99_ms']:>8.1f}{f['p50_ms']:>9.1f}{f['p95_ms']:>9.1f}{f['p99_ms']:>9.1f}"
        )
    for r in results:
        lines += ["", f"{r['engine']}, per query (found / p50 ms; reference found / p50 ms):"]
        for q in r["queries"]:
            lines.append(
                f"  {q['kind']:<8}{q['text'][:44]:<46}{q['found']:>9,}{q['p50_ms']:>8.1f}"
                f"{q['reference_found']:>10,}{q['reference_p50_ms']:>9.1f}"
            )
    return "\n".join(lines)


def sitemap_table(result: dict) -> str:
    lines = [
        f"Sitemaps on PostgreSQL at {result['articles']:,} articles (best of 3; reference: Wagtail's own sitemap)",
        f"{'what':<40}{'URLs':>8}{'seconds':>9}{'peak MB':>9}{'KB':>8}",
    ]
    lines.append("-" * len(lines[-1]))
    for key, label in (("index", "sitemap index"), ("article_page", "article sitemap page (deep)"),
                       ("wagtail_page", "reference: Wagtail sitemap page (deep)")):  # fmt: skip
        row = result[key]
        lines.append(
            f"{label:<40}{row['urls']:>8,}{row['seconds']:>9.2f}{row['peak_mb']:>9.2f}{row['bytes'] // 1024:>8,}"
        )
    return "\n".join(lines)


def wanted(name: str) -> bool:
    only = {item.strip() for item in os.environ.get("BENCH_ONLY", "").split(",") if item.strip()}
    return not only or name in only


def run_json(script: str, path: Path, *args: str) -> dict:
    command = [sys.executable, str(ROOT / "bench" / script), *args, "--json", str(path)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return json.loads(path.read_text())


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    postgres = postgres_reachable()
    summary = OUT / "results.json"
    # A partial run (BENCH_ONLY) keeps the other benchmarks' last results.
    saved = json.loads(summary.read_text()) if summary.exists() else {}
    results = saved.get("search", [])
    if wanted("search"):
        results = []
        runs = [("sqlite", os.environ.get("BENCH_SQLITE_ARTICLES", "100000"))]
        if postgres:
            runs.append(("postgresql", os.environ.get("BENCH_POSTGRES_ARTICLES", "1000000")))
        for engine, articles in runs:
            path = OUT / f"search-{engine}.json"
            results.append(run_json("search_bench.py", path, "--engine", engine, "--articles", articles))
        print(table(results))
    sitemap = saved.get("sitemap")
    if postgres and wanted("sitemap"):
        articles = os.environ.get("BENCH_SITEMAP_ARTICLES", "1000000")
        sitemap = run_json("sitemap_bench.py", OUT / "sitemap-postgresql.json", "--articles", articles)
        print()
        print(sitemap_table(sitemap))
    # The PostgreSQL benchmarks that print their own report: name, script, size variable, default.
    reported = [("http", "http_bench", "BENCH_HTTP_ARTICLES", "100000"),
                ("admin", "admin_bench", "BENCH_ADMIN_ARTICLES", "1000000"),
                ("plans", "query_plans", "BENCH_PLANS_ARTICLES", "1000000"),
                ("soak", "soak_bench", "BENCH_SOAK_ARTICLES", "100000")]  # fmt: skip
    for name, module, variable, default in reported:
        if postgres and wanted(name):
            articles = os.environ.get(variable, default)
            saved[name] = run_json(f"{module}.py", OUT / f"{name}-postgresql.json", "--articles", articles)
            print()
            print(importlib.import_module(module).report(saved[name]))
    if wanted("wxr"):  # SQLite and files only: no server needed
        saved["wxr"] = run_json("wxr_bench.py", OUT / "wxr.json")
        print()
        print(importlib.import_module("wxr_bench").report(saved["wxr"]))
    if wanted("entities"):  # no server needed: one process per measurement, pinned to one core
        saved["entities"] = run_json("entities_bench.py", OUT / "entities.json")
        print()
        print(importlib.import_module("entities_bench").report(saved["entities"]))
    if wanted("budget"):  # the demo site as a throttled phone: `make demo` must be running
        saved["budget"] = run_json("page_budget_bench.py", OUT / "budget.json")
        if saved["budget"]:
            print()
            print(importlib.import_module("page_budget_bench").report(saved["budget"]))
    everything = {
        "search": results,
        "sitemap": sitemap,
        "wxr": saved.get("wxr"),
        "entities": saved.get("entities"),
        "budget": saved.get("budget"),
    } | {name: saved.get(name) for name, *_ in reported}
    summary.write_text(json.dumps(everything, ensure_ascii=False, indent=2))
    print(f"\nJSON: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
