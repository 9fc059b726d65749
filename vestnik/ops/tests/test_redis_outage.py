"""A real Redis server killed under a running site, then started again.

The test starts its own redis-server on a free port (the machine's shared one is left
alone) and runs the site as in production with it as cache and session store. With Redis
gone every page is still served, rendered from the database; /healthz says the cache is
down; when Redis is back the page cache works again by itself.
"""

import os
import shutil
import subprocess
import time

import pytest

from .live_site import ARTICLE, Site, free_port, prepare, production_env

REDIS = shutil.which("redis-server")

pytestmark = [
    pytest.mark.skipif(REDIS is None, reason="Redis outage test: redis-server is not installed"),
    pytest.mark.skipif(bool(os.environ.get("VESTNIK_TEST_ON_POSTGRES")),
                       reason="Redis outage test: runs its own server, once, in the SQLite pass"),
]  # fmt: skip


class RedisServer:
    def __init__(self, port: int, directory):
        self.port, self.directory, self.process = port, directory, None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while (
            subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).stdout
            != b"PONG\n"
        ):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)

    def kill(self):
        self.process.kill()
        self.process.wait(10)


@pytest.mark.skipif(shutil.which("redis-cli") is None, reason="Redis outage test: redis-cli is not installed")
def test_site_serves_every_page_while_redis_is_down_and_caches_again_when_it_is_back(tmp_path):
    redis = RedisServer(free_port(), tmp_path)
    redis.start()
    env = production_env(tmp_path, REDIS_URL=f"redis://127.0.0.1:{redis.port}/0")
    prepare(env)
    site = Site(env)
    pages = [ARTICLE, "/", "/politika/", "/novosti/", "/author/anuar-nurpeisov/", "/feeds/rss/",
             "/search/?q=%D0%A4%D0%A1%D0%91", "/sitemap.xml"]  # fmt: skip
    try:
        site.get(ARTICLE)
        assert site.get(ARTICLE)[1]["X-Vestnik-Cache"] == "hit"

        redis.kill()
        for path in pages:
            status, headers, body = site.get(path)
            assert status == 200, (path, body[:300])
        assert site.get(ARTICLE)[1]["X-Vestnik-Cache"] == "miss"  # rendered from PostgreSQL/SQLite
        health = site.get("/healthz")
        assert health[0] == 503 and '"cache"' in health[2]

        redis.start()
        deadline = time.monotonic() + 30  # the cache retries Redis after a short pause
        while site.get(ARTICLE)[1].get("X-Vestnik-Cache") != "hit":
            assert time.monotonic() < deadline, "the page cache did not come back with Redis"
            time.sleep(0.5)
        assert site.get("/healthz")[0] == 200
    finally:
        site.stop()
        if redis.process.poll() is None:
            redis.kill()
