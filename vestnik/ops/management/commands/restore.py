"""`python -m vestnik restore FILE [--force]`: see vestnik/ops/backup.py."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vestnik.ops.backup import BackupError, restore

from .backup import Command as BackupCommand


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database (and its files into the media folder)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive `backup` wrote")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds a site"
        )

    def handle(self, *args, file, force, **options):
        try:
            manifest = restore(file, force=force)
        except BackupError as exc:
            message = str(exc) if "after the restore" in str(exc) else f"{exc}. Nothing was restored."
            raise CommandError(message) from None
        self.stdout.write(
            self.style.SUCCESS(f"{file}: restored and checked ({BackupCommand.describe(manifest)})")
        )
