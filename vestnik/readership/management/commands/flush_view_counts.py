from django.conf import settings
from django.core.management.base import BaseCommand

from vestnik.readership.counters import flush


class Command(BaseCommand):
    help = "Add the view counters kept in Redis to the database now; the site also does it once a minute."

    def handle(self, *args, **options):
        if not settings.REDIS_URL:
            self.stdout.write(
                "REDIS_URL is not set: each web process keeps its own tally and adds it to the "
                "database once a minute; there is nothing to flush from here."
            )
            return
        self.stdout.write(f"{flush()} views written")
