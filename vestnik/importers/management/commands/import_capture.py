from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vestnik.importers.exceptions import VestnikImportError
from vestnik.importers.services import RECENT_RUBRIC_DEFAULT, import_capture


def aware_datetime(value: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"not an ISO 8601 date and time: {value!r} (e.g. 2025-11-09T10:00+05:00)"
        ) from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class Command(BaseCommand):
    help = (
        "Import a captured article page (rubric line, title, paragraphs, byline, Recent Posts). "
        "Idempotent: a rerun changes nothing. A malformed file is refused whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the captured page, UTF-8 text")
        parser.add_argument(
            "--captured-at",
            help="when the page was captured (ISO 8601; default: now). Recent posts' times "
            "are computed back from it.",
        )
        parser.add_argument(
            "--published-at",
            help="publication time of the main article (default: the capture time)",
        )
        parser.add_argument(
            "--recent-rubric",
            default=RECENT_RUBRIC_DEFAULT,
            help=f"rubric for the recent posts, whose rubric the capture does not show (default: {RECENT_RUBRIC_DEFAULT})",
        )
        parser.add_argument("--dry-run", action="store_true", help="report without writing")

    def handle(self, *args, path, captured_at, published_at, recent_rubric, dry_run, **options):
        captured = aware_datetime(captured_at) if captured_at else timezone.now()
        published = aware_datetime(published_at) if published_at else None
        try:
            report = import_capture(
                path=path,
                captured_at=captured,
                published_at=published,
                recent_rubric=recent_rubric,
                dry_run=dry_run,
            )
        except VestnikImportError as exc:
            raise CommandError(f"{exc}. Nothing was imported.") from None
        for title in report.created:
            self.stdout.write(f"  created   {title}")
        for title in report.updated:
            self.stdout.write(f"  updated   {title}")
        self.stdout.write(self.style.SUCCESS(f"{path}: {report.summary()}"))
