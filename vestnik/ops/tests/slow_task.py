"""A task for the worker tests: notes each start in a file, takes its time, notes the end."""

import time
from pathlib import Path

from django_tasks import task


@task()
def note_and_wait(path: str, seconds: float) -> None:
    log = Path(path)
    with log.open("a") as out:
        out.write("started\n")
    time.sleep(seconds)
    with log.open("a") as out:
        out.write("done\n")
