"""`manage.py setup_newsroom` — see docs/editorial.md."""

from django.core.management.base import BaseCommand

from vestnik.newsroom.selectors import members_without_their_role
from vestnik.newsroom.services import newsroom_setup


class Command(BaseCommand):
    help = (
        "Create or complete the newsroom's role groups, their permissions, and for every top-level "
        "rubric its reporters' and editors' groups and approval workflow. Idempotent; never removes "
        "anything added by hand."
    )

    def handle(self, *args, **options):
        report = newsroom_setup()
        for name in report.groups_created:
            self.stdout.write(f"group created: {name}")
        for name in report.workflows_created:
            self.stdout.write(f"workflow created: {name}")
        self.stdout.write(self.style.SUCCESS(
            f"Newsroom set up: {len(report.groups_created)} groups and {len(report.workflows_created)} "
            f"workflows created, {report.permissions_added} permissions added."
        ))  # fmt: skip
        for user, desk_group, role_group in members_without_their_role():
            self.stdout.write(self.style.WARNING(
                f"{user.get_username()} is in “{desk_group}” but not in “{role_group}”: add them to it, "
                "or they get no admin access (and no images) for that rubric."
            ))  # fmt: skip
