"""Background tasks in the database queue: a worker killed mid-task does not lose the task."""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from .live_site import ROOT, dev_env


def status(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult").fetchall()


@pytest.mark.once
def test_a_task_whose_worker_is_killed_runs_again_when_a_worker_starts(tmp_path):
    env = dev_env(tmp_path, f"sqlite:///{tmp_path / 'q.sqlite3'}", VESTNIK_TASKS="database")
    log = tmp_path / "task.log"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        [*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True, capture_output=True, timeout=300
    )
    enqueue = f"from vestnik.ops.tests.slow_task import note_and_wait; note_and_wait.enqueue({str(log)!r}, 3)"
    subprocess.run([*manage, "shell", "-c", enqueue], env=env, cwd=ROOT, check=True, capture_output=True)
    assert [row[0] for row in status(tmp_path / "q.sqlite3")] == ["READY"]

    worker = subprocess.Popen([*manage, "worker", "--interval", "0.2"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while not (log.exists() and "started" in log.read_text()):
        assert time.monotonic() < deadline, "the worker never started the task"
        time.sleep(0.1)
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    assert log.read_text() == "started\n"
    assert [row[0] for row in status(tmp_path / "q.sqlite3")] == ["RUNNING"]

    rerun = subprocess.run([*manage, "worker", "--batch"], env=env, cwd=ROOT, capture_output=True, text=True,
                           timeout=120)  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert "1 back in the queue" in rerun.stderr
    assert log.read_text() == "started\nstarted\ndone\n"
    [(state, workers)] = status(tmp_path / "q.sqlite3")
    assert state == "SUCCESSFUL" and workers.count(":") == 2  # two workers, the dead one first


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def running_task(worker: str, started_minutes_ago: float, attempts: int = 1):
    from django_tasks_db.models import DBTaskResult

    from vestnik.ops.tests.slow_task import note_and_wait

    result = note_and_wait.enqueue("/dev/null", 0)
    row = DBTaskResult.objects.get(id=result.id)
    row.status = "RUNNING"
    row.started_at = timezone.now() - dt.timedelta(minutes=started_minutes_ago)
    row.worker_ids = [f"other-host:{n}" for n in range(attempts - 1)] + [worker]
    row.save()
    return row


@pytest.mark.django_db
def test_recovery_requeues_dead_or_lost_workers_tasks_and_fails_a_task_that_kills_workers(database_queue):
    from vestnik.ops.workers import recover_stale_tasks, worker_id

    host = worker_id().rpartition(":")[0]
    dead = running_task(f"{host}:999999", 1)  # no such process on this machine
    alive = running_task(f"{host}:{os.getppid()}", 1)  # the test runner's parent: alive
    lost = running_task("other-host:12", 45)  # on another machine, running for 45 minutes
    recent = running_task("other-host:13", 5)
    deadly = running_task(f"{host}:999998", 1, attempts=3)
    assert recover_stale_tasks(stale_after=dt.timedelta(minutes=30), max_attempts=3) == (2, 1)
    for row in (dead, alive, lost, recent, deadly):
        row.refresh_from_db()
    assert (dead.status, lost.status) == ("READY", "READY")
    assert (alive.status, recent.status) == ("RUNNING", "RUNNING")
    assert deadly.status == "FAILED" and "3 times" in deadly.traceback


@pytest.fixture
def in_test_transaction(monkeypatch):
    # The worker drops old connections between tasks, as Django does between requests; in a
    # test that would close the connection holding the test's transaction (Django's test
    # client skips it for the same reason).
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.mark.django_db
def test_a_renamed_authors_articles_are_reindexed_by_the_worker(
    database_queue, politics, in_test_transaction, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from vestnik.news.tests.factories import AuthorFactory, article_with
    from vestnik.search.selectors import search

    author = AuthorFactory(name="Ерлан Ахметов")
    article = article_with(rubric=politics, authors=[author], title="Паводок", lead="Вода.")
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Ерлан Жумабаев"
        author.save()
    # Queued in the database, not run in the request: the index still has the old name.
    ours = DBTaskResult.objects.filter(task_path="vestnik.search.tasks.reindex_stale_articles")
    assert ours.ready().count() == 1
    assert [hit.article.pk for hit in search("Жумабаев").hits] == []
    call_command("worker", "--batch")
    assert [hit.article.pk for hit in search("Жумабаев").hits] == [article.pk]
    assert ours.successful().count() == 1


def test_worker_refuses_to_start_without_a_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with pytest.raises(CommandError, match="VESTNIK_TASKS=database"):
        call_command("worker", "--batch")


def scheduled_article(rubric, go_live_at):
    from vestnik.news.tests.factories import ArticleFactory

    article = ArticleFactory(parent=rubric, title="Материал к семи утра", publish=False)
    article.go_live_at = go_live_at
    article.save_revision().publish()  # with a future go_live_at: scheduled, not live
    article.refresh_from_db()
    assert not article.live and article.latest_revision.approved_go_live_at == go_live_at
    return article


@pytest.mark.django_db
def test_a_scheduled_article_goes_live_at_its_minute_on_a_frozen_clock(politics, monkeypatch):
    from django.utils import timezone as django_timezone

    from vestnik.ops.workers import publish_due, seconds_to_next_minute

    seven = (timezone.now() + dt.timedelta(days=1)).replace(hour=7, minute=0, second=0, microsecond=0)
    article = scheduled_article(politics, seven)
    monkeypatch.setattr(django_timezone, "now", lambda: seven - dt.timedelta(seconds=1))
    publish_due()
    article.refresh_from_db()
    assert not article.live
    # The scheduler wakes at the start of the next minute: 07:00:00, one second later.
    assert seconds_to_next_minute(seven - dt.timedelta(seconds=1)) == 1
    # Wagtail publishes what is strictly past due: the scheduler's run lands just after 07:00:00.
    monkeypatch.setattr(django_timezone, "now", lambda: seven + dt.timedelta(milliseconds=5))
    publish_due()
    article.refresh_from_db()
    assert article.live


@pytest.mark.django_db
def test_a_starting_worker_publishes_what_fell_due_while_none_ran(
    database_queue, politics, in_test_transaction, monkeypatch
):
    from django.utils import timezone as django_timezone

    due = timezone.now() + dt.timedelta(hours=2)
    article = scheduled_article(politics, due)
    monkeypatch.setattr(django_timezone, "now", lambda: due + dt.timedelta(minutes=30))
    call_command("worker", "--batch")
    article.refresh_from_db()
    assert article.live
