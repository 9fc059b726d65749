"""The demo newsroom: the seed capture (and a demo Kazakh translation of it) plus ~50 Russian
articles with pictures.

Idempotent: articles are keyed by source_id, authors by name, images by title, so a
second `make demo` reuses what the first loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from vestnik.images.models import NewsImage
from vestnik.importers.services import import_capture, paragraphs_html
from vestnik.news.models import ArticlePage, Author, CorrectionNote
from vestnik.news.services import ensure_rubric, ensure_site

from . import pictures
from .staff import StaffMember, ensure_staff

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_CAPTURE = DATA_DIR / "seed" / "000_30cfd75c4d8bef58.txt"
SEED_TRANSLATION = DATA_DIR / "seed" / "translation-kk.json"
ARTICLES_FILE = DATA_DIR / "articles.json"
CREDENTIALS_FILE = "demo-admin.txt"


@dataclass
class DemoReport:
    articles_created: int
    articles_total: int
    username: str
    password: str
    staff: list[StaffMember]


def demo_key(title: str) -> str:
    return "demo:" + hashlib.sha1(title.encode()).hexdigest()[:20]


def _image(title: str, data: bytes, *, alt: str, credit: str) -> NewsImage:
    existing = NewsImage.objects.filter(title=title).first()
    if existing:
        return existing
    slug = hashlib.sha1(title.encode()).hexdigest()[:12]
    image = NewsImage(title=title, alt_text=alt[:255], credit=credit[:255])
    image.file = ImageFile(io.BytesIO(data), name=f"demo-{slug}.jpg")
    image.save()
    return image


def load_demo(*, now: dt.datetime | None = None) -> DemoReport:
    now = now or timezone.now()
    home = ensure_site()
    import_capture(path=SEED_CAPTURE, captured_at=now)
    data = json.loads(ARTICLES_FILE.read_text(encoding="utf-8"))
    rubrics = {
        item["title"]: ensure_rubric(home=home, title=item["title"], description=item["description"])
        for item in data["rubrics"]
    }
    authors = {}
    for item in data["authors"]:
        author, created = Author.objects.get_or_create(
            name=item["name"], defaults={"bio": item["bio"], "position": item.get("position", "")}
        )
        if author.photo_id is None:
            author.photo = _image(f"Портрет: {author.name}", pictures.portrait(author.name),
                                  alt="", credit="Вестник")  # fmt: skip
            author.save()
        authors[author.name] = author
    created = 0
    for item in data["articles"]:
        if ArticlePage.objects.filter(source_id=demo_key(item["title"])).exists():
            continue
        _create_article(item, now=now, rubrics=rubrics, authors=authors)
        created += 1
    _translate_seed(seed_title=_seed_title(), now=now)
    username, password = ensure_admin()
    staff = ensure_staff(rubrics=rubrics)
    return DemoReport(created, ArticlePage.objects.live().count(), username, password, staff)


@transaction.atomic
def _create_article(item: dict, *, now, rubrics, authors) -> ArticlePage:
    published = now - dt.timedelta(hours=item["hours_ago"])
    image = _image(
        item["title"],
        pictures.landscape(item["title"], item["rubric"]),
        alt=item["hero_caption"],
        credit=item["hero_credit"],
    )
    article = ArticlePage(
        title=item["title"],
        lead=item["lead"],
        body=paragraphs_html(item["paragraphs"]),
        hero_image=image,
        hero_caption=item["hero_caption"],
        source_id=demo_key(item["title"]),
        first_published_at=published,
    )
    if item.get("correction"):
        corrected = published + dt.timedelta(hours=min(3, item["hours_ago"] / 2))
        article.correction_notes = [
            CorrectionNote(noted_at=corrected, text=f"<p>{escape(item['correction'])}</p>")
        ]
    rubrics[item["rubric"]].add_child(instance=article)
    article.set_byline([authors[name] for name in item["authors"]])
    article.extra_rubrics = [rubrics[name] for name in item.get("extra_rubrics", [])]
    article.tags.set(item["tags"])
    article.save_revision().publish()
    return article


def _seed_title() -> str:
    """The seed article's title: the capture's first line after the rubric line."""
    lines = [line.strip() for line in SEED_CAPTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[1]


@transaction.atomic
def _translate_seed(*, seed_title: str, now: dt.datetime) -> ArticlePage | None:
    """The seed article's demo translation into Kazakh (data/seed/translation-kk.json), so
    that a reader of the demo can switch languages on it. Made once; None if the seed is
    missing."""
    data = json.loads(SEED_TRANSLATION.read_text(encoding="utf-8"))
    key = f"demo:seed-translation-{data['language']}"
    existing = ArticlePage.objects.filter(source_id=key).first()
    if existing is not None:
        return existing
    seed = ArticlePage.objects.filter(title=seed_title, translation_of__isnull=True).first()
    if seed is None:
        return None
    published = min(now, (seed.first_published_at or now) + dt.timedelta(minutes=30))
    article = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        lead=data["lead"],
        body=paragraphs_html(data["paragraphs"]) + f"<p><i>{escape(data['demo_notice'])}</i></p>",
        hero_image=seed.hero_image,
        hero_caption=seed.hero_caption,
        content_language=data["language"],
        translation_of=seed,
        source_id=key,
        first_published_at=published,
    )
    seed.get_parent().add_child(instance=article)
    article.set_byline(seed.authors)
    article.tags.set(list(seed.tags.all()))
    article.save_revision().publish()
    return article


def ensure_admin() -> tuple[str, str]:
    """The demo superuser; its password is kept in var/demo-admin.txt between runs."""
    path = Path(settings.VAR_DIR) / CREDENTIALS_FILE
    username = "admin"
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    stored = path.read_text().split()[-1] if path.exists() else ""
    if user is not None and stored and user.check_password(stored):
        return username, stored
    password = secrets.token_urlsafe(9)
    if user is None:
        user = User.objects.create_superuser(username, "admin@example.com", password)
    else:
        user.set_password(password)
        user.save()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{username} {password}\n")
    path.chmod(0o600)
    return username, password
