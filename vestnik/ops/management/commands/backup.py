"""`python -m vestnik backup [FILE]` / `backup --verify FILE`: see vestnik/ops/backup.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vestnik.ops.backup import BackupError, backup, verify


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one verified archive, or verify an archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", type=Path, help="the archive to write (default: var/backups/…)"
        )
        parser.add_argument("--verify", action="store_true", dest="verify_only", help="only check an archive")

    def handle(self, *args, file, verify_only: bool, **options):
        try:
            if verify_only:
                if file is None:
                    raise CommandError("--verify needs the archive to check")
                manifest = verify(file)
                self.stdout.write(self.style.SUCCESS(f"{file}: sound ({self.describe(manifest)})"))
                return
            if file is None:
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                file = Path(settings.VAR_DIR) / "backups" / f"vestnik-{stamp}.tar"
            manifest = backup(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"{file}: written and verified ({self.describe(manifest)})"))

    @staticmethod
    def describe(manifest: dict) -> str:
        counts = manifest["counts"]
        return (f"{manifest['engine']}, {counts['news_articlepage']} articles, {counts['wagtailcore_revision']} "
                f"revisions, {len(manifest['files']) - 1} files, made {manifest['created_at']}")  # fmt: skip
