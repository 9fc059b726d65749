"""Precision, recall and F1 per entity type, against what an editor tagged.

An entity found counts as right when an expected one has the same type and the same name
(compared with "ё" read as "е", as editors type it); each expected entity matches once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class Score:
    kind: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _key(kind: str, name: str) -> tuple[str, str]:
    return kind, " ".join(name.replace("ё", "е").replace("Ё", "Е").split())


def score(pairs: Iterable[tuple[Iterable[tuple[str, str]], Iterable[tuple[str, str]]]]) -> dict[str, Score]:
    """Scores per type over (expected, found) pairs of one text each: (kind, name) entities."""
    counts = {kind: [0, 0, 0] for kind in KINDS}
    for expected, found in pairs:
        want = {_key(*e) for e in expected}
        got = {_key(*f) for f in found}
        for kind, name in want | got:
            if kind not in counts:
                raise ValueError(
                    f"unknown entity type {kind!r} for {name!r}: expected one of {', '.join(KINDS)}"
                )
            counts[kind][
                0 if (kind, name) in want and (kind, name) in got else 1 if (kind, name) in got else 2
            ] += 1
    return {kind: Score(kind, *c) for kind, c in counts.items()}


def report(scores: dict[str, Score]) -> str:
    """A small table of the scores, for test output and the docs."""
    lines = [f"{'type':<5}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
    for s in scores.values():
        lines.append(
            f"{s.kind:<5}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
            f"{s.true_positives:>5}{s.false_positives:>5}{s.false_negatives:>5}"
        )
    return "\n".join(lines)
