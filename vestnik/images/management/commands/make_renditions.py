"""`manage.py make_renditions`: the renditions readers' pages ask for, made for every picture
a live article shows (after an import, or when a template asks for a new size)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from vestnik.images.models import NewsImage
from vestnik.images.renditions import make_reader_renditions
from vestnik.news.models import ArticlePage


class Command(BaseCommand):
    help = (
        "Сделать для картинок опубликованных материалов все размеры, которые показывают страницы "
        "читателей, чтобы их не делал первый читатель (после импорта или смены размеров)."
    )

    def handle(self, *args, **options):
        used = ArticlePage.objects.live().exclude(hero_image=None).values("hero_image_id")
        images = NewsImage.objects.filter(pk__in=used).order_by("pk")
        made = done = 0
        failed: list[str] = []
        for image in images.iterator(chunk_size=200):
            try:
                made += make_reader_renditions(image)
            except OSError as error:  # the original is missing or unreadable (SourceImageIOError)
                failed.append(f"картинка {image.pk} «{image.title}» ({image.file.name}): {error}")
            done += 1
        self.stdout.write(f"Картинок: {done}, сделано размеров: {made}.")
        if failed:
            raise CommandError("Не удалось сделать размеры:\n" + "\n".join(failed))
