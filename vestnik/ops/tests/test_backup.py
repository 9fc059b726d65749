"""A backup restored into an empty database gives the same site: every page, feed, sitemap
and file compared, on SQLite and on PostgreSQL. And a damaged backup is refused."""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from vestnik.importers.tests.conftest import jpeg_bytes, site_export

from .live_site import ROOT, SEED, dev_env

MANAGE = [sys.executable, str(ROOT / "manage.py")]
ADMIN_URL = os.environ.get("VESTNIK_TEST_DATABASE_URL", "")


def site_env(tmp_path: Path, name: str, database_url: str) -> dict[str, str]:
    return dev_env(tmp_path / name, database_url, VESTNIK_MEDIA_ROOT=str(tmp_path / name / "media"))


def manage(env, *args, check=True):
    return subprocess.run([*MANAGE, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          check=check)  # fmt: skip


def render(env) -> dict:
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("render_site.py"))], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_site(tmp_path, env):
    """The seed article, a WordPress site with an image, and the static files."""
    uploads = tmp_path / "uploads" / "2024" / "05"
    uploads.mkdir(parents=True)
    (uploads / "parliament.jpg").write_bytes(jpeg_bytes((800, 533)))
    (tmp_path / "export.xml").write_text(site_export(), "utf-8")
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "import_capture", str(SEED), "--captured-at", "2025-11-09T10:00+05:00")
    manage(
        env,
        "import_wxr",
        str(tmp_path / "export.xml"),
        "--media-dir",
        str(tmp_path / "uploads"),
        "--no-fetch",
    )


def round_trip(tmp_path, source_url, target_url):
    source, target = site_env(tmp_path, "a", source_url), site_env(tmp_path, "b", target_url)
    build_site(tmp_path, source)
    archive = tmp_path / "site.tar"
    assert "written and verified" in manage(source, "backup", str(archive)).stdout
    assert "restored and checked" in manage(target, "restore", str(archive)).stdout
    manage(target, "collectstatic", "--noinput", "-v0")
    before, after = render(source), render(target)
    assert len(before) > 30 and sum(k.startswith("media:") for k in before) >= 2
    assert all(v.startswith("200 ") for k, v in before.items() if not k.startswith("media:")), before
    assert after == before
    # A second restore over the restored site is refused without --force.
    refused = manage(target, "restore", str(archive), check=False)
    assert refused.returncode != 0 and "already holds a site" in refused.stderr
    return archive, source


@pytest.mark.once
def test_sqlite_backup_restored_into_an_empty_database_gives_the_same_site(tmp_path):
    round_trip(tmp_path, f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}")


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("VESTNIK_TEST_ON_POSTGRES"),
                    reason="PostgreSQL test: runs in the PostgreSQL pass (VESTNIK_TEST_DATABASE_URL)")  # fmt: skip
def test_postgresql_backup_restored_into_an_empty_database_gives_the_same_site(tmp_path):
    import psycopg

    base = ADMIN_URL.rsplit("/", 1)[0]
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        for name in ("vestnik_backup_a", "vestnik_backup_b"):
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
    try:
        round_trip(tmp_path, f"{base}/vestnik_backup_a", f"{base}/vestnik_backup_b")
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            for name in ("vestnik_backup_a", "vestnik_backup_b"):
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.once
def test_a_damaged_or_foreign_archive_is_refused_and_nothing_restored(tmp_path):
    env = site_env(tmp_path, "a", f"sqlite:///{tmp_path / 'a.sqlite3'}")
    manage(env, "migrate", "-v0")
    manage(env, "import_capture", str(SEED), "--captured-at", "2025-11-09T10:00+05:00")
    archive = tmp_path / "site.tar"
    manage(env, "backup", str(archive))
    assert "sound" in manage(env, "backup", "--verify", str(archive)).stdout

    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "database.sqlite3":
                data = data[:-4096] + b"\0" * 4096  # the last page of the database overwritten
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    result = manage(env, "backup", "--verify", str(damaged), check=False)
    assert result.returncode != 0 and "database.sqlite3 is damaged" in result.stderr

    empty = site_env(tmp_path, "b", f"sqlite:///{tmp_path / 'b.sqlite3'}")
    result = manage(empty, "restore", str(damaged), check=False)
    assert "damaged" in result.stderr and "Nothing was restored" in result.stderr
    assert not (tmp_path / "b.sqlite3").exists()
    (tmp_path / "notes.txt").write_text("not a backup")
    result = manage(empty, "restore", str(tmp_path / "notes.txt"), check=False)
    assert "cannot read the archive" in result.stderr
