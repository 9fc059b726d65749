"""`manage.py import_wxr export.xml [--media-dir DIR] [--dry-run]` — see docs/import.md."""

from __future__ import annotations

import zoneinfo
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vestnik.core.progress import Progress
from vestnik.importers.exceptions import VestnikImportError
from vestnik.importers.wxr_import import ItemFailed, import_wxr


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.0–1.2): authors, categories, tags, media, posts and pages, "
        "with redirects from every old address. Idempotent and resumable: run it again after an "
        "interruption or with a newer export."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the WXR file (Tools → Export in WordPress)")
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="a copy of wp-content/uploads; files not found there are fetched from the export's URLs",
        )
        parser.add_argument("--no-fetch", action="store_true", help="never download media from the old site")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
        parser.add_argument("--batch-size", type=int, default=100, help="items per transaction (default 100)")
        parser.add_argument(
            "--time-zone",
            default=settings.TIME_ZONE,
            help=f"the WordPress site's time zone, for drafts without a GMT date (default {settings.TIME_ZONE})",
        )

    def handle(self, *args, path, media_dir, no_fetch, dry_run, batch_size, time_zone, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        try:
            zoneinfo.ZoneInfo(time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise CommandError(f"--time-zone: unknown time zone {time_zone!r} (e.g. Asia/Almaty)") from None
        progress = Progress(self.stderr, "Posts and pages", per_second="/s", left="left")
        try:
            report = import_wxr(path, media_dir=media_dir, fetch_media=not no_fetch, dry_run=dry_run,
                                batch_size=batch_size, time_zone=time_zone, progress=progress)  # fmt: skip
        except KeyboardInterrupt:
            progress.finish()
            raise CommandError(
                "Interrupted. Every batch before this one is saved, the one in progress was rolled back; "
                "run the same command again to resume."
            ) from None
        except ItemFailed as exc:
            progress.finish()
            raise CommandError(
                f"{exc}. Nothing of the current batch was written; earlier batches are saved, "
                "and a rerun resumes after them."
            ) from None
        except VestnikImportError as exc:
            progress.finish()
            raise CommandError(f"{exc}. Nothing was imported.") from None
        progress.finish()
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"  warning  {warning}"))
        self.stdout.write(self.style.SUCCESS(f"{path}: {report.summary()}"))
