"""A small Kazakh stemmer: strips the common case, possessive and plural endings.

Kazakh is agglutinative: "балаларымызға" is бала + лар (plural) + ымыз (our) + ға
(dative). A full analyser needs a lexicon we do not have; stripping the endings that
news text uses most is enough for search to find "бала" in "балалардың" and "қала" in
"қалада". Endings are removed from the end of the word in grammatical order — one case
ending, then one possessive, then one plural — and only while a stem of at least
``MIN_STEM`` letters remains.

What it covers (with their vowel-harmony and consonant-assimilation variants):
- plural: -лар/-лер/-дар/-дер/-тар/-тер;
- possessive: -ымыз/-іміз/-мыз/-міз, -ыңыз/-іңіз/-ңыз/-ңіз, -ым/-ім, -ың/-ің, -сы/-сі,
  and -ы/-і after a consonant ("үкіметі", "балалары");
- case: genitive -ның/-нің/-дың/-дің/-тың/-тің, dative -ға/-ге/-қа/-ке/-на/-не,
  accusative -ны/-ні/-ды/-ді/-ты/-ті, locative -да/-де/-та/-те/-нда/-нде,
  ablative -дан/-ден/-тан/-тен/-нан/-нен, instrumental -мен/-бен/-пен/-менен.

What it does not: verb endings, single-letter case endings (-а, -е, -н), derivation
(-шы, -лық), consonant alternation ("мектебі" is not "мектеп") and homonymous endings
("қызмет" keeps its "-мет"; "бала" is never cut to "бал"). Endings are checked against
the sound before them (-ты, -та, -қа only after a consonant; -на, -нда only after the
possessive -ы/-і), and "-стан" in place names is kept. Both the index and the query go through the same function, so a word is found
in any of the forms above even where the stem itself is not the dictionary form.
"""

from __future__ import annotations

MIN_STEM = 3
KAZAKH_LETTERS = frozenset("әғқңөұүһі")
_VOWELS = frozenset("аәеиоөұүыіэюяу")

_CASE = sorted(
    "ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті да де та те нда нде "
    "дан ден тан тен нан нен мен бен пен менен".split(),
    key=len,
    reverse=True,
)
_POSSESSIVE = sorted("ымыз іміз мыз міз ыңыз іңіз ңыз ңіз ым ім ың ің сы сі".split(), key=len, reverse=True)
_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")


def has_kazakh_letters(word: str) -> bool:
    return not KAZAKH_LETTERS.isdisjoint(word)


# Endings that begin with "н" follow only certain stems: the locative and dative "-нда",
# "-на" only the possessive "-ы/-і" ("қаласында"), otherwise "Қазақстанда" would lose
# its "н". The accusative "-ны" follows vowels; the genitive "-ның" and "-нан" also м/н/ң.
_AFTER = {
    "нда": "ыі", "нде": "ыі", "на": "ыі", "не": "ыі",
    "ның": _VOWELS | set("мнң"), "нің": _VOWELS | set("мнң"), "ны": _VOWELS, "ні": _VOWELS,
    "нан": "ыімнң", "нен": "ыімнң",
}  # fmt: skip
# Endings that begin with a consonant other than "н" follow consonants only: "үкіметі" is
# үкімет + і, not үкіме + ті.
_AFTER_CONSONANT = {"ты", "ті", "ды", "ді", "тың", "тің", "дың", "дің", "та", "те", "тан", "тен", "қа", "ке"}


def _strip(word: str, endings) -> str:
    for ending in endings:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < MIN_STEM or _VOWELS.isdisjoint(stem):
            continue
        if ending in _AFTER and stem[-1] not in _AFTER[ending]:
            continue
        if ending in _AFTER_CONSONANT and stem[-1] in _VOWELS:
            continue
        if ending == "тан" and stem.endswith("с"):
            continue  # Қазақстан, Өзбекстан: "-стан" is part of the name
        return stem
    return word


def kazakh_stem(word: str) -> str:
    """The stem of a lower-case Kazakh word form (the word itself when nothing applies)."""
    stem = _strip(word, _CASE)
    stem = _strip(stem, _POSSESSIVE)
    # -ы/-і is the third-person possessive after a consonant: "үкімет-і", "балалар-ы".
    # A word that ends in -ы/-і in every form ("Алматы", "оқушы") loses it the same way in
    # all of them, so "Алматыда" and "оқушылар" still meet their base form.
    stem = _strip_possessive_vowel(stem)
    return _strip_possessive_vowel(_strip(stem, _PLURAL))


def _strip_possessive_vowel(stem: str) -> str:
    if stem[-1:] in ("ы", "і") and len(stem) > MIN_STEM and stem[-2] not in _VOWELS:
        return stem[:-1]
    return stem
