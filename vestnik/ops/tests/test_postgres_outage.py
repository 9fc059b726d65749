"""A real PostgreSQL server stopped under a running site, then started again.

The test makes its own small cluster (initdb, pg_ctl) on a free port, so stopping it
disturbs nothing else on the machine, and runs the site as in production: gunicorn,
production settings, the page cache. While the server is down, a page read before is
served from the cache (fresh, or as its last copy), any other page is the 503 page, and
/healthz says what is down; once it is back, the site recovers by itself.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from .live_site import ARTICLE, Site, free_port, prepare, production_env

PG_BIN = (sorted(glob.glob("/usr/lib/postgresql/*/bin")) or [""])[-1]

pytestmark = [
    pytest.mark.skipif(not PG_BIN or not os.path.exists(f"{PG_BIN}/initdb"),
                       reason="PostgreSQL outage test: PostgreSQL's server binaries (initdb, pg_ctl) are not installed"),
    pytest.mark.skipif(bool(os.environ.get("VESTNIK_TEST_ON_POSTGRES")),
                       reason="PostgreSQL outage test: runs its own server, once, in the SQLite pass"),
]  # fmt: skip


class Cluster:
    """A throwaway PostgreSQL cluster; as root, its files and processes belong to `postgres`."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="vestnik-pg-"))
        self.dir.chmod(0o755)
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.dir, "postgres")
        self.pg("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")

    def pg(self, program, *args):
        subprocess.run(
            [*self.as_owner, f"{PG_BIN}/{program}", *args], check=True, capture_output=True, timeout=120
        )

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")

    def stop(self):
        self.pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def remove(self):
        subprocess.run([*self.as_owner, f"{PG_BIN}/pg_ctl", "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True)  # fmt: skip
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster():
    if os.geteuid() == 0 and not shutil.which("runuser"):
        pytest.skip("PostgreSQL outage test: running as root without runuser to start postgres as its owner")
    cluster = Cluster()
    cluster.start()
    yield cluster
    cluster.remove()


def test_site_survives_postgresql_stopping_and_recovers_when_it_starts(cluster, tmp_path):
    env = production_env(tmp_path, DATABASE_URL=cluster.url, DATABASE_POOL="0", VESTNIK_PAGE_CACHE_TTL="3")
    prepare(env)
    site = Site(env)
    try:
        assert site.get(ARTICLE)[0] == 200
        assert site.get(ARTICLE)[1]["X-Vestnik-Cache"] == "hit"

        cluster.stop()
        status, headers, body = site.get(ARTICLE)
        assert (status, headers["X-Vestnik-Cache"]) == (200, "hit")
        status, headers, body = site.get("/novosti/")  # never read before: not in the cache
        assert status == 503, body[:300]
        assert "Сайт временно недоступен" in body and headers["Retry-After"] == "30"
        health = site.get("/healthz")
        assert health[0] == 503 and '"database"' in health[2]
        time.sleep(3.5)  # the cached copy is out of date now; re-rendering it fails
        status, headers, body = site.get(ARTICLE)
        assert (status, headers["X-Vestnik-Cache"]) == (200, "stale-database-down")
        assert "Жена депортированного" in body

        cluster.start()
        deadline = time.monotonic() + 20
        while site.get("/novosti/")[0] != 200:  # a dropped connection is replaced
            assert time.monotonic() < deadline, "the site did not recover after PostgreSQL came back"
            time.sleep(0.5)
        assert site.get("/healthz")[0] == 200
    finally:
        site.stop()
