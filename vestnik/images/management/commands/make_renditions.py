"""`manage.py make_renditions`: the renditions readers' pages ask for, made for every picture
a live article shows and every author's photo (after an import, or when a template asks for
a new size)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from vestnik.images.models import NewsImage
from vestnik.images.renditions import PORTRAIT_SPECS, READER_SPECS, make_reader_renditions
from vestnik.news.models import ArticlePage, Author


class Command(BaseCommand):
    help = (
        "Сделать для картинок опубликованных материалов и фотографий авторов все размеры, которые "
        "показывают страницы читателей, чтобы их не делал первый читатель (после импорта или смены размеров)."
    )

    def handle(self, *args, **options):
        heroes = ArticlePage.objects.live().exclude(hero_image=None).values("hero_image_id")
        photos = Author.objects.exclude(photo=None).values("photo_id")
        made = done = 0
        failed: list[str] = []
        for used, specs in ((heroes, READER_SPECS), (photos, PORTRAIT_SPECS)):
            for image in NewsImage.objects.filter(pk__in=used).order_by("pk").iterator(chunk_size=200):
                try:
                    made += make_reader_renditions(image, specs)
                except OSError as error:  # the original is missing or unreadable (SourceImageIOError)
                    failed.append(f"картинка {image.pk} «{image.title}» ({image.file.name}): {error}")
                done += 1
        self.stdout.write(f"Картинок: {done}, сделано размеров: {made}.")
        if failed:
            raise CommandError("Не удалось сделать размеры:\n" + "\n".join(failed))
