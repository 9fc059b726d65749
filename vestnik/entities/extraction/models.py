"""The models, loaded on first use and kept for the life of the process."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def natasha_models():
    """natasha's segmenter and news NER tagger (weights ship inside the wheels: no download)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def morph():
    """The project's pymorphy3 analyser (the one the search index lemmatizes with)."""
    from vestnik.core.text.lemmas import _morph

    return _morph()


@lru_cache(maxsize=100_000)
def parse(word: str) -> tuple:
    """pymorphy3's parses of a word, cached: names and places repeat across articles."""
    return tuple(morph().parse(word))
