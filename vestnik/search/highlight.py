"""Mark the words a reader searched for, in the form the article uses them."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vestnik.core.text.excerpt import cut_excerpt
from vestnik.core.text.kazakh import has_kazakh_letters, kazakh_stem
from vestnik.core.text.lemmas import inflections, is_cyrillic, is_kazakh, words

from .query import ParsedQuery

SNIPPET_LENGTH = 260
FRAGMENTS = 2
ELLIPSIS = "…"


class Matcher:
    """Which words of a text a search marks: the forms typed, every inflection of the words
    outside phrases, and in Kazakh the words with a searched stem.

    The inflections are generated once per query; lemmatizing each word of each result
    instead would read pymorphy3's dictionary at random and grow its cache of lemmas
    with every text a worker shows.
    """

    def __init__(self, query: ParsedQuery):
        self.forms, loose = query.highlight_terms()
        for term in loose:
            self.forms |= inflections(term.form)
        self.stems = {lemma for term in loose for lemma in term.lemmas}

    def spans(self, text: str) -> list[tuple[int, int]]:
        kazakh = is_kazakh(text)
        return [(w.start, w.end) for w in words(text) if self._marks(w.form, kazakh)]

    def _marks(self, form: str, kazakh: bool) -> bool:
        if form in self.forms:
            return True
        return (kazakh or has_kazakh_letters(form)) and is_cyrillic(form) and kazakh_stem(form) in self.stems


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out, position = [], offset
    for start, end in spans:
        out += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight_title(title: str, matcher: Matcher) -> SafeString:
    return mark_safe(_marked(title, matcher.spans(title)))  # noqa: S308 — every piece escaped


def snippet(text: str, matcher: Matcher, length: int = SNIPPET_LENGTH) -> SafeString:
    """Up to FRAGMENTS windows of text around the matched words, with the words marked.

    Windows begin and end on word boundaries; "…" shows where text was left out. With no
    match in the text (the article matched by its tags or author), its opening is shown.
    """
    spans = matcher.spans(text)
    if not spans:
        return mark_safe(escape(cut_excerpt(text, length)))  # noqa: S308
    window = length // FRAGMENTS
    pieces, covered_to = [], 0
    for start, _end in spans:
        if start < covered_to:
            continue
        begin = max(0, start - window // 3)
        if begin > 0:
            space = text.find(" ", begin)
            begin = space + 1 if 0 <= space < start else begin
        stop = min(len(text), begin + window)
        if stop < len(text):
            space = text.rfind(" ", begin, stop)
            stop = space if space > _end else stop
        inside = [(s, e) for s, e in spans if s >= begin and e <= stop]
        piece = _marked(text[:stop], inside, begin)
        pieces.append((begin, stop, piece))
        covered_to = stop
        if len(pieces) == FRAGMENTS:
            break
    text_out = " … ".join(piece.strip() for _begin, _stop, piece in pieces)
    if pieces[0][0] > 0:
        text_out = ELLIPSIS + text_out
    if pieces[-1][1] < len(text):
        text_out += ELLIPSIS
    return mark_safe(text_out)  # noqa: S308
