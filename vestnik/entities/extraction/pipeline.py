"""natasha's spans → corrected mentions → one entity per person, organisation or place."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import FoundEntity
from .abbreviations import (
    ALL,
    NOT_ENTITIES,
    ORGANISATIONS,
    abbreviation_of,
    fold,
    is_acronym_of,
    is_organisation_name,
    kind_of,
    standard_organisation,
    standard_place,
)
from .models import natasha_models, parse
from .persons import Context, Name, read_name
from .phrases import agreeing_noun, kind_by_head, nominative, shares_head

BRACKETS = set("()[]«»\"„“”'")
CONTEXT = 3  # words either side of a name that its reading looks at


@dataclass
class Span:
    kind: str
    start: int  # token indexes, end exclusive
    end: int
    defines: str | None = None  # "(ФСБ)" after this span: the article's own abbreviation for it
    borrowed: str | None = None  # "Алматинской [областях] и Жамбылской областях": the shared head


@dataclass
class Mention:
    kind: str
    name: str
    position: int
    person: Name | None = None
    written: str = ""  # the normalised name before a place's standard name replaced it

    def __post_init__(self) -> None:
        self.written = self.written or self.name


@dataclass
class Cluster:
    kind: str
    name: str
    position: int
    mentions: list[Mention] = field(default_factory=list)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.position = min(self.position, mention.position)


def is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper() and word.isalpha()


def _is_place_word(word: str) -> bool:
    return any("Geox" in p.tag for p in parse(word))


def _is_short_name(word: str) -> bool:
    return is_abbreviation(word) or is_organisation_name(word)


def _second_person(run: list[str]) -> int | None:
    """Where a second name starts in a run of three or more words: after a surname, a first name."""
    for i in range(1, len(run) - 1):
        before, this = parse(run[i - 1]), parse(run[i])
        surname = any("Surn" in p.tag and p.tag.case != "nomn" for p in before)
        if surname and any("Name" in p.tag and p.tag.case == "nomn" for p in this):
            return i
    return None


def split(kind: str, start: int, end: int, words: list[str]) -> list[Span]:
    """A natasha span cut at brackets and quotes: "России (ФСБ)" is a place and an organisation."""
    runs, run_start = [], None
    for i in range(start, end):
        if words[i] in BRACKETS:
            if run_start is not None:
                runs.append((run_start, i))
            run_start = None
        elif run_start is None:
            run_start = i
    if run_start is not None:
        runs.append((run_start, end))
    spans = []
    for first, last in runs:
        run = words[first:last]
        known = kind_of(run[0]) if len(run) == 1 else None
        bracketed = first > 0 and words[first - 1] == "("
        if known:
            spans.append(Span(known, first, last))
        elif bracketed and len(run) == 1 and is_abbreviation(run[0]):
            spans.append(Span("ORG", first, last))
        elif kind == "PER" and (cut := _second_person(run)):
            # "Адвокат Есекеева Даурен Жумабеков": the client's surname, then the lawyer.
            spans += [Span("PER", first, first + cut), Span("PER", first + cut, last)]
        elif kind == "ORG" and len(run) == 2 and _is_short_name(run[0]) and _is_place_word(run[1]):
            # "ФСБ России", "МВД Казахстана": the organisation and the country, each on its own.
            spans += [Span("ORG", first, first + 1), Span("LOC", first + 1, last)]
        else:
            spans.append(Span(kind, first, last))
    return spans


def _definitions(spans: list[Span], words: list[str]) -> None:
    """Mark "Full name [Country] (ABBR)": the article defines its own abbreviation."""
    for n, span in enumerate(spans):
        if span.kind != "ORG" or is_abbreviation(words[span.start]):
            continue
        for later in spans[n + 1 : n + 3]:
            if later.kind == "ORG" and later.end - later.start == 1 and is_abbreviation(words[later.start]):
                if words[later.start - 1] == "(":
                    span.defines = words[later.start]
                break
            if later.kind != "LOC":
                break


def tag(text: str):
    from natasha import Doc

    segmenter, tagger = natasha_models()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return doc


def _is_word(token: str) -> bool:
    """Whether a token belongs in a name: not a bracket, a quote, a full stop or an ellipsis."""
    return any(c.isalnum() for c in token)


def _words(span: Span, words: list[str]) -> list[str]:
    found = [w for w in words[span.start : span.end] if _is_word(w)]
    return [*found, span.borrowed] if span.borrowed else found


def _is_place_not_person(word: str) -> bool:
    parses = parse(word)
    return any("Geox" in p.tag for p in parses) and not any(
        {"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses
    )


def _is_genitive(word: str) -> bool:
    return any(p.tag.case == "gent" for p in parse(word))


PURPOSE_WORDS = 4


def _purpose_end(end: int, words: list[str]) -> int:
    """Where an organisation's name ends with its purpose: "Европейский суд" + "по правам человека"."""
    if end >= len(words) or words[end] != "по":
        return end
    stop = end + 1
    while stop < len(words) and stop - end <= PURPOSE_WORDS and words[stop].islower():
        cases = {p.tag.case for p in parse(words[stop]) if p.tag.POS in ("NOUN", "ADJF")}
        if not cases & {"datv", "gent"} or words[stop] in ("делу", "данным", "словам", "итогам", "мнению"):
            break
        stop += 1
    return stop if stop > end + 1 else end


def correct(spans: list[Span], words: list[str]) -> list[Span]:
    """The tagger's spans with what it gets wrong put right (each fix is tested on its own)."""
    out: list[Span] = []
    for span in spans:
        parts = _words(span, words)
        if not parts or (len(parts) == 1 and parts[0] in NOT_ENTITIES):
            continue
        if span.kind == "PER" and len(parts) == 1 and _is_place_not_person(parts[0]):
            span.kind = "LOC"  # "посетила Караганду": a city the tagger took for a woman
        if span.kind in ("ORG", "LOC"):
            after = span.end
            if after < len(words) and agreeing_noun(words[after - 1], words[after]):
                span.end += 1  # "Кашаганском месторождении"
            span.kind = kind_by_head(_words(span, words), span.kind)
            if span.kind == "ORG":
                span.end = _purpose_end(span.end, words)
        previous = out[-1] if out else None
        if (
            previous
            and previous.kind == "ORG"
            and span.kind == "LOC"
            and span.start == previous.end
            and not _is_short_name(words[previous.start])
            and abbreviation_of(nominative(_words(previous, words), "ORG")) is None
            and all(_is_genitive(w) for w in parts)
        ):
            previous.end = span.end  # "Министерство здравоохранения" + "Киргизии": one name
            continue
        out.append(span)
    _share_heads(out, words)
    return out


def _share_heads(spans: list[Span], words: list[str]) -> None:
    """ "Алматинской и Жамбылской областях": the first adjective takes the shared noun."""
    for this, following in zip(spans, spans[1:], strict=False):
        if (
            this.end - this.start == 1
            and this.end + 1 == following.start
            and words[this.end] == "и"
            and following.end - following.start == 2
            and shares_head(words[this.start], words[following.start + 1])
        ):
            this.borrowed = words[following.start + 1]


def spans_of(doc) -> tuple[list[str], list[int], list[Span]]:
    words = [t.text for t in doc.tokens]
    index = {t.start: i for i, t in enumerate(doc.tokens)}
    sentence = []
    for n, sent in enumerate(doc.sents):
        sentence += [n] * len(sent.tokens)
    spans: list[Span] = []
    for s in doc.spans:
        spans += split(s.type, index[s.tokens[0].start], index[s.tokens[-1].start] + 1, words)
    spans = correct(spans, words)
    covered = {i for span in spans for i in range(span.start, span.end)}
    # Abbreviations natasha left untagged ("КНБ", "РК" in a list).
    spans += [Span(kind_of(w), i, i + 1) for i, w in enumerate(words) if w in ALL and i not in covered]
    spans.sort(key=lambda span: span.start)
    _definitions(spans, words)
    return words, sentence, spans


def _context(
    span: Span, words: list[str], sentence: list[int], seen: frozenset[str] = frozenset()
) -> Context:
    same = sentence[span.start]
    before = [w for i, w in enumerate(words[max(0, span.start - CONTEXT) : span.start], span.start - CONTEXT)
              if i >= 0 and sentence[i] == same]  # fmt: skip
    after = [w for i, w in enumerate(words[span.end : span.end + CONTEXT], span.end) if sentence[i] == same]
    return Context(tuple(before), tuple(after), seen)


def _name_words(tokens: list[str]) -> list[str]:
    """A name's words, an initial with its full stop ("В.", "В.", "Путин")."""
    out: list[str] = []
    for token in tokens:
        if token == "." and out and len(out[-1]) == 1 and out[-1].isupper():
            out[-1] += "."
        elif _is_word(token):
            out.append(token)
    return out


def mentions_of(
    words: list[str], sentence: list[int], spans: list[Span]
) -> tuple[list[Mention], dict[str, str]]:
    mentions: list[Mention] = []
    definitions: dict[str, str] = {}
    seen = frozenset(w.lower() for w in words)
    people = [(span, _name_words(words[span.start : span.end])) for span in spans if span.kind == "PER"]
    people = [(span, parts) for span, parts in people if parts and any(w[:1].isupper() for w in parts)]
    full = {
        id(span): read_name(parts, _context(span, words, sentence, seen))
        for span, parts in people
        if len(parts) > 1
    }
    known = tuple(full.values())
    for span, parts in people:
        name = full.get(id(span)) or read_name(parts, _context(span, words, sentence), known)
        mentions.append(Mention("PER", " ".join(name.words), span.start, name))
    for span in spans:
        if span.kind == "PER":
            continue
        parts = _words(span, words)
        written = nominative(parts, span.kind)
        kind = span.kind
        if is_organisation_name(written):
            kind = "ORG"  # "Евросоюз" tagged as a place
        elif standard_place(written) != written:
            kind = "LOC"  # "Российская Федерация" tagged as an organisation
        name = standard_place(written) if kind == "LOC" else standard_organisation(written)
        if not name or not any(c.isalpha() for c in name):
            continue
        mentions.append(Mention(kind, name, span.start, written=written))
        if span.defines:
            definitions[span.defines] = name
    # A word the tagger called a place or an organisation that is a surname of a person named
    # in the article is that person ("Илон Маск … Маск отметил").
    surnames = {m.person.surname: m.person for m in mentions if m.person and len(m.person.words) > 1}
    for m in mentions:
        if m.kind != "PER" and " " not in m.name and fold(m.name) in surnames:
            m.kind, m.person = "PER", Name((m.name,), surnames[fold(m.name)].gender)
    mentions.sort(key=lambda m: m.position)
    return mentions, definitions


def _person_key(name: Name) -> tuple[str, str]:
    words = [w.lower() for w in name.words]
    if len(words) > 2 and any("Patr" in p.tag for p in parse(words[1])):
        words = [words[0], *words[2:]]  # the patronymic is an alias, not another person
    return words[0], " ".join(words[1:])


def _last_before(cluster: Cluster, position: int) -> int:
    return max((x.position for x in cluster.mentions if x.position < position), default=-1)


def _cluster_people(mentions: list[Mention]) -> list[Cluster]:
    clusters: dict[tuple[str, str], Cluster] = {}
    surnames: list[Mention] = []
    for m in mentions:
        if m.person and len(m.person.words) > 1 and len(m.person.words[0]) > 1:
            key = _person_key(m.person)
            if key not in clusters:
                first, rest = key
                name = " ".join(w for w in m.person.words if w.lower() in (first, *rest.split()))
                clusters[key] = Cluster("PER", name, m.position)
            clusters[key].add(m)
        else:
            surnames.append(m)
    alone: dict[str, Cluster] = {}
    for m in surnames:
        surname = m.person.surname if m.person else fold(m.name)
        candidates = [
            c for (first, rest), c in clusters.items()
            if rest.split()[-1] == surname
            and (m.person is None or len(m.person.words) == 1 or first.startswith(m.person.words[0].lower()))
            and (m.person is None or m.person.gender in (None, c.mentions[0].person.gender))
        ]  # fmt: skip
        if candidates:
            # Two people of one surname and gender: the one named last before this mention.
            max(candidates, key=lambda c, at=m.position: _last_before(c, at)).add(m)
        else:
            alone.setdefault(surname, Cluster("PER", m.name, m.position)).add(m)
    return [*clusters.values(), *alone.values()]


def _cluster_things(mentions: list[Mention], definitions: dict[str, str]) -> list[Cluster]:
    clusters: dict[str, Cluster] = {}
    abbreviations: list[Mention] = []
    for m in mentions:
        if is_abbreviation(m.name) and m.kind == "ORG":
            abbreviations.append(m)
            continue
        clusters.setdefault(fold(m.name), Cluster(m.kind, m.name, m.position)).add(m)
    # "Национальный банк" is the "Национальный банк Казахстана" named earlier or later.
    for key in sorted(clusters, key=len):
        longer = [k for k in clusters if k.startswith(key + " ") and clusters[k].kind == "ORG"]
        if clusters[key].kind == "ORG" and longer:
            for m in clusters.pop(key).mentions:
                clusters[min(longer, key=len)].add(m)
    for m in abbreviations:
        full = definitions.get(m.name) or ORGANISATIONS.get(m.name)
        target = None
        for key, c in clusters.items():
            if c.kind == "LOC" and not any(x.kind == "ORG" for x in c.mentions):
                continue
            if (full and (key == fold(full) or key.startswith(fold(full) + " "))) or is_acronym_of(
                m.name, c.name
            ):
                target = c
                break
        if target is None:
            target = clusters.setdefault(fold(m.name), Cluster("ORG", m.name, m.position))
        target.add(m)
    for c in clusters.values():
        kinds = Counter(m.kind for m in c.mentions)
        c.kind = max(kinds, key=lambda k: (kinds[k], -min(m.position for m in c.mentions if m.kind == k)))
    return list(clusters.values())


def _entity(cluster: Cluster) -> FoundEntity:
    aliases = dict.fromkeys(m.written for m in sorted(cluster.mentions, key=lambda m: m.position))
    aliases.pop(cluster.name, None)
    if cluster.kind == "ORG" and not is_abbreviation(cluster.name):
        known = abbreviation_of(cluster.name)
        if known and known in aliases:
            aliases = {known: None, **{a: None for a in aliases if a != known}}
    return FoundEntity(cluster.kind, cluster.name, len(cluster.mentions), tuple(aliases))


def extract(text: str) -> list[FoundEntity]:
    if not text.strip():
        return []
    words, sentence, spans = spans_of(tag(text))
    mentions, definitions = mentions_of(words, sentence, spans)
    people = _cluster_people([m for m in mentions if m.kind == "PER"])
    things = _cluster_things([m for m in mentions if m.kind != "PER"], definitions)
    clusters = sorted(people + things, key=lambda c: (-len(c.mentions), c.position))
    return [_entity(c) for c in clusters]
