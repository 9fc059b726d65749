"""The quality gate: precision and recall per type on paragraphs an editor tagged by hand."""

import json
from pathlib import Path

import pytest

from vestnik.entities.extraction.scoring import KINDS, report, score

# Text in, names out: no database, so the SQLite pass is enough.
pytestmark = pytest.mark.once

CORPUS = Path(__file__).with_name("corpus.json")
GATE = 0.85


def load_corpus() -> list[dict]:
    paragraphs = json.loads(CORPUS.read_text(encoding="utf-8"))["paragraphs"]
    for n, paragraph in enumerate(paragraphs):
        for entity in paragraph["entities"]:
            if len(entity) != 2 or entity[0] not in KINDS:
                raise ValueError(f"{CORPUS.name}, paragraph {n}: bad entity {entity!r}, want [KIND, name]")
    return paragraphs


def test_corpus_has_at_least_twenty_tagged_paragraphs():
    paragraphs = load_corpus()
    assert len(paragraphs) >= 20
    assert all(p["entities"] for p in paragraphs)


def test_scorer_counts_hits_misses_and_extras():
    scores = score(
        [([("PER", "Михаил Жилин"), ("LOC", "Россия")], [("PER", "Михаил Жилин"), ("LOC", "Франция")])]
    )
    assert (scores["PER"].precision, scores["PER"].recall) == (1.0, 1.0)
    assert (scores["LOC"].true_positives, scores["LOC"].false_positives, scores["LOC"].false_negatives) == (
        0,
        1,
        1,
    )
    assert scores["LOC"].f1 == 0.0


def test_scorer_reads_yo_as_ye():
    scores = score(
        [([("ORG", "Организация Объединённых Наций")], [("ORG", "Организация Объединенных Наций")])]
    )
    assert scores["ORG"].f1 == 1.0


def test_scorer_names_an_unknown_type():
    with pytest.raises(ValueError, match="'PERSON'"):
        score([([("PERSON", "Жилин")], [])])


def test_f1_per_type_on_the_corpus_meets_the_gate(extract):
    paragraphs = load_corpus()
    pairs: dict[str, list] = {"all": []}
    for p in paragraphs:
        found = [(e.kind, e.name) for e in extract(p["text"])]
        pair = ([tuple(e) for e in p["entities"]], found)
        pairs["all"].append(pair)
        pairs.setdefault(p.get("split", "development"), []).append(pair)
    for split, scored in pairs.items():
        print(f"\n{split} ({len(scored)} paragraphs)\n{report(score(scored))}")
    scores = score(pairs["all"])
    failing = {kind: round(s.f1, 3) for kind, s in scores.items() if s.f1 < GATE}
    assert not failing, f"F1 below {GATE}: {failing}"
