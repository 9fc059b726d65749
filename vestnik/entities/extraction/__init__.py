"""Named entities of one article: persons, organisations and places, in dictionary form.

``extract_entities(text)`` runs natasha's news NER tagger (slovnet) over plain text, then
corrects what it gets wrong with pymorphy3 and the article's own context: noun phrases are
put in the nominative by agreement with their head noun, surnames are read in the case and
gender their neighbours call for, surname-only mentions join the full name they stand for,
abbreviations join their full names. See docs/entities.md.

Importing this package loads no model: natasha and its weights (about 30 MB) are loaded by
the first call, once per process, so the web process that never calls it never pays for them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FoundEntity:
    kind: str  # "PER", "ORG" or "LOC"
    name: str  # normalised dictionary form, or the abbreviation when only it occurs
    count: int  # mentions of it in the text (all forms and aliases)
    aliases: tuple[str, ...]  # other normalised names it appeared under in this text


def extract_entities(text: str) -> list[FoundEntity]:
    """The entities of a plain text, most mentioned first, then by first appearance."""
    from .pipeline import extract

    return extract(text)


__all__ = ["FoundEntity", "extract_entities"]
