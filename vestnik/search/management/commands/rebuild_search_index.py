"""Rebuild the search index, or only what is stale, with a progress bar; resumable."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError

from vestnik.core.progress import Progress
from vestnik.search import services


class Command(BaseCommand):
    help = "Перестроить поисковый индекс (все опубликованные материалы) или только устаревшее."

    def add_arguments(self, parser):
        parser.add_argument(
            "--resume",
            action="store_true",
            help="Продолжить прерванную перестройку с последней сохранённой партии.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="Сколько процессов лемматизируют тексты параллельно (по умолчанию — по числу ядер).",
        )
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Переиндексировать только устаревшие и недостающие материалы, убрать снятые с публикации.",
        )

    def handle(self, *args, resume=False, stale=False, workers=1, **options):
        if workers < 1:
            raise CommandError(f"--workers должно быть не меньше 1, а не {workers}.")
        if resume and stale:
            raise CommandError("--resume и --stale нельзя указывать вместе: выберите одно.")
        progress = Progress(self.stderr, "Индекс")
        try:
            if stale:
                count = services.reindex_stale(progress=progress)
                progress.finish()
                self.stdout.write(f"Переиндексировано устаревших материалов: {count}.")
                return
            checkpoint = services.rebuild(resume=resume, progress=progress, workers=workers)
        except KeyboardInterrupt:
            progress.finish()
            raise CommandError(
                "Прервано. Готовые партии сохранены, индекс согласован; продолжить: "
                "python manage.py rebuild_search_index --resume",
                returncode=130,
            ) from None
        progress.finish()
        self.stdout.write(
            f"Индекс перестроен: {checkpoint.done} материалов за "
            f"{(checkpoint.finished_at - checkpoint.started_at).total_seconds():.1f} с."
        )
