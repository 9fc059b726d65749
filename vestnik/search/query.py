"""What a reader typed, read as words, "phrases in quotes" and -excluded words.

Nothing the reader types reaches the database as syntax: the engines get expressions
built here from words made only of letters and digits (backends.py quotes each one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from vestnik.core.text.kazakh import kazakh_stem
from vestnik.core.text.lemmas import is_cyrillic, lemmas, words
from vestnik.core.text.stopwords import STOP_WORDS

MAX_QUERY_LENGTH = 300
MAX_WORDS = 16
# A clause: an optional minus, then a quoted phrase (the closing quote may be missing)
# or a run of anything but spaces and quotes. Typographic quotes count as quotes.
_CLAUSE = re.compile(
    r"""(?P<minus>[-−–—]?)(?:["«»“”„](?P<phrase>[^"«»“”„]*)["«»“”„]?|(?P<word>[^\s"«»“”„]+))"""
)


class QueryError(ValueError):
    """A query the search cannot run, with a message for the reader."""


@dataclass(frozen=True)
class Term:
    form: str  # as typed, normalised
    lemmas: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    terms: tuple[Term, ...]
    phrase: bool  # the words in this order and in these forms
    negated: bool


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple[Clause, ...]

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]

    @property
    def negative(self) -> list[Clause]:
        return [c for c in self.clauses if c.negated]

    def highlight_terms(self) -> tuple[set[str], list[Term]]:
        """The forms results should mark as typed, and the words to mark in any form
        (those outside phrases)."""
        terms = [t for c in self.positive for t in c.terms]
        return {t.form for t in terms}, [t for t in terms if not self._in_phrase(t)]

    def _in_phrase(self, term: Term) -> bool:
        return any(c.phrase and term in c.terms for c in self.positive)


def _term(form: str) -> Term:
    # A query has no context to tell its language: any Cyrillic word may be Kazakh ("бала"
    # is also the genitive of Russian "бал"), so its Kazakh stem is one more alternative.
    found = lemmas(form, kazakh_context=True)
    if is_cyrillic(form):
        found = tuple(dict.fromkeys((*found, kazakh_stem(form))))
    return Term(form, found)


def parse_query(text: str) -> ParsedQuery:
    """Read a reader's query; QueryError says what is wrong with one that cannot run."""
    text = (text or "").strip()
    if not text:
        raise QueryError(_("Введите слово или фразу для поиска."))
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            _("Запрос слишком длинный: %(length)s символов. Сократите его до %(limit)s.")
            % {"length": len(text), "limit": MAX_QUERY_LENGTH}
        )
    clauses = []
    for match in _CLAUSE.finditer(text):
        negated = bool(match.group("minus"))
        phrase = match.group("phrase")
        found = [_term(w.form) for w in words(phrase if phrase is not None else match.group("word"))]
        if not found:
            continue
        if phrase is not None and len(found) > 1:
            clauses.append(Clause(tuple(found), phrase=True, negated=negated))
        elif negated:
            # "-Алма-Ата" excludes articles having all its parts.
            clauses.append(Clause(tuple(found), phrase=False, negated=True))
        else:
            clauses.extend(Clause((term,), phrase=False, negated=False) for term in found)
    count = sum(len(c.terms) for c in clauses)
    if count > MAX_WORDS:
        raise QueryError(
            _("Слишком много слов в запросе: %(count)s. Можно не больше %(limit)s.")
            % {"count": count, "limit": MAX_WORDS}
        )
    if not clauses:
        raise QueryError(_("В запросе нет ни одного слова: только знаки препинания или символы."))
    if not any(not c.negated for c in clauses):
        raise QueryError(_("Добавьте слово, которое нужно найти: минус только исключает слова."))
    content = [c for c in clauses if c.phrase or not all(t.form in STOP_WORDS for t in c.terms)]
    if not any(not c.negated for c in content):
        raise QueryError(
            _("«%(text)s» есть почти в каждом материале. Добавьте ещё слово или возьмите фразу в кавычки.")
            % {"text": text}
        )
    return ParsedQuery(text, tuple(content))
