"""`manage.py worker` (`make worker`): run queued background tasks; see vestnik/ops/workers.py."""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vestnik.ops.workers import publish_due, recover_stale_tasks, start_scheduler, worker_id


class Command(BaseCommand):
    help = (
        "Run background tasks (search index, cache purges, Wagtail's index updates) from the database "
        "queue, and publish scheduled pages at the start of every minute. First puts back in the "
        "queue the tasks a dead worker left running, and publishes what fell due while it was down."
    )

    def add_arguments(self, parser):
        # Short: a publish's CDN purge waits for it (publish-to-visible, docs/performance.md).
        parser.add_argument(
            "--interval", type=float, default=0.5, help="seconds between looks at the queue (0.5)"
        )
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")
        parser.add_argument(
            "--stale-after",
            type=int,
            default=30,
            help="minutes after which a running task whose worker is on another machine counts as lost (30)",
        )
        parser.add_argument("--max-attempts", type=int, default=3, help="workers a task may take down (3)")

    def handle(self, *args, interval, batch, stale_after, max_attempts, **options):
        if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
            raise CommandError(
                "Tasks run inside the request with these settings (VESTNIK_TASKS=immediate): "
                "there is no queue to work on. Set VESTNIK_TASKS=database."
            )
        from django_tasks_db.management.commands.db_worker import Worker

        logging.getLogger("django_tasks_db").setLevel(
            logging.INFO if options["verbosity"] > 1 else logging.WARNING
        )
        requeued, failed = recover_stale_tasks(
            stale_after=dt.timedelta(minutes=stale_after), max_attempts=max_attempts
        )
        if requeued or failed:
            self.stderr.write(
                f"Tasks left by dead workers: {requeued} back in the queue, {failed} failed for good."
            )
        publish_due()  # what fell due while no worker ran
        if not batch:
            start_scheduler(threading.Event())
        worker = Worker(queue_names=["*"], interval=interval, batch=batch, backend_name="default",
                        startup_delay=not batch, max_tasks=None, worker_id=worker_id(),
                        excluded_queue_names=[])  # fmt: skip
        worker.configure_signals()
        worker.run()
