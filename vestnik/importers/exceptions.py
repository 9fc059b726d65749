"""Errors the importers raise, from the most general to the most specific.

VestnikImportError            anything an importer refuses to do; nothing was written
└── SourceError               the source as a whole cannot be read (missing, not UTF-8)
    └── ParseError            a place in the source is not what the format expects;
                              carries the file, the 1-based line and what was expected
"""

from __future__ import annotations


class VestnikImportError(Exception):
    """An import was refused; the database is as it was before the run."""


class SourceError(VestnikImportError):
    """The source cannot be read at all."""

    def __init__(self, source: str, message: str):
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}")


class ParseError(SourceError):
    """A line of the source breaks the format: says which line and what was expected."""

    def __init__(self, source: str, line: int, message: str):
        self.line = line
        super().__init__(source, message)
        self.args = (f"{source}, line {line}: {message}",)
