import importlib.util

from django.core.management.base import BaseCommand, CommandError

from vestnik.core.progress import Progress
from vestnik.entities.services import enrich_archive


class Command(BaseCommand):
    help = (
        "Analyse every published article: people, organisations and places as suggestions, related "
        "articles and timelines (docs/entities.md). Resumable: articles whose live version was "
        "analysed already are skipped unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="analyse again articles analysed already")

    def handle(self, *args, force, **options):
        # Said before the first article rather than as a traceback in the middle of the archive.
        if importlib.util.find_spec("natasha") is None:
            raise CommandError(
                "natasha is not installed: the entity extraction needs it (pip install -r requirements.lock)"
            )
        progress = Progress(self.stdout, "Анализ материалов", per_second=" мат./с")
        analysed, total = enrich_archive(force=force, progress=progress)
        progress.finish()
        self.stdout.write(self.style.SUCCESS(f"{analysed} of {total} published articles analysed."))
