"""Backups of the whole site — database and uploaded files — in one file, verified.

``backup`` writes a tar archive: ``manifest.json`` (engine, time, the number of rows of the
tables that make the site, and the SHA-256 of every other member), the database (SQLite: a
consistent copy made with SQLite's online backup; PostgreSQL: ``pg_dump --format=custom``)
and ``media/``. It is written beside its final name and renamed only once verified.

``verify`` reads an archive back: every member against its checksum, the database copy
itself (SQLite: ``PRAGMA integrity_check`` and the row counts; PostgreSQL: ``pg_restore
--list`` reads the whole dump).

``restore`` verifies first, refuses a database that already holds a site (unless forced)
or another engine's backup, restores in one transaction (PostgreSQL) or by an atomic file
swap (SQLite), puts the files back, checks the row counts against the manifest and empties
the cache, whose pages would belong to the site that was there before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection

FORMAT = 1
# Tables whose row counts the manifest keeps and a restore must give back.
COUNTED = ["wagtailcore_page", "wagtailcore_revision", "news_articlepage", "news_author", "news_tag",
           "images_newsimage", "wagtaildocs_document", "wagtailredirects_redirect", "auth_user"]  # fmt: skip
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """The backup or restore cannot be done or is not sound; the message says why."""


def _stream_sha256(stream) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return _stream_sha256(stream)


def _pg_env() -> dict[str, str]:
    """libpq's variables for the site's database: no password on a command line."""
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):  # fmt: skip
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: apt install postgresql-client)") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done


def _counts(cursor) -> dict[str, int]:
    counts = {}
    for table in COUNTED:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 — names from COUNTED only
        counts[table] = cursor.fetchone()[0]
    return counts


def backup(destination: Path) -> dict:
    """Write a verified backup archive to ``destination``; returns its manifest."""
    engine = connection.vendor
    if engine not in DUMP_NAMES:
        raise BackupError(f"backups of {engine} databases are not supported (SQLite and PostgreSQL are)")
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vestnik-backup-") as tmp:
        dump = Path(tmp) / DUMP_NAMES[engine]
        if engine == "sqlite":
            source = sqlite3.connect(connection.settings_dict["NAME"])
            copy = sqlite3.connect(dump)
            with copy:
                source.backup(copy)  # a consistent snapshot, even while the site writes
            source.close()
            copy.close()
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump)], env=_pg_env())
        with connection.cursor() as cursor:
            counts = _counts(cursor)
        media_root = Path(settings.MEDIA_ROOT)
        media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
        files = {DUMP_NAMES[engine]: _sha256(dump)}
        files |= {"media/" + p.relative_to(media_root).as_posix(): _sha256(p) for p in media}
        manifest = {"format": FORMAT, "engine": engine, "created_at": dt.datetime.now(dt.UTC).isoformat(),
                    "counts": counts, "files": files}  # fmt: skip
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            manifest_path = Path(tmp) / "manifest.json"
            manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.add(manifest_path, "manifest.json")
            archive.add(dump, DUMP_NAMES[engine])
            for path in media:
                archive.add(path, "media/" + path.relative_to(media_root).as_posix())
        verify(partial)
        os.replace(partial, destination)
    return manifest


def _read_manifest(archive: tarfile.TarFile, source: str) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, TypeError):
        raise BackupError(f"{source}: not a Vestnik backup (no readable manifest.json)") from None
    if manifest.get("format") != FORMAT or manifest.get("engine") not in DUMP_NAMES:
        raise BackupError(f"{source}: backup format {manifest.get('format')!r} of {manifest.get('engine')!r} "
                          "is not one this version reads")  # fmt: skip
    return manifest


def verify(path: Path) -> dict:
    """Check an archive; returns its manifest or raises ``BackupError`` naming what is wrong."""
    source = str(path)
    try:
        archive = tarfile.open(path, "r")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{source}: cannot read the archive ({exc})") from None
    with archive, tempfile.TemporaryDirectory(prefix="vestnik-verify-") as tmp:
        manifest = _read_manifest(archive, source)
        seen = set()
        for member in archive.getmembers():
            if member.name == "manifest.json":
                continue
            expected = manifest["files"].get(member.name)
            if expected is None or not member.isfile():
                raise BackupError(f"{source}: {member.name} is not in the manifest")
            if _stream_sha256(archive.extractfile(member)) != expected:
                raise BackupError(f"{source}: {member.name} is damaged (its checksum does not match)")
            seen.add(member.name)
        missing = set(manifest["files"]) - seen
        if missing:
            raise BackupError(f"{source}: {len(missing)} files are missing, e.g. {sorted(missing)[0]}")
        dump_name = DUMP_NAMES[manifest["engine"]]
        archive.extract(dump_name, tmp, filter="data")
        dump = Path(tmp) / dump_name
        if manifest["engine"] == "sqlite":
            copy = sqlite3.connect(dump)
            try:
                if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError(f"{source}: the database copy fails SQLite's integrity check")
                if _counts(copy.cursor()) != manifest["counts"]:
                    raise BackupError(f"{source}: the database copy's row counts differ from the manifest")
            finally:
                copy.close()
        else:
            _run(["pg_restore", "--list", str(dump)])
    return manifest


def _holds_a_site() -> bool:
    tables = connection.introspection.table_names()
    if "wagtailcore_page" not in tables:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT COUNT(*) FROM "news_articlepage"' if "news_articlepage" in tables else "SELECT 0"
        )
        return cursor.fetchone()[0] > 0


def restore(path: Path, *, force: bool = False) -> dict:
    """Restore an archive into the site's database and media folder; returns its manifest."""
    manifest = verify(path)
    engine = connection.vendor
    if manifest["engine"] != engine:
        raise BackupError(f"{path}: a backup of a {manifest['engine']} site cannot be restored into {engine}")
    if not force and _holds_a_site():
        raise BackupError("the database already holds a site with articles; restore into an empty database, "
                          "or pass --force to replace it")  # fmt: skip
    dump_name = DUMP_NAMES[engine]
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "r") as archive, tempfile.TemporaryDirectory(prefix="vestnik-restore-") as tmp:
        archive.extractall(tmp, filter="data")
        dump = Path(tmp) / dump_name
        if engine == "sqlite":
            target = Path(connection.settings_dict["NAME"])
            connection.close()
            staged = target.with_name(target.name + ".restoring")
            shutil.copyfile(dump, staged)
            for suffix in ("-wal", "-shm"):  # the old database's journal must not meet the new file
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            os.replace(staged, target)
        else:
            command = ["pg_restore", "--no-owner", "--single-transaction", "--exit-on-error",
                       "--dbname", connection.settings_dict["NAME"]]  # fmt: skip
            if force:
                command += ["--clean", "--if-exists"]
            connection.close()
            _run([*command, str(dump)], env=_pg_env())
        media = Path(tmp) / "media"
        if media.is_dir():
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    with connection.cursor() as cursor:
        if _counts(cursor) != manifest["counts"]:
            raise BackupError("after the restore the database's row counts differ from the backup's")
    cache.clear()  # cached pages and the content generation belonged to the site before
    return manifest
