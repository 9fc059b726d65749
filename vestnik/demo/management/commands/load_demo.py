from django.core.management.base import BaseCommand

from vestnik.demo.enrichment import enrich_demo
from vestnik.demo.services import load_demo


class Command(BaseCommand):
    help = (
        "Load the seed capture and the demo newsroom (idempotent) and print the credentials of the "
        "admin and of one user per newsroom role."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", default="8000", help="the port the demo is served on, for the printed URL"
        )

    def handle(self, *args, port, **options):
        report = load_demo()
        self.stdout.write(
            f"Demo newsroom: {report.articles_created} articles added, {report.articles_total} published."
        )
        self.stdout.write(self.style.SUCCESS(
            f"Admin: http://127.0.0.1:{port}/admin/  user: {report.username}  password: {report.password}"
        ))  # fmt: skip
        for member in report.staff:
            self.stdout.write(self.style.SUCCESS(
                f"{member.role}: user: {member.username}  password: {member.password}"
            ))  # fmt: skip
        self.stdout.write(enrich_demo())
