"""Parser of captured article pages (the text format of ../shared/seed/).

The format, block by block (blocks are separated by blank lines)::

    Categories: Политика[, Другая рубрика]
    <title, one line>
    <paragraph>...            the first paragraph is the lead
    <byline: the author's name, e.g. "Ануар Нурпеисов">
    Recent Posts              optional; then triples of
    <title> / <excerpt> / <relative time: "14 часов ago", "2 дня назад", "вчера">

Pure Python, no Django: it turns text into a CapturedPage or raises ParseError naming
the line and what was expected there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .exceptions import ParseError, SourceError

CATEGORIES_PREFIX = "Categories:"
RECENT_HEADINGS = {"recent posts", "свежие записи", "последние записи", "последние новости",
                   "соңғы жазбалар"}  # fmt: skip

_UNIT_WORDS = {
    "second": ("секунд", "second", "секунд"),
    "minute": ("минут", "minute", "min"),
    "hour": ("час", "hour", "сағат"),
    "day": ("дн", "ден", "день", "day", "күн"),
    "week": ("недел", "week", "апта"),
    "month": ("месяц", "month", "ай"),
    "year": ("год", "лет", "year", "жыл"),
}
_UNIT_DELTA = {
    "second": dt.timedelta(seconds=1),
    "minute": dt.timedelta(minutes=1),
    "hour": dt.timedelta(hours=1),
    "day": dt.timedelta(days=1),
    "week": dt.timedelta(weeks=1),
    "month": dt.timedelta(days=30),
    "year": dt.timedelta(days=365),
}
_AGO = re.compile(r"^(\d{1,4})\s+(\w+)\s+(ago|назад|бұрын)$", re.IGNORECASE)
_ONE_WORD = {
    "только что": dt.timedelta(0), "just now": dt.timedelta(0), "жаңа ғана": dt.timedelta(0),
    "вчера": dt.timedelta(days=1), "yesterday": dt.timedelta(days=1), "кеше": dt.timedelta(days=1),
}  # fmt: skip
_NAME_WORD = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’.-]*$")


@dataclass(frozen=True)
class Block:
    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class RecentPost:
    title: str
    excerpt: str
    age: dt.timedelta
    line: int


@dataclass(frozen=True)
class CapturedPage:
    rubrics: list[str]
    title: str
    paragraphs: list[str]
    byline: str
    recent_posts: list[RecentPost] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return self.paragraphs[0]

    @property
    def body_paragraphs(self) -> list[str]:
        return self.paragraphs[1:]


def decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(source, line, "the file is not UTF-8 text; save it as UTF-8") from None


def parse_age(text: str) -> dt.timedelta | None:
    """'14 часов ago' → 14 hours; None when the text is not a relative time."""
    text = " ".join(text.lower().split())
    if text in _ONE_WORD:
        return _ONE_WORD[text]
    match = _AGO.match(text)
    if not match:
        return None
    count, word = int(match.group(1)), match.group(2)
    for unit, stems in _UNIT_WORDS.items():
        if any(word.startswith(stem) for stem in stems):
            return count * _UNIT_DELTA[unit]
    return None


def looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and len(text) <= 80 and all(_NAME_WORD.match(w) for w in words)


def _blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line:
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append(Block(start, tuple(current)))
            current = []
    if current:
        blocks.append(Block(start, tuple(current)))
    if blocks and len(blocks[0].lines) > 1:
        # The rubric line stands alone even when no blank line follows it.
        head = blocks[0]
        blocks[0:1] = [Block(head.line, head.lines[:1]), Block(head.line + 1, head.lines[1:])]
    return blocks


def parse_capture(text: str, source: str = "<capture>") -> CapturedPage:
    """Parse a captured page, or raise ParseError naming the line and what was expected."""
    if "\x00" in text:
        raise SourceError(source, "the file contains NUL bytes: it is binary, not a text capture")
    blocks = _blocks(text)
    if not blocks:
        raise ParseError(source, 1, f"the file is empty; expected '{CATEGORIES_PREFIX} <rubric>'")
    first = blocks[0]
    if not first.text.startswith(CATEGORIES_PREFIX):
        raise ParseError(
            source, first.line, f"expected '{CATEGORIES_PREFIX} <rubric>', got {first.text[:60]!r}"
        )
    rubrics = [r.strip() for r in first.text[len(CATEGORIES_PREFIX) :].split(",") if r.strip()]
    if not rubrics:
        raise ParseError(source, first.line, f"no rubric named after '{CATEGORIES_PREFIX}'")

    recent_at = next((i for i, b in enumerate(blocks) if b.text.lower() in RECENT_HEADINGS), len(blocks))
    article = blocks[1:recent_at]
    if not article:
        raise ParseError(source, first.line + 1, "expected the article title after the rubric line")
    title, rest = article[0], article[1:]
    if len(title.text) > 255:
        raise ParseError(source, title.line, "the title is longer than 255 characters")
    if len(rest) < 2:
        line = rest[-1].line + 1 if rest else title.line + 1
        raise ParseError(
            source, line, "expected at least one paragraph and then the byline (the author's name)"
        )
    byline = rest[-1]
    if not looks_like_name(byline.text):
        raise ParseError(
            source,
            byline.line,
            "expected the byline (the author's name, e.g. 'Ануар Нурпеисов') after the last "
            f"paragraph, got {byline.text[:60]!r}",
        )
    return CapturedPage(
        rubrics=rubrics,
        title=title.text,
        paragraphs=[b.text for b in rest[:-1]],
        byline=byline.text,
        recent_posts=_recent_posts(blocks[recent_at + 1 :], source),
    )


def _recent_posts(blocks: list[Block], source: str) -> list[RecentPost]:
    posts = []
    for i in range(0, len(blocks), 3):
        group = blocks[i : i + 3]
        if len(group) < 3:
            what = ("an excerpt", "a relative time such as '14 часов назад'")[len(group) - 1]
            raise ParseError(
                source,
                group[-1].line + 1,
                f"the recent post {group[0].text[:60]!r} is incomplete: expected {what}",
            )
        title, excerpt, when = group
        age = parse_age(when.text)
        if age is None:
            raise ParseError(
                source,
                when.line,
                f"expected a relative time such as '14 часов ago' or '2 дня назад', got {when.text[:60]!r}",
            )
        posts.append(RecentPost(title=title.text, excerpt=excerpt.text, age=age, line=title.line))
    return posts
