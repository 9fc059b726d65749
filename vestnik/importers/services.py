"""Writes of the importers: all or nothing, and idempotent by a source key."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from vestnik.news.models import ArticlePage, Author
from vestnik.news.services import ensure_rubric, ensure_site

from .capture import CapturedPage, decode, parse_capture
from .exceptions import SourceError

RECENT_RUBRIC_DEFAULT = "Новости"


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would be" if self.dry_run else ""
        parts = [f"{len(self.created)} created", f"{len(self.updated)} updated",
                 f"{len(self.unchanged)} unchanged"]  # fmt: skip
        return (f"{verb} " if verb else "") + ", ".join(parts)


class _DryRunRollback(Exception):
    pass


def capture_key(title: str) -> str:
    """The source key of a captured article: its title, normalised."""
    normal = " ".join(title.lower().replace("ё", "е").split())
    return "capture:" + hashlib.sha1(normal.encode()).hexdigest()[:20]


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def import_capture(
    *,
    path: Path,
    captured_at: dt.datetime,
    published_at: dt.datetime | None = None,
    recent_rubric: str = RECENT_RUBRIC_DEFAULT,
    dry_run: bool = False,
) -> ImportReport:
    """Import a captured page: its rubric, author, article and its recent posts.

    The whole file is parsed before anything is written, and everything is written in
    one transaction, so a bad file leaves the database untouched. Articles are keyed by
    their title (``capture_key``); a rerun leaves existing ones as they are, and their
    publication times are set once, on creation, from ``captured_at`` minus the
    relative time the capture shows.
    """
    if timezone.is_naive(captured_at):
        raise ValueError("captured_at must carry a time zone")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(str(path), f"cannot read the file: {exc.strerror}") from None
    page = parse_capture(decode(data, str(path)), source=str(path))
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            _write_capture(page, captured_at, published_at or captured_at, recent_rubric, report)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return report


def _write_capture(page: CapturedPage, captured_at, published_at, recent_rubric, report):
    home = ensure_site()
    primary, *extra = [ensure_rubric(home=home, title=title) for title in page.rubrics]
    author, _ = Author.objects.get_or_create(name=page.byline)
    existing = ArticlePage.objects.filter(source_id=capture_key(page.title)).first()
    wanted = {
        "title": page.title,
        "lead": page.lead,
        "body": paragraphs_html(page.body_paragraphs),
    }
    if existing is None:
        article = ArticlePage(source_id=capture_key(page.title), first_published_at=published_at, **wanted)
        primary.add_child(instance=article)
        _set_relations(article, authors=[author], extra_rubrics=extra)
        article.save_revision().publish()
        report.created.append(page.title)
    elif _differs(existing, wanted, [author], extra):
        for name, value in wanted.items():
            setattr(existing, name, value)
        _set_relations(existing, authors=[author], extra_rubrics=extra)
        existing.save_revision().publish()
        report.updated.append(page.title)
    else:
        report.unchanged.append(page.title)

    if page.recent_posts:
        stub_rubric = ensure_rubric(home=home, title=recent_rubric)
    for post in page.recent_posts:
        key = capture_key(post.title)
        if post.title == page.title or ArticlePage.objects.filter(source_id=key).exists():
            # Never overwrite an article with the excerpt another page showed of it.
            report.unchanged.append(post.title)
            continue
        stub = ArticlePage(
            title=post.title,
            lead=post.excerpt,
            body="",
            source_id=key,
            first_published_at=captured_at - post.age,
        )
        stub_rubric.add_child(instance=stub)
        stub.save_revision().publish()
        report.created.append(post.title)


def _set_relations(article: ArticlePage, *, authors: list[Author], extra_rubrics) -> None:
    article.set_byline(authors)
    article.extra_rubrics.set(extra_rubrics)


def _differs(article: ArticlePage, wanted: dict, authors, extra_rubrics) -> bool:
    latest = article.get_latest_revision_as_object()
    if any(getattr(latest, name) != value for name, value in wanted.items()):
        return True
    if [link.author_id for link in latest.article_authors.all()] != [a.pk for a in authors]:
        return True
    return sorted(r.pk for r in latest.extra_rubrics.all()) != sorted(r.pk for r in extra_rubrics)
