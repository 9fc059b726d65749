"""Safe names for uploaded files: Latin letters, digits and hyphens, one short extension.

Folders, control characters, dots and spaces in the name a browser sent are never kept;
Cyrillic and Kazakh are transliterated with the site's slug table, so
``Фото Астана 2025.JPG`` is stored as ``foto-astana-2025.jpg``.
"""

from __future__ import annotations

import re
import unicodedata

from .translit import make_slug

_NOT_EXTENSION = re.compile(r"[^a-z0-9]")


def safe_file_name(name: str, *, max_length: int = 60, fallback: str = "file") -> str:
    """``name`` without any folder part, its stem made a slug of at most ``max_length``
    characters (``fallback`` when nothing of it can be written in Latin letters) and its
    extension lowercased ASCII of at most 10 characters."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""
    extension = _NOT_EXTENSION.sub("", extension.lower())[:10]
    slug = make_slug(stem, max_length=max_length) or fallback
    return f"{slug}.{extension}" if extension else slug
