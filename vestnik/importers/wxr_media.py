"""WordPress attachments → Vestnik images (and documents), found on disk or at their URL.

An attachment's file is looked for in ``--media-dir`` (a copy of ``wp-content/uploads``)
by its path under ``uploads/``, then fetched from the export's URL when that is allowed
and reachable. A file that is missing, unreachable or not what it claims to be is a
warning, never the end of the import.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from PIL import Image, UnidentifiedImageError

FETCH_TIMEOUT = 10
# WordPress's resized copies and "big image" copies of one upload: photo-300x200.jpg,
# photo-scaled.jpg, photo-1024x683-1.jpg all stand for photo.jpg.
_SIZE_SUFFIX = re.compile(r"(?:-\d+x\d+|-scaled|-rotated|-e\d{10,})+(?=(?:-\d+)?\.\w+$)")
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "AVIF", "HEIF"}


def uploads_path(url_or_path: str) -> str:
    """The path under ``wp-content/uploads`` ("2024/05/photo.jpg"), decoded; "" if none."""
    path = unquote(urlsplit(url_or_path).path)
    marker = "/uploads/"
    if marker in path:
        return path.split(marker, 1)[1].lstrip("/")
    return path.lstrip("/") if "://" not in url_or_path and url_or_path else ""


def original_path(path: str) -> str:
    """The upload a resized copy was made from: "2024/05/photo-300x200.jpg" → "2024/05/photo.jpg"."""
    return _SIZE_SUFFIX.sub("", path)


@dataclass
class MediaFile:
    name: str
    data: bytes
    kind: str  # "image" or "document"


class MediaMissing(Exception):
    """The file is neither in the media directory nor at its URL; the message says where we looked."""


def find_media(*, url: str, attached_file: str, media_dir: Path | None, fetch: bool) -> MediaFile:
    relative = attached_file or uploads_path(url)
    looked = []
    if media_dir is not None and relative:
        candidate = (media_dir / relative).resolve()
        # A hostile export may say "../../etc/passwd": only files inside the media directory.
        if media_dir.resolve() in candidate.parents and candidate.is_file():
            return _checked(PurePosixPath(relative).name, candidate.read_bytes())
        looked.append(str(media_dir / relative))
    if fetch and url.startswith(("http://", "https://")):
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "Vestnik WXR import"})
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 — http(s) only
                limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
                data = response.read(limit + 1)
                if len(data) > limit:
                    raise MediaMissing(f"{url} is larger than {limit // (1024 * 1024)} MB")
            return _checked(PurePosixPath(unquote(urlsplit(url).path)).name, data)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            looked.append(f"{url} ({getattr(exc, 'reason', exc)})")
    elif url:
        looked.append(f"{url} (not fetched)")
    raise MediaMissing("not found: " + "; ".join(looked) if looked else "the attachment names no file")


def _checked(name: str, data: bytes) -> MediaFile:
    """An image if Pillow reads it as one of the formats we serve, within the upload limits
    editors have (docs/security.md); else a document of an allowed type; else refused."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    if len(data) > limit:
        raise MediaMissing(f"{name}: {len(data) // 2**20} MB is over the {limit // 2**20} MB limit")
    try:
        with Image.open(BytesIO(data)) as image:
            pixels = image.width * image.height * getattr(image, "n_frames", 1)
            max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)
            if pixels > max_pixels:
                raise MediaMissing(f"{name}: {pixels:,} pixels is over the limit of {max_pixels:,}")
            image.verify()
            if image.format in IMAGE_FORMATS:
                return MediaFile(name, data, "image")
    except Image.DecompressionBombError as exc:
        raise MediaMissing(f"{name}: too many pixels for an image ({exc})") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        pass
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"}:
        raise MediaMissing(
            f"{name}: the file is not a readable image"
            + (" (SVG is refused: it can carry scripts)" if suffix == ".svg" else "")
        )
    if suffix.lstrip(".") not in getattr(settings, "WAGTAILDOCS_EXTENSIONS", []):
        raise MediaMissing(f"{name}: files of type {suffix or '(none)'} are not accepted as documents")
    return MediaFile(name, data, "document")


def store_media(media: MediaFile, *, title: str, alt: str):
    """Save the file as a Wagtail image or document and return it."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    if media.kind == "image":
        image = get_image_model()(title=title[:255] or media.name, alt_text=alt[:255],
                                  file=ImageFile(BytesIO(media.data), name=media.name))  # fmt: skip
        image._set_image_file_metadata()
        image.save()
        return image
    document = get_document_model()(
        title=title[:255] or media.name, file=File(BytesIO(media.data), name=media.name)
    )
    document._set_document_file_metadata()
    document.save()
    return document
