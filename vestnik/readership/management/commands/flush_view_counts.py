from django.core.management.base import BaseCommand

from vestnik.readership.counters import flush


class Command(BaseCommand):
    help = "Add the view counters (Redis) to the database now; the site also does it once a minute."

    def handle(self, *args, **options):
        written = flush()
        self.stdout.write(f"{written} views written")
