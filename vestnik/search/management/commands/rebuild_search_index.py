"""Rebuild the search index, or only what is stale, with a progress bar; resumable."""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand, CommandError

from vestnik.search import services


class Progress:
    """One line that redraws itself on a terminal, or a line per 10% elsewhere."""

    def __init__(self, stream, label: str):
        self.stream, self.label = stream, label  # a command's OutputWrapper
        self.started = time.monotonic()
        self.tty = stream.isatty()
        self.last_decile = -1

    def __call__(self, done: int, total: int) -> None:
        total = max(total, done, 1)
        share = done / total
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        bar = "#" * int(share * 30)
        line = (
            f"{self.label} [{bar:<30}] {share:6.1%}  {done:,}/{total:,}  "
            f"{rate:,.0f}/с  осталось {int(left // 60)}:{int(left % 60):02d}"
        ).replace(",", " ")
        if self.tty:
            self.stream.write("\r" + line, ending="")
            self.stream.flush()
        elif int(share * 10) != self.last_decile:
            self.last_decile = int(share * 10)
            self.stream.write(line)

    def finish(self):
        if self.tty:
            self.stream.write("")


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
