"""Background tasks that survive their worker: tasks left running by a dead worker go back
in the queue.

django-tasks-db stores each task in the database and its worker marks one RUNNING while it
runs it, but a worker killed outright (SIGKILL, the OOM killer, a reboot) never writes a
result, and nothing would run that task again. ``recover_stale_tasks`` puts such tasks back
to READY: those whose worker ran on this machine and no longer exists, and any that has
been running longer than ``stale_after`` (a worker on another machine). A task that has
already taken ``max_attempts`` workers down with it is marked failed instead, so one bad
task cannot kill workers forever.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import socket
import threading

from django.core.management import call_command
from django.db import close_old_connections, transaction
from django.utils import timezone

logger = logging.getLogger("vestnik.worker")


def worker_id() -> str:
    """This process's worker ID, "<host>:<pid>", which recovery reads back (≤ 64 characters)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def _dead_here(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname()[:40] or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def recover_stale_tasks(*, stale_after: dt.timedelta, max_attempts: int) -> tuple[int, int]:
    """Requeue the tasks whose worker died; returns (requeued, failed)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    requeued = failed = 0
    cutoff = timezone.now() - stale_after
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            last = result.worker_ids[-1] if result.worker_ids else ""
            if not (_dead_here(last) or (result.started_at and result.started_at < cutoff)):
                continue
            if len(result.worker_ids) >= max_attempts:
                result.status = TaskResultStatus.FAILED
                result.finished_at = timezone.now()
                result.exception_class_path = "vestnik.ops.workers.WorkerDied"
                result.traceback = (f"The worker died while running this task, {len(result.worker_ids)} times "
                                    f"(workers {', '.join(result.worker_ids)}); not retried again.")  # fmt: skip
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                failed += 1
            else:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                requeued += 1
    return requeued, failed


def publish_due() -> None:
    """Publish what is scheduled for now or earlier and unpublish what has expired (Wagtail's
    ``publish_scheduled``, which reads the clock through ``django.utils.timezone``)."""
    call_command("publish_scheduled", stdout=io.StringIO())


def seconds_to_next_minute(now: dt.datetime) -> float:
    return 60 - now.second - now.microsecond / 1_000_000


def start_scheduler(stop: threading.Event) -> threading.Thread:
    """A thread that runs ``publish_due`` at the start of every minute until ``stop`` is set,
    so a page scheduled for 07:00 goes live between 07:00:00 and 07:00:01."""

    def loop():
        while not stop.wait(seconds_to_next_minute(timezone.now())):
            try:
                publish_due()
            except Exception:  # one failed minute must not stop the next ones
                logger.exception("publishing scheduled pages failed")
            finally:
                close_old_connections()

    thread = threading.Thread(target=loop, name="vestnik-scheduler", daemon=True)
    thread.start()
    return thread
