"""Words and their lemmas, the same for the search index and for the query.

Russian words go through pymorphy3: a word the dictionary knows gets every lemma its
parses give ("стали" → стать, сталь; "люди" → человек), an unknown word the one or two
likeliest guesses. Words with Kazakh letters go through the Kazakh stemmer; an unknown
word in a Kazakh text ("Алматыда" has no Kazakh letter) gets its Kazakh stem as well.
Everything is lower case with "ё" read as "е", as readers type it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .kazakh import has_kazakh_letters, kazakh_stem

# A run of letters or a run of digits: punctuation, "_" and the letter/digit boundary
# separate words ("COVID-19" → covid, 19; "iPhone15" → iphone, 15). These are razdel's
# tokens split into the runs the index keeps; one regular expression finds the same
# words three times faster than razdel and a split (test_lemmas checks they agree).
_WORD = re.compile(r"[^\W\d_]+|\d+")
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")
MAX_WORD_LENGTH = 60
# A text is Kazakh when this share of its Cyrillic words has a Kazakh letter.
KAZAKH_SHARE = 0.15
# Unknown words: keep guesses at least this fraction as likely as the best one.
GUESS_RATIO = 0.5
MAX_GUESSES = 2


@dataclass(frozen=True, slots=True)
class Word:
    form: str  # normalised: lower case, "ё" → "е"
    start: int  # offsets of the original spelling in the text
    end: int


def normalize(token: str) -> str:
    return token.lower().replace("ё", "е")


def words(text: str) -> list[Word]:
    """The words of a text in order, with where each stands in it."""
    return [
        Word(normalize(m.group()), m.start(), m.end())
        for m in _WORD.finditer(text)
        if m.end() - m.start() <= MAX_WORD_LENGTH
    ]


def word_forms(text: str) -> list[str]:
    """Just the normalised words of a text: what the indexer needs, at C speed."""
    return [f for f in _WORD.findall(normalize(text)) if len(f) <= MAX_WORD_LENGTH]


_CYRILLIC_WORD = re.compile(r"[^\W\d_]*[а-яёәғқңөұүһі][^\W\d_]*", re.IGNORECASE)
_KAZAKH_WORD = re.compile(r"[^\W\d_]*[әғқңөұүһі][^\W\d_]*", re.IGNORECASE)
_KAZAKH_LETTER = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def is_kazakh(text: str) -> bool:
    """Whether a text is Kazakh: KAZAKH_SHARE of its Cyrillic words have a Kazakh letter.

    Counted by two regular expressions over the whole text, without splitting it first;
    a text with no Kazakh letter at all (nearly every Russian one) needs one quick scan.
    """
    if _KAZAKH_LETTER.search(text) is None:
        return False
    cyrillic = len(_CYRILLIC_WORD.findall(text))
    return bool(cyrillic) and len(_KAZAKH_WORD.findall(text)) >= KAZAKH_SHARE * cyrillic


@lru_cache(maxsize=1)
def _morph():
    from .mapped_dictionary import install

    install()
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def is_cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None


@lru_cache(maxsize=200_000)
def lemmas(form: str, kazakh_context: bool = False) -> tuple[str, ...]:
    """Every plausible lemma of a normalised word form, most likely first."""
    if not is_cyrillic(form):
        return (form,)  # numbers, Latin words and other scripts are matched as written
    if has_kazakh_letters(form):
        return (kazakh_stem(form),)
    found = list(dict.fromkeys(normalize(p.normal_form) for p in _readings(form)))
    if kazakh_context and not _morph().word_is_known(form):
        found.append(kazakh_stem(form))
    return tuple(dict.fromkeys(found or [form]))


def _readings(form: str) -> list:
    """The parses whose lemmas `lemmas` gives a Russian word: all of a known word's, an
    unknown word's likeliest guesses for at most MAX_GUESSES lemmas."""
    morph = _morph()
    parses = morph.parse(form)
    if morph.word_is_known(form):
        return parses
    best = parses[0].score if parses else 0
    likely = [p for p in parses if p.score >= best * GUESS_RATIO]
    kept = list(dict.fromkeys(normalize(p.normal_form) for p in likely))[:MAX_GUESSES]
    return [p for p in likely if normalize(p.normal_form) in kept]


# A verb's forms with its participles are a few hundred strings: 256 queries' words at most.
@lru_cache(maxsize=256)
def inflections(form: str) -> frozenset[str]:
    """Every form of the words whose lemmas `lemmas(form)` gives, normalised ("франция" →
    франция, франции, францию…): what a text may write for a word a reader searched.

    Made from pymorphy3's paradigm tables, which are in memory: a text's words can then
    be checked against it without reading the dictionary for each of them.
    """
    if not is_cyrillic(form) or has_kazakh_letters(form):
        return frozenset({form})
    return frozenset({form} | {normalize(f.word) for p in _readings(form) for f in p.lexeme})


# Parts of speech that carry no topic: pronouns, prepositions, conjunctions, particles,
# interjections, predicatives.
FUNCTION_POS = frozenset({"NPRO", "PREP", "CONJ", "PRCL", "INTJ", "PRED"})


@lru_cache(maxsize=200_000)
def is_function_word(form: str) -> bool:
    """Whether a normalised Russian word form is, by its likeliest reading, a function word
    or a pronominal adjective ("этот", "который", "свой"): frequent in every text, telling
    nothing of what one is about."""
    if not is_cyrillic(form) or has_kazakh_letters(form):
        return False
    tag = _morph().parse(form)[0].tag
    return tag.POS in FUNCTION_POS or "Apro" in tag
