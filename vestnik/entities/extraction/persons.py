"""Person names in the nominative, read in the gender and case their context calls for.

Each word of a name has readings (pymorphy3's Name/Surn/Patr parses, else its noun parses,
else the word as written, for indeclinable names): a gender, a case and the nominative.
A name's words share one gender and case: the reading chosen is the one that scores best
over all its words, plus what the sentence says ("Россия объявила Жилина в розыск": the
verb already has its subject, so "Жилина" is its object, a man in the accusative; "жена
Жилина": a kinship noun takes the genitive; "Жилина сообщила": the verb agrees with a
woman in the nominative) and plus the names already known in the article, which
surname-only mentions should join.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import morph, parse
from .phrases import is_name_like, restore_case

GENDERS = ("masc", "femn")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
ROLES = {"Name", "Surn", "Patr"}
# Nouns after which a name is in the genitive: "жена Жилина" is Zhilin's wife.
RELATIONS = {"жена", "муж", "супруга", "супруг", "вдова", "сын", "дочь", "мать", "отец", "брат",
             "сестра", "семья", "родственник", "адвокат", "защита", "пресс-секретарь", "помощник",
             "советник", "окружение", "администрация", "дело", "арест", "задержание", "слова",
             "заявление", "визит", "отставка", "соперник", "сторонник"}  # fmt: skip
# Endings of foreign and Kazakh men's names pymorphy3 does not know ("Олафом", "Шольцем").
MASCULINE_ENDINGS = (("ем", "ablt"), ("ом", "ablt"), ("у", "datv"), ("ю", "datv"), ("а", "gent"),
                     ("а", "accs"), ("е", "loct"))  # fmt: skip
# And of women's names ending in "-а" ("Пегулу" → "Пегула").
FEMININE_ENDINGS = (("у", "accs"), ("ой", "gent"), ("ой", "datv"), ("ой", "ablt"), ("ой", "loct"), ("е", "datv"),
                    ("е", "loct"), ("ы", "gent"))  # fmt: skip
PARTICLES = {"фон", "дер", "де", "ле", "ла", "ван", "да", "ди", "дель", "бен", "ибн", "аль"}
CUE = 1.0  # what one grammatical cue is worth against pymorphy's scores (≤ 1 per word)
KNOWN = 0.5  # a reading that names a person already known in the article
SEEN = 1.0  # a reading whose nominative the article also writes ("Шольцем" → "Шольц" seen)
INDECLINABLE = 0.1  # the word as written, in any case and gender
NOMINATIVE = 0.15  # news name people most often as subjects


@dataclass(frozen=True)
class Reading:
    gender: str | None  # None: any (indeclinable or unknown)
    case: str | None
    nominative: str  # lower case
    score: float

    def fits(self, gender: str, case: str) -> bool:
        return self.gender in (None, gender) and self.case in (None, case)


def readings(word: str, lenient: bool = False) -> list[Reading]:
    """Every way a word of a name can be read; lenient: as written in either gender, for names
    whose words the dictionary gives different genders ("Эммануэль" is a woman's name to it)."""
    if is_name_like(word) or word.lower() in PARTICLES or len(word) == 1:
        return [Reading(None, None, word.lower(), 1.0)]
    if "-" in word and not morph().word_is_known(word.lower()):
        head, _, last = word.rpartition("-")
        return [Reading(r.gender, r.case, f"{head.lower()}-{r.nominative}", r.score) for r in readings(last)]
    found = []
    named_only = any(ROLES & set(p.tag.grammemes) for p in parse(word))
    for p in parse(word):
        if p.tag.POS != "NOUN" or p.tag.number == "plur" or p.tag.case not in CASES:
            continue
        named = bool(ROLES & set(p.tag.grammemes))
        if named_only and not named:
            continue  # "Балтатарова" is a surname here, not the village Балтатарово
        if "Name" in p.tag:
            form = p.normal_form
        else:
            inflected = p.inflect({"nomn", "sing"})
            form = inflected.word if inflected else p.normal_form
        gender = p.tag.gender if p.tag.gender in GENDERS else None
        found.append(Reading(gender, p.tag.case, form, p.score * (1.0 if named else 0.4)))
    if not morph().word_is_known(word.lower()):
        found += _guesses(word.lower())
    # One score per reading, relative to the word's own readings: a rare name's few parses count in full.
    merged: dict[tuple, float] = {}
    for r in found:
        merged[(r.gender, r.case, r.nominative)] = merged.get((r.gender, r.case, r.nominative), 0.0) + r.score
    total = sum(merged.values()) or 1.0
    found = [Reading(g, c, n, score / total) for (g, c, n), score in merged.items()]
    # Foreign and Kazakh names are often not declined: the word itself in any case, in a gender
    # its other readings allow; a word pymorphy3 only guesses at may be of the other gender too
    # ("Салтанат" is a woman's name), a word its dictionary knows may not ("Екатерина").
    genders = {r.gender for r in found}
    known = morph().word_is_known(word.lower())
    for gender in GENDERS:
        if not genders or gender in genders:
            found.append(Reading(gender, None, word.lower(), INDECLINABLE))
        elif lenient or not known:
            found.append(Reading(gender, None, word.lower(), 0.02))
    return found


def _guesses(word: str) -> list[Reading]:
    """Readings of a name pymorphy3 does not know, by its ending."""
    guesses = []
    for ending, case in MASCULINE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 2 and stem[-1] not in "аеёиоуыэюяьй":
            guesses.append(Reading("masc", case, stem, 0.2))
    for ending, case in FEMININE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 2 and stem[-1] not in "аеёиоуыэюяьй":
            guesses.append(Reading("femn", case, stem + "а", 0.2))
    if not guesses and word[-1] not in "аеёиоуыэюя":
        guesses.append(Reading("masc", "nomn", word, 0.2))
    return guesses


@dataclass(frozen=True)
class Context:
    """What the words around a name say about its gender and case."""

    before: tuple[str, ...]  # up to three words before the name, nearest last
    after: tuple[str, ...]  # up to three words after it
    # The article's words (lower case). Read for full names only: a surname alone is matched
    # against the article's full names instead (a wife's "Жилина" is not a sighting of "Жилин").
    seen: frozenset[str] = frozenset()


def _parses(word: str, pos: set[str]):
    return [p for p in parse(word) if p.tag.POS in pos]


def cues(context: Context) -> dict[tuple[str | None, str | None], float]:
    """Bonuses for (gender, case) pairs: (None, case) for any gender, (gender, None) for any case."""
    bonus: dict[tuple[str | None, str | None], float] = {}

    def add(gender, case, value=CUE):
        bonus[(gender, case)] = bonus.get((gender, case), 0.0) + value

    before = context.before
    previous = before[-1].lower() if before else ""
    verbs = _parses(previous, {"VERB"})
    if previous in RELATIONS or any(p.normal_form in RELATIONS for p in _parses(previous, {"NOUN"})):
        add(None, "gent", 2 * CUE)  # "жена Жилина", "адвокат Петрова"
    elif _parses(previous, {"PREP"}):
        add(None, "nomn", -CUE)
    elif verbs:
        verb = verbs[0]
        subject = before[-2] if len(before) >= 2 else ""
        taken = any(
            p.tag.case == "nomn"
            and (verb.tag.gender in (None, p.tag.gender) or p.tag.number == verb.tag.number)
            for p in _parses(subject, {"NOUN", "NPRO"})
        )
        if taken and "tran" in verb.tag:
            add(None, "accs")  # "Россия объявила Жилина": the verb has its subject, the name is its object
            add(None, "nomn", -CUE)
        elif verb.tag.gender and not taken:
            add(verb.tag.gender, "nomn")  # "сообщила Екатерина Жилина": inverted subject
    else:
        for p in _parses(previous, {"NOUN", "ADJF"}):
            if p.tag.number == "sing" and ("anim" in p.tag or p.tag.POS == "ADJF") and p.tag.case:
                # Apposition: "журналистка Евгения Балтатарова", "президента Путина"; a man's
                # title ("президент") is also a woman's, so only a feminine one tells the gender.
                add(p.tag.gender if p.tag.gender == "femn" else None, p.tag.case)
    for word in context.after:
        if word in {",", "—", "-", "не", "уже", "также", "тоже", "ранее", "лично"}:
            continue
        finite = [
            p for p in _parses(word, {"VERB"}) if p.tag.number == "sing" and p.tag.person in (None, "3per")
        ]
        if finite and not before:
            add(None, "nomn")  # "Петрова утверждает": a sentence opens with its subject
        for p in _parses(word, {"VERB", "PRTF", "ADJS", "PRTS"}):
            if p.tag.gender and (p.tag.POS != "PRTF" or p.tag.case == "nomn") and p.tag.number == "sing":
                add(p.tag.gender, "nomn")  # "Жилина сообщила", "Балтатарова, находящаяся"
                break
        break
    return bonus


@dataclass(frozen=True)
class Name:
    words: tuple[str, ...]  # nominative, capitalised as in the text
    gender: str | None

    @property
    def surname(self) -> str:
        return self.words[-1].lower()

    @property
    def first(self) -> str | None:
        return self.words[0].lower() if len(self.words) > 1 else None


def _seen(reading: Reading, word: str, context: Context) -> bool:
    return reading.nominative != word.lower() and reading.nominative in context.seen


def read_name(words: list[str], context: Context, known: tuple[Name, ...] = ()) -> Name:
    """A person's name in the nominative, read as its context and the article's names call for."""
    bonus = cues(context)
    best = _best_reading([readings(w) for w in words], words, bonus, context, known)
    if best is None:
        best = _best_reading([readings(w, lenient=True) for w in words], words, bonus, context, known)
    if best is None:
        return Name(tuple(words), None)
    _, gender, chosen = best
    decided = any(r.gender and r.case for r in chosen)
    return Name(
        tuple(restore_case(r.nominative, w) for r, w in zip(chosen, words, strict=True)),
        gender if decided else None,
    )


def _best_reading(
    options: list[list[Reading]], words: list[str], bonus: dict, context: Context, known: tuple[Name, ...]
) -> tuple[float, str, list[Reading]] | None:
    """The best (score, gender, reading per word) over every gender and case the words share."""
    best: tuple[float, str, list[Reading]] | None = None
    for gender in GENDERS:
        for case in CASES:
            chosen = []
            for option, word in zip(options, words, strict=True):
                fitting = [r for r in option if r.fits(gender, case)]
                if not fitting:
                    break
                chosen.append(max(fitting, key=lambda r: r.score + SEEN * _seen(r, word, context)))
            else:
                score = sum(r.score for r in chosen)
                score += NOMINATIVE if case == "nomn" else 0.0
                score += SEEN * sum(1 for r, w in zip(chosen, words, strict=True) if _seen(r, w, context))
                # A cue counts for a case the words show, not one they only allow by not declining.
                if any(r.case == case for r in chosen):
                    score += bonus.get((gender, case), 0) + bonus.get((None, case), 0)
                score += bonus.get((gender, None), 0)
                surname = chosen[-1].nominative
                if any(k.surname == surname and k.gender in (None, gender) for k in known):
                    score += KNOWN
                if best is None or score > best[0]:
                    best = (score, gender, chosen)
    return best
