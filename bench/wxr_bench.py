"""WordPress import: memory of the streaming reader against loading the tree, and import speed.

Three generated exports (posts of about 3 KB of Russian text, in categories, with tags) of
growing size. For each: the peak memory of a process that reads it with ``read_wxr`` (what
the importer does) and, as the reference measured in the same run, of one that loads it with
``xml.etree.ElementTree.parse`` (what an importer that holds the document does). Then a real
import of the smallest export into a fresh SQLite database, and its rerun (nothing changed).

Each measurement runs in its own process, so peak RSS is that step's alone.

    python bench/wxr_bench.py [--posts 2000,10000,40000] [--import-posts 500] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("правительство парламент депутат выборы закон аким область город жители дорога школа "
         "больница бюджет налог экономика рост цены тенге банк нефть газ экспорт договор президент "
         "министр суд решение заседание комиссия проект строительство").split()  # fmt: skip


def paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def write_export(path: Path, posts: int) -> None:
    from vestnik.importers.tests import wxr_builder as wb

    rng = random.Random(posts)
    categories = [("politika", "Политика"), ("ekonomika", "Экономика"), ("obshchestvo", "Общество")]
    with path.open("w", encoding="utf-8") as out:
        head, tail = wb.export("@@ITEMS@@").split("@@ITEMS@@")
        out.write(head)
        out.write(wb.author("anurpeisov", "Ануар Нурпеисов"))
        for n, (slug, name) in enumerate(categories, 2):
            out.write(wb.category(n, slug, name))
        for post_id in range(1, posts + 1):
            body = "\n\n".join(paragraph(rng) for _ in range(4))
            day = 1 + post_id % 28
            out.write(wb.item(post_id, f"Новость номер {post_id}", body, slug=f"novost-{post_id}",
                              date=f"2024-05-{day:02d} 10:{post_id % 60:02d}:00",
                              categories=[rng.choice(categories)], tags=[(f"tag-{post_id % 50}", f"тег {post_id % 50}")]))  # fmt: skip
        out.write(tail)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, path: str) -> dict:
    """Run one measurement in a fresh process and return its JSON line."""
    output = subprocess.run([sys.executable, __file__, "--child", mode, path], check=True,
                            capture_output=True, text=True).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def run_child(mode: str, path: str) -> None:
    baseline = peak_mb()
    started = time.perf_counter()
    if mode == "stream":
        from vestnik.importers.wxr import WxrItem, read_wxr

        items = sum(1 for record in read_wxr(path) if isinstance(record, WxrItem))
    elif mode == "tree":
        import xml.etree.ElementTree as ET

        tree = ET.parse(path)
        items = len(tree.getroot().findall("./channel/item"))
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(path).with_suffix('.sqlite3')}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings.dev")
        import django

        django.setup()
        from django.core.management import call_command

        from vestnik.importers.wxr_import import import_wxr

        if mode == "import":
            call_command("migrate", verbosity=0)
            baseline = peak_mb()
            started = time.perf_counter()
        report = import_wxr(path, fetch_media=False)
        items = sum(report.created.values()) + sum(report.updated.values()) + sum(report.unchanged.values())
    seconds = time.perf_counter() - started
    print(json.dumps({"items": items, "seconds": round(seconds, 3), "peak_mb": round(peak_mb(), 1),
                      "baseline_mb": round(baseline, 1)}))  # fmt: skip


def report(result: dict) -> str:
    lines = ["WordPress import: peak memory reading an export (reference: xml.etree loading the whole tree)",
             f"{'posts':>8}{'file MB':>9}{'stream MB':>11}{'stream s':>10}{'tree MB':>9}{'tree s':>8}"]  # fmt: skip
    lines.append("-" * len(lines[-1]))
    for row in result["reading"]:
        lines.append(f"{row['posts']:>8,}{row['file_mb']:>9.1f}{row['stream']['peak_mb']:>11.1f}"
                     f"{row['stream']['seconds']:>10.2f}{row['tree']['peak_mb']:>9.1f}{row['tree']['seconds']:>8.2f}")  # fmt: skip
    imp = result["import"]
    lines += ["", f"Import into SQLite, {imp['posts']:,} posts: {imp['first']['seconds']:.1f} s "
              f"({imp['posts'] / imp['first']['seconds']:.0f} posts/s, peak {imp['first']['peak_mb']:.0f} MB); "
              f"rerun, nothing changed: {imp['rerun']['seconds']:.1f} s"]  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", default="2000,10000,40000")
    parser.add_argument("--import-posts", type=int, default=500)
    parser.add_argument("--json")
    parser.add_argument("--articles", help="ignored: bench/run.py passes a size to every benchmark")
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        run_child(*args.child)
        return 0
    with tempfile.TemporaryDirectory(prefix="wxr-bench-") as tmp:
        reading = []
        for posts in [int(p) for p in args.posts.split(",")]:
            path = Path(tmp) / f"export-{posts}.xml"
            write_export(path, posts)
            row = {"posts": posts, "file_mb": round(path.stat().st_size / 2**20, 1),
                   "stream": child("stream", str(path)), "tree": child("tree", str(path))}  # fmt: skip
            reading.append(row)
            path.unlink()
        path = Path(tmp) / "import.xml"
        write_export(path, args.import_posts)
        imported = {
            "posts": args.import_posts,
            "first": child("import", str(path)),
            "rerun": child("rerun", str(path)),
        }
        result = {"reading": reading, "import": imported}
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
