"""A real import process killed with SIGKILL mid-run: the site stays consistent and a rerun
finishes the job. Runs the command in a subprocess against its own SQLite file."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vestnik.ops.tests.live_site import ROOT, dev_env

from . import wxr_builder as wb

POSTS = 60


def consistency(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM news_articlepage"),
            "records": one("SELECT COUNT(*) FROM importers_importrecord WHERE kind = 'post'"),
            # An article without a revision, byline or record would be a half-written item.
            "without_revision": one("SELECT COUNT(*) FROM news_articlepage a JOIN wagtailcore_page p "
                                    "ON p.id = a.page_ptr_id WHERE p.latest_revision_id IS NULL OR NOT p.live"),
            "without_byline": one("SELECT COUNT(*) FROM news_articlepage a WHERE NOT EXISTS "
                                  "(SELECT 1 FROM news_articleauthor b WHERE b.page_id = a.page_ptr_id)"),
            "without_record": one("SELECT COUNT(*) FROM news_articlepage a WHERE NOT EXISTS (SELECT 1 FROM "
                                  "importers_importrecord r WHERE r.kind = 'post' AND r.object_id = a.page_ptr_id)"),
        }  # fmt: skip


@pytest.mark.once
def test_an_import_killed_mid_run_leaves_whole_items_and_a_rerun_completes_it(tmp_path):
    export = tmp_path / "export.xml"
    items = [wb.item(n, f"Новость {n}", f"Абзац новости {n}.\n\nВторой абзац.", slug=f"news-{n}",
                     categories=[("politika", "Политика")]) for n in range(1, POSTS + 1)]  # fmt: skip
    export.write_text(wb.export(wb.author("anurpeisov", "Ануар Нурпеисов"), wb.category(2, "politika", "Политика"),
                                *items), "utf-8")  # fmt: skip
    db = tmp_path / "site.sqlite3"
    env = dev_env(tmp_path, f"sqlite:///{db}", PYTHONPATH=str(ROOT))
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    command = [*manage, "import_wxr", str(export), "--batch-size", "5"]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            try:
                if consistency(db)["records"] >= 10:
                    break
            except sqlite3.OperationalError:  # locked by the importer's write
                pass
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(30)
    state = consistency(db)
    if state["records"] >= POSTS:
        pytest.fail("the import finished before it could be killed; make the export larger")
    assert 10 <= state["articles"] < POSTS
    assert state["articles"] == state["records"]
    assert state["without_revision"] == state["without_byline"] == state["without_record"] == 0

    rerun = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert f"unchanged: {state['articles'] + 2}" in rerun.stdout  # the posts, the author, the category
    assert f"created: {POSTS - state['articles']} (post {POSTS - state['articles']})" in rerun.stdout
    final = consistency(db)
    assert final["articles"] == final["records"] == POSTS
    assert final["without_revision"] == final["without_byline"] == final["without_record"] == 0
