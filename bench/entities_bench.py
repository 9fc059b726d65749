"""Entity extraction: articles per CPU-second on one core, model load time and the memory of
a process that has loaded the models; quality per type on the tagged corpus, against natasha
alone as the reference measured in the same run.

Each measurement runs in a fresh process pinned to one core, with numpy's thread pools at one
thread, so that "one core" means one core. Articles: the seed article (about 2 KB, 9
paragraphs) and the corpus's 42 paragraphs grouped five to an article, each text extracted
``--repeat`` times after one warm-up pass (the warm pass is what a worker sees after its first
articles: pymorphy3's parses of the names are cached). The cold figure is the first pass.

Reference: natasha's own pipeline (NER and morphology tagging, then ``span.normalize`` with
its MorphVocab, which is pymorphy2) with mentions deduplicated by their normal form, no merging and no corrections.

    python bench/entities_bench.py [--repeat 20] [--json out.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import http_bench as hb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
SEED = ROOT / "vestnik" / "demo" / "data" / "seed" / "000_30cfd75c4d8bef58.txt"
CORPUS = ROOT / "vestnik" / "entities" / "tests" / "corpus.json"
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
PARAGRAPHS_PER_ARTICLE = 5


def articles() -> list[str]:
    from vestnik.importers.capture import parse_capture

    seed = parse_capture(SEED.read_text(encoding="utf-8"), str(SEED))
    paragraphs = [p["text"] for p in json.loads(CORPUS.read_text(encoding="utf-8"))["paragraphs"]]
    grouped = ["\n\n".join(paragraphs[i : i + PARAGRAPHS_PER_ARTICLE])
               for i in range(0, len(paragraphs), PARAGRAPHS_PER_ARTICLE)]  # fmt: skip
    return ["\n\n".join(seed.paragraphs), *grouped]


def rss(field: str) -> float | None:
    return hb.proc_mb(Path("/proc/self/status"), field)


def natasha_alone():
    """The reference: natasha's NER and its own normaliser, one entity per normal form."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    segmenter, tagger, morph, vocab = (
        Segmenter(),
        NewsNERTagger(embedding),
        NewsMorphTagger(embedding),
        MorphVocab(),
    )

    def extract(text: str) -> list[tuple[str, str]]:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)  # span.normalize reads the morphology tags
        doc.tag_ner(tagger)
        found = []
        for span in doc.spans:
            span.normalize(vocab)
            found.append((span.type, span.normal))
        return list(dict.fromkeys(found))

    return extract


def run_child(repeat: int) -> dict:
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    texts = articles()
    baseline = rss("VmRSS")
    from vestnik.entities.extraction import extract_entities
    from vestnik.entities.extraction.models import morph, natasha_models

    imported = rss("VmRSS")
    started = time.process_time()
    natasha_models()
    morph()
    load_s = time.process_time() - started
    loaded = rss("VmRSS")
    started = time.process_time()
    for text in texts:
        extract_entities(text)
    cold_s = time.process_time() - started
    started = time.process_time()
    for _ in range(repeat):
        for text in texts:
            extract_entities(text)
    warm_s = time.process_time() - started
    kb = sum(len(t.encode()) for t in texts) / len(texts) / 1024
    return {"articles": len(texts), "article_kb": round(kb, 1), "repeat": repeat,
            "load_s": round(load_s, 2), "cold_articles_per_s": round(len(texts) / cold_s, 1),
            "warm_articles_per_s": round(repeat * len(texts) / warm_s, 1),
            "rss_mb": {"python_and_project": baseline, "after_import": imported, "models_loaded": loaded,
                       "after_extracting": rss("VmRSS"), "peak": rss("VmHWM")}}  # fmt: skip


def run_quality() -> dict:
    from vestnik.entities.extraction import extract_entities
    from vestnik.entities.extraction.scoring import score

    paragraphs = json.loads(CORPUS.read_text(encoding="utf-8"))["paragraphs"]
    reference = natasha_alone()
    result = {}
    for split in ("development", "held-out", None):
        chosen = [p for p in paragraphs if split is None or p.get("split") == split]
        expected = [[tuple(e) for e in p["entities"]] for p in chosen]
        ours = score(zip(expected, [[(e.kind, e.name) for e in extract_entities(p["text"])] for p in chosen],
                         strict=True))  # fmt: skip
        theirs = score(zip(expected, [reference(p["text"]) for p in chosen], strict=True))
        result[split or "all"] = {
            "paragraphs": len(chosen),
            **{f"{name}_{kind}": {"p": round(s.precision, 3), "r": round(s.recall, 3), "f1": round(s.f1, 3)}
               for name, scores in (("ours", ours), ("natasha", theirs)) for kind, s in scores.items()},
        }  # fmt: skip
    return result


def child(mode: str, repeat: int) -> dict:
    env = {**os.environ, **ONE_THREAD}
    command = [sys.executable, __file__, "--child", mode, "--repeat", str(repeat)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def report(result: dict) -> str:
    speed, memory = result["speed"], result["speed"]["rss_mb"]
    lines = [
        f"Entity extraction, one core: {speed['articles']} articles of {speed['article_kb']} KB on average",
        f"  model load {speed['load_s']:.2f} s CPU; cold {speed['cold_articles_per_s']:.1f} articles/s, "
        f"warm {speed['warm_articles_per_s']:.1f} articles/s ({speed['repeat']} passes)",
        f"  memory (RSS MB): Python and project {memory['python_and_project']}, after import "
        f"{memory['after_import']}, models loaded {memory['models_loaded']}, after extracting "
        f"{memory['after_extracting']}, peak {memory['peak']}",
        "",
        "Quality on the tagged corpus (reference: natasha alone, its own normaliser)",
        f"{'split':<13}{'type':<5}{'P':>7}{'R':>7}{'F1':>7}{'ref P':>8}{'ref R':>7}{'ref F1':>8}",
    ]
    lines.append("-" * len(lines[-1]))
    for split, row in result["quality"].items():
        for kind in ("PER", "ORG", "LOC"):
            o, n = row[f"ours_{kind}"], row[f"natasha_{kind}"]
            lines.append(f"{split:<13}{kind:<5}{o['p']:>7.3f}{o['r']:>7.3f}{o['f1']:>7.3f}"
                         f"{n['p']:>8.3f}{n['r']:>7.3f}{n['f1']:>8.3f}")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json")
    parser.add_argument("--articles", help="ignored: bench/run.py passes a size to every benchmark")
    parser.add_argument("--child", choices=("speed", "quality"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.repeat) if args.child == "speed" else run_quality()))
        return 0
    result = {"date": dt.date.today().isoformat(), "host": socket.gethostname(),
              "speed": child("speed", args.repeat), "quality": child("quality", args.repeat)}  # fmt: skip
    text = json.dumps(result, ensure_ascii=False, indent=2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{result['date']}-{result['host']}-entities.json").write_text(text)
    if args.json:
        Path(args.json).write_text(text)
    print(report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
