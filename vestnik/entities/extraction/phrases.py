"""Noun phrases (organisations, places) in the nominative, by agreement with their head.

"Федеральной службы безопасности": the head is the first noun ("службы"); the adjectives
before it agree with it in case, number and gender, so the reading of the head is the one
its adjectives share ("федеральной" is feminine singular: "службы" is genitive singular, not
nominative plural). The head and its adjectives go to the nominative; the words after the
head depend on it and keep their form ("безопасности", "Казахстана").
"""

from __future__ import annotations

from .models import morph, parse
from .places import known_place

MODIFIERS = {"ADJF", "PRTF", "NUMR"}


def restore_case(word: str, original: str) -> str:
    """A lower-case form written with the original's capitals ("франция", "Франции" → "Франция";
    "казмунайгаз", "КазМунайГаза" → "КазМунайГаз")."""
    if len(original) > 1 and original.isupper():
        return word.upper()
    out = [
        c.upper() if i < len(original) and original[i].isupper() and original[i].lower() == c else c
        for i, c in enumerate(word)
    ]
    if original[:1].isupper():
        out[0] = out[0].upper()
    return "".join(out)


def is_name_like(word: str) -> bool:
    """Abbreviations, Latin and mixed words: written as they are, never inflected."""
    return (len(word) > 1 and word.isupper()) or not any("а" <= c <= "я" or c == "ё" for c in word.lower())


def _head_index(words: list[str]) -> int | None:
    for i, word in enumerate(words):
        if is_name_like(word):
            return None if i == 0 else i
        tags = {p.tag.POS for p in parse(word)}
        if "NOUN" in tags and not (
            tags & MODIFIERS and i + 1 < len(words) and _could_modify(word, words[i + 1])
        ):
            return i
    return None


def _could_modify(word: str, following: str) -> bool:
    """Whether an adjective reading of a word agrees with a noun reading of the next one."""
    for a in parse(word):
        if a.tag.POS in MODIFIERS:
            for n in parse(following):
                if n.tag.POS == "NOUN" and (_agree(a.tag, n.tag) or _one_of(a, n)):
                    return True
    return False


def _agree(modifier, noun) -> bool:
    if modifier.case != noun.case or modifier.number != noun.number:
        return False
    return noun.number == "plur" or modifier.gender in (None, noun.gender)


def _one_of(modifier, noun) -> bool:
    """One of the places a shared plural noun stands for: "Жамбылской" of "Жамбылской областях"."""
    return (
        modifier.tag.POS in MODIFIERS
        and noun.tag.number == "plur"
        and noun.normal_form in PLACE_HEADS
        and modifier.tag.number == "sing"
        and modifier.tag.case == noun.tag.case
        and modifier.tag.gender == parse(noun.normal_form)[0].tag.gender
    )


def _preference(p, kind: str) -> float:
    bonus = {"LOC": "Geox", "ORG": "Orgn"}.get(kind)
    penalty = 0.5 if ({"Name", "Surn", "Patr"} & set(p.tag.grammemes)) else 1.0
    if p.tag.number == "plur" and "Pltm" not in p.tag:
        penalty *= 0.3  # a name is one thing: «Самрук» is not the plural of a guessed "самрука"
    return p.score * penalty * (4.0 if bonus and bonus in p.tag else 1.0)


def _best_head(words: list[str], head: int, kind: str):
    """The head noun's reading that its adjectives agree with (likeliest first)."""
    best, best_score = None, -1.0
    for n in parse(words[head]):
        if n.tag.POS != "NOUN":
            continue
        score = _preference(n, kind)
        modifiers = []
        for word in words[:head]:
            agreeing = [
                a for a in parse(word) if a.tag.POS in MODIFIERS and (_agree(a.tag, n.tag) or _one_of(a, n))
            ]
            if not agreeing:
                score = -1.0
                break
            modifiers.append(max(agreeing, key=lambda a: a.score))
            score += max(a.score for a in agreeing)
        if score > best_score:
            best, best_score = (n, modifiers), score
    return best


def _unknown_nominative(word: str) -> bool:
    """A word the dictionary does not know whose likeliest guess is a plural: left as written
    («Самрук» is not the genitive plural of a guessed "самрука")."""
    parses = parse(word)
    return not morph().word_is_known(word.lower()) and bool(parses) and parses[0].tag.number == "plur"


def nominative(words: list[str], kind: str) -> str:
    """A phrase in the nominative: "Федеральной службы безопасности" → "Федеральная служба безопасности"."""
    if not words:
        return ""
    if len(words) == 1 and (place := known_place(words[0])):
        return place
    head = _head_index(words)
    if head is None or (head == 0 and _unknown_nominative(words[0])):
        return " ".join(words)
    found = _best_head(words, head, kind)
    if found is None:
        return " ".join(words)
    noun, modifiers = found
    # A plural place noun is shared by names joined by "и": each is one place ("области").
    plural = noun.tag.number == "plur" and not (modifiers and all(_one_of(m, noun) for m in modifiers))
    target = {"nomn", "plur" if plural else "sing"}
    gender = parse(noun.normal_form)[0].tag.gender if not plural else None
    inflected = noun.inflect(target)
    if inflected is None or "Fixd" in noun.tag:
        out = [words[head]]
    else:
        out = [restore_case(inflected.word, words[head])]
    before = []
    for word, modifier in zip(words[:head], modifiers, strict=True):
        grammemes = set(target)
        if gender:
            grammemes.add(gender)
        form = modifier.inflect(grammemes)
        before.append(restore_case(form.word, word) if form else word)
    return " ".join(before + out + words[head + 1 :])


# Head nouns that say what a phrase names, whatever the tagger thought.
ORGANISATION_HEADS = {"суд", "служба", "комитет", "министерство", "ведомство", "банк", "агентство", "компания",
                      "корпорация", "партия", "союз", "фонд", "организация", "комиссия", "управление",
                      "департамент", "прокуратура", "академия", "университет", "театр", "клуб",
                      "ассоциация", "совет", "парламент", "правительство", "мажилис", "сенат", "дума", "биржа",
                      "холдинг", "консорциум", "акимат", "палата", "институт", "редакция", "телеканал",
                      "газета", "концерн", "госкорпорация", "трибунал"}  # fmt: skip
PLACE_HEADS = {"область", "район", "город", "село", "округ", "край", "республика", "улица", "проспект",
               "площадь", "река", "озеро", "море", "океан", "остров", "полуостров", "месторождение",
               "хребет", "пустыня", "регион", "провинция", "штат", "дворец", "залив", "пролив"}  # fmt: skip


def head_lemma(words: list[str]) -> str | None:
    """The dictionary form of a phrase's head noun, lower case ("службы" → "служба")."""
    head = _head_index(words)
    if head is None:
        return None
    nouns = [p for p in parse(words[head]) if p.tag.POS == "NOUN"]
    return nouns[0].normal_form if nouns else None


def kind_by_head(words: list[str], kind: str) -> str:
    """ORG or LOC as the head noun says ("Алматинский городской суд" is a court), else the tagger's kind."""
    lemma = head_lemma(words)
    if lemma in ORGANISATION_HEADS:
        return "ORG"
    if lemma in PLACE_HEADS:
        return "LOC"
    return kind


def agreeing_noun(adjective: str, noun: str) -> bool:
    """Whether a lower-case head noun completes a phrase that ends in an adjective
    ("Кашаганском" + "месторождении": the tagger stopped one word short)."""
    if not noun.islower() or not _could_modify(adjective, noun):
        return False
    if any(p.normal_form in ORGANISATION_HEADS | PLACE_HEADS for p in parse(noun) if p.tag.POS == "NOUN"):
        return True
    # Any noun after a word that can only be an adjective or a name ("Венецианском кинофестивале").
    return not any(
        p.tag.POS == "NOUN" and not ({"Surn", "Name"} & set(p.tag.grammemes)) for p in parse(adjective)
    )


def shares_head(adjective: str, noun: str) -> bool:
    """Whether an adjective names one of the places a plural noun stands for: "Алматинской" and
    "областях" (in "Алматинской и Жамбылской областях"): singular, same case and gender."""
    for n in parse(noun):
        if n.tag.POS == "NOUN" and n.tag.number == "plur" and n.normal_form in PLACE_HEADS:
            gender = parse(n.normal_form)[0].tag.gender
            for a in parse(adjective):
                if (
                    a.tag.POS == "ADJF"
                    and a.tag.number == "sing"
                    and a.tag.case == n.tag.case
                    and a.tag.gender == gender
                ):
                    return True
    return False
