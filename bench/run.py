"""`make bench`: run each benchmark per engine in its own process, print a table, write JSON.

Environment: BENCH_ARTICLES (default 1,000,000), BENCH_POSTGRES_URL (default the local
server; the PostgreSQL half is skipped, and says so, when it cannot be reached).
"""

from __future__ import annotations

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
        print(f"SKIPPED PostgreSQL search benchmark: {error}", file=sys.stderr)
        return False


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    engines = ["sqlite"] + (["postgresql"] if postgres_reachable() else [])
    results = []
    for engine in engines:
        path = OUT / f"search-{engine}.json"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "search_bench.py"),
                "--engine",
                engine,
                "--json",
                str(path),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        results.append(json.loads(path.read_text()))
    print()
    print(
        "Search, results page (top 10 + total), median of repeated runs; reference = LIKE '%word%' (WordPress)"
    )
    header = f"{'engine':<11}{'articles':>10}  {'query':<12}{'found':>9}{'p50 ms':>9}{'max ms':>9}{'LIKE found':>12}{'LIKE ms':>10}{'×faster':>9}"
    print(header)
    print("-" * len(header))
    for result in results:
        for row in result["rows"]:
            speedup = row["like_p50_ms"] / row["p50_ms"] if row["p50_ms"] else float("inf")
            print(
                f"{row['engine']:<11}{result['articles']:>10,}  {row['query']:<12}{row['found']:>9,}"
                f"{row['p50_ms']:>9.1f}{row['max_ms']:>9.1f}{row['like_found']:>12,}{row['like_p50_ms']:>10.1f}{speedup:>9.1f}"
            )
        print(
            f"{result['engine']}: loading {result['articles']:,} articles took {result['load_seconds']:.0f} s"
        )
    summary = OUT / "results.json"
    summary.write_text(json.dumps({"search": results}, ensure_ascii=False, indent=2))
    print(f"\nJSON: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
