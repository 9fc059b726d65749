"""HTTP benchmark: the production server (gunicorn, production settings, PostgreSQL and
Redis) under wrk, with the page cache on and off, against nginx serving the same
article as a static file.

Builds `vestnik_bench_http` (bench/http_site.py: the demo newsroom multiplied by SQL to
N articles), then for each configuration starts gunicorn with gunicorn.conf.py, checks
that every page answers 200, and runs wrk (10 s, 2 threads, 32 connections; the uncached
article also at 8 connections) on an article, an archive article, the home, a rubric,
an author, search, RSS, the sitemap index and an article sitemap page. Also: the
workers' memory after the runs, and with the cache on, how long a published change
takes to show (bench/http_publish.py). wrk and nginx come from Debian when missing.

Usage: python bench/http_bench.py [--articles N] [--json PATH] [--reuse-database]
(N defaults to BENCH_HTTP_ARTICLES or 100,000).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import http_site
import psycopg

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "http"
# The code the servers run: copied when the run starts, so that edits made to the working
# tree meanwhile (a shared machine) cannot give the two configurations different code.
SOURCE = WORK / "source"
NGINX_DIR = ROOT / "var" / "bench" / "nginx"
RESULTS = ROOT / "bench" / "results"
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
PATHS_LUA = Path(__file__).resolve().parent / "wrk_paths.lua"
# The long tail: each request of this run another archive article (none asked for twice).
LONG_TAIL_ARTICLES = 8000
DATABASE = "vestnik_bench_http"
REDIS_URL = "redis://127.0.0.1:6379/3"
THREADS, CONNECTIONS, LOW_CONNECTIONS, SECONDS = 2, 32, 8, 10
SEARCH_WORD = "правительство"
CACHE_HEADER = "X-Vestnik-Cache"
REFRESH_TOKEN = "bench-refresh-token"
TARGETS = {"cached_vs_nginx": 0.5, "article_rps": 300, "article_p99_ms": 100, "worker_rss_mb": 150,
           "publish_s": 2.0}  # fmt: skip


class BenchError(Exception):
    """A server did not start or a page did not answer 200: the run stops with why."""


# --- processes --------------------------------------------------------------------------


def ensure_tools() -> None:
    """wrk and nginx from Debian's packages when missing (the bench runs as root here)."""
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) or Path("/usr/sbin", tool).exists():
            continue
        install = ["apt-get", "install", "-y", "-q", tool]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(install, env=env).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, check=True)
            subprocess.run(install, env=env, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Group:
    """A server started in its own process group, so that stopping it stops its children."""

    running: list[Group] = []

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path, cwd: Path = ROOT):
        self.name, self.log = name, log
        with log.open("wb") as out:
            self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)  # fmt: skip
        Group.running.append(self)

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self in Group.running:
            Group.running.remove(self)
        for sig, wait in ((signal.SIGTERM, 25), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    @classmethod
    def stop_all(cls) -> None:
        for group in list(cls.running):
            group.stop()


def wait_ready(group: Group, port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if group.process.poll() is not None:
            raise BenchError(f"{group.name} exited with {group.process.returncode}:\n{group.log_tail()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise BenchError(
        f"{group.name} did not listen on port {port} within {timeout:.0f} s:\n{group.log_tail()}"
    )


def cpu_seconds(master: int) -> float:
    """CPU time of a server: the master, its live children and the children it reaped."""
    tick = os.sysconf("SC_CLK_TCK")

    def stat(pid: int) -> list[str]:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()

    fields = stat(master)
    total = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    for pid in children(master):
        try:
            total += sum(int(x) for x in stat(pid)[11:13])
        except FileNotFoundError:
            pass
    return total / tick


def children(master: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(entry.joinpath("stat").read_text().rsplit(")", 1)[1].split()[1]) == master:
                    found.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return sorted(found)


def proc_mb(path: Path, name: str) -> float | None:
    """A "Name:  1234 kB" field of /proc/PID/status or smaps_rollup, in MB (None if gone)."""
    try:
        match = re.search(rf"^{name}:\s+(\d+) kB", path.read_text(), re.M)
    except OSError:
        return None
    return round(int(match.group(1)) / 1024, 1) if match else None


def memory(master: int) -> dict:
    """VmRSS of each worker (from /proc/PID/status) and its PSS (smaps_rollup), in MB."""

    rss = [proc_mb(Path(f"/proc/{pid}/status"), "VmRSS") for pid in children(master)]
    pss = [proc_mb(Path(f"/proc/{pid}/smaps_rollup"), "Pss") for pid in children(master)]
    rss, pss = [x for x in rss if x is not None], [x for x in pss if x is not None]
    return {
        "workers": len(rss),
        "rss_mb_sum": round(sum(rss), 1),
        "rss_mb_max": max(rss, default=0),
        "pss_mb_sum": round(sum(pss), 1) if pss else None,
        "pss_mb_max": max(pss) if pss else None,
        "master_rss_mb": proc_mb(Path(f"/proc/{master}/status"), "VmRSS"),
    }


# --- requests ---------------------------------------------------------------------------


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    """One GET without following redirects (a 301 must show as a 301)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def check(server: Group, port: int, pages: dict[str, str], repeat: int = 6) -> dict[str, dict]:
    """Every page must answer 200; returns each page's size and cache header, the time of
    the first request and the median of the next ones (each worker's first request is
    slower: the median is the warm single-request time)."""
    seen = {}
    for name, path in pages.items():
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            status, headers, body = get(port, path)
            times.append(round((time.perf_counter() - started) * 1000, 1))
            if status != 200:
                raise BenchError(
                    f"{name} {path} answered {status} on {server.name}, not 200.\n"
                    f"Server log (last lines):\n{server.log_tail()}"
                )
            seen.setdefault(name, {"bytes": len(body), "cache": headers.get(CACHE_HEADER)})
        seen[name] |= {"first_ms": times[0], "single_ms": statistics.median(times[1:])}
    return seen


def wrk(
    port: int, path: str, connections: int = CONNECTIONS, cpu_of: int | None = None, paths: Path | None = None
) -> dict:
    """wrk on one URL (or, with ``paths``, a file of them, each asked for in turn);
    requests/s, latency percentiles, non-2xx, cache header counts and, with ``cpu_of`` (a
    server's master pid), the server's CPU milliseconds per request."""
    command = ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{SECONDS}s", "--timeout", "30s",
               "-s", str(PATHS_LUA if paths else LUA), f"http://127.0.0.1:{port}{path}"]  # fmt: skip
    if paths:
        command += ["--", str(paths), str(THREADS)]
    cpu_before = cpu_seconds(cpu_of) if cpu_of else None
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu_after = cpu_seconds(cpu_of) if cpu_of else None
    line = next(x for x in reversed(output.splitlines()) if x.startswith("{"))
    raw = json.loads(line)
    requests = raw["requests"]
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    return {
        "path": path,
        "connections": connections,
        "requests": requests,
        "requests_per_s": round(requests / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "non2xx": raw["non2xx"],
        "socket_errors": errors,
        "cache": raw["cache"],
        "cpu_ms_per_request": round((cpu_after - cpu_before) * 1000 / requests, 2)
        if cpu_of and requests
        else None,
    }


# --- the servers ------------------------------------------------------------------------


def base_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VESTNIK_", "DJANGO_"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "vestnik.settings.production",
        "SECRET_KEY": "bench-http-" + "not-secret-" * 5,
        "VESTNIK_SSL_REDIRECT": "0",
        # The purge on publish runs in the request, as in the runs recorded so far; production's
        # default queues it for `manage.py worker`, which adds up to its poll interval (0.5 s).
        "VESTNIK_TASKS": "immediate",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        # Static files, demo pictures and credentials of this run, apart from `make demo`'s.
        "VESTNIK_VAR_DIR": str(WORK / "var"),
        "PYTHONPATH": str(SOURCE),
    }


def snapshot() -> dict:
    """Copy the code to SOURCE; returns which commit it is and how many files differ from it."""
    shutil.rmtree(SOURCE, ignore_errors=True)
    shutil.copytree(ROOT / "vestnik", SOURCE / "vestnik", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("manage.py", "gunicorn.conf.py"):
        shutil.copy2(ROOT / name, SOURCE / name)

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    status = git("status", "--porcelain", "--", "vestnik", "manage.py", "gunicorn.conf.py")
    return {"commit": git("rev-parse", "--short", "HEAD") or "unknown",
            "uncommitted_files": len(status.splitlines())}  # fmt: skip


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def start_gunicorn(env: dict[str, str], name: str) -> tuple[Group, int]:
    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", str(SOURCE / "gunicorn.conf.py")]
    server = Group(name, command, env | {"PORT": str(port)}, WORK / f"gunicorn-{name}.log", cwd=SOURCE)
    wait_ready(server, port)
    return server, port


def busy_queries(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active' "
            "AND pid <> pg_backend_pid()",
            [DATABASE],
        ).fetchone()[0]


def wait_idle(master: int, database_url: str, timeout: float = 300) -> float:
    """Wait until the server has finished what wrk left queued (a sync worker goes on with
    the requests in its queue after wrk has closed their connections), so that runs do not
    overlap: no gunicorn CPU and no query running, twice in a row. Returns seconds waited."""
    started = time.monotonic()
    before, quiet = cpu_seconds(master), 0
    while quiet < 2 and time.monotonic() - started < timeout:
        time.sleep(0.5)
        after = cpu_seconds(master)
        quiet = quiet + 1 if after - before < 0.05 and not busy_queries(database_url) else 0
        before = after
    return round(time.monotonic() - started, 1)


def measure(
    server: Group, port: int, pages: dict[str, str], low_connections: bool, database_url: str,
    long_tail: Path | None = None,
) -> dict:  # fmt: skip
    result: dict = {"first_requests": check(server, port, pages), "pages": {}, "idle_waits_s": {}}
    runs = [(page, path, CONNECTIONS, None) for page, path in pages.items()]
    if low_connections:
        runs.append(("article_low", pages["article"], LOW_CONNECTIONS, None))
    if long_tail:
        runs.append(("article_long_tail", pages["article"], LOW_CONNECTIONS, long_tail))
    for page, path, connections, paths in runs:
        print(f"  {server.name}: {page} {paths or path} ({connections} connections)", file=sys.stderr)
        result["idle_waits_s"][page] = wait_idle(server.pid, database_url)
        measured = wrk(port, path, connections, cpu_of=server.pid, paths=paths)
        if page in ("article_low", "article_long_tail"):
            result[page] = measured
        else:
            result["pages"][page] = measured
    wait_idle(server.pid, database_url)
    result["memory"] = memory(server.pid)
    seen = [p["cache"] for p in result["first_requests"].values()]
    seen += [p["cache"][k] for p in result["pages"].values() for k in ("hit", "miss", "stale", "bypass")]
    result["cache_present"] = any(seen)
    return result


NGINX_HTTP = """daemon off;
worker_processes auto;
pid {dir}/nginx-{name}.pid;
error_log {dir}/error-{name}.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
{body}
}}
"""


def start_nginx(name: str, body: str) -> tuple[Group, int]:
    """nginx (not the system service: its own config, port and directories) with ``body``
    inside its http block; ``{port}`` in the body is replaced by a free port."""
    (NGINX_DIR / "tmp").mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = NGINX_DIR / f"nginx-{name}.conf"
    config.write_text(NGINX_HTTP.format(dir=NGINX_DIR, name=name, body=body.replace("{port}", str(port))))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-p", str(NGINX_DIR), "-c", str(config), "-e", str(NGINX_DIR / f"error-{name}.log")]
    server = Group(f"nginx-{name}", command, dict(os.environ), NGINX_DIR / f"nginx-{name}.log")
    wait_ready(server, port)
    return server, port


def nginx_reference(html: bytes, path: str) -> dict:
    """nginx serving the article as a file."""
    root = NGINX_DIR / "html"
    shutil.rmtree(root, ignore_errors=True)
    target = root / path.strip("/") / "index.html"
    target.parent.mkdir(parents=True)
    target.write_bytes(html)
    server, port = start_nginx(
        "static", f"    server {{ listen 127.0.0.1:{{port}}; root {root}; charset utf-8; }}"
    )
    try:
        check(server, port, {"static article": path})
        return wrk(port, path, cpu_of=server.pid)
    finally:
        server.stop()


def nginx_front(app_port: int) -> tuple[Group, int]:
    """nginx in front of gunicorn with the microcache of deploy/nginx/vestnik.conf: it keeps
    what the app marks with X-Accel-Expires (1 s) and refreshes in the background."""
    cache = NGINX_DIR / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    body = f"""    proxy_cache_path {cache} levels=1:2 keys_zone=vestnik:20m max_size=1g inactive=10m use_temp_path=off;
    map $http_x_vestnik_refresh $vestnik_refresh {{ default 0; "{REFRESH_TOKEN}" 1; }}
    upstream vestnik_app {{ server 127.0.0.1:{app_port}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{{port}};
        location / {{
            proxy_pass http://vestnik_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_cache vestnik;
            proxy_cache_key $host$request_uri;
            proxy_cache_bypass $cookie_sessionid $vestnik_refresh;
            proxy_no_cache $cookie_sessionid;
            proxy_cache_revalidate on;
            proxy_cache_lock on;
            proxy_cache_background_update on;
            proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
            add_header X-Cache-Status $upstream_cache_status always;
        }}
    }}"""
    return start_nginx("front", body)


def measure_front(front: Group, port: int, app: Group, pages: dict[str, str], database_url: str) -> dict:
    """Every page through nginx's microcache; CPU per request is the app's (gunicorn's)."""
    result: dict = {"first_requests": check(front, port, pages), "pages": {}}
    for page, path in pages.items():
        print(f"  nginx front: {page} {path}", file=sys.stderr)
        wait_idle(app.pid, database_url)
        result["pages"][page] = wrk(port, path, CONNECTIONS, cpu_of=app.pid)
    return result


def publish_to_visible(env: dict[str, str], port: int, urls: dict) -> dict:
    command = [sys.executable, str(ROOT / "bench" / "http_publish.py"), "--base-url", f"http://127.0.0.1:{port}",
               "--article-id", str(urls["article_id"]), "--article-url", urls["article"],
               "--rubric-url", urls["rubric"]]  # fmt: skip
    done = subprocess.run(command, cwd=SOURCE, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr[-3000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def publish_through_worker(env: dict[str, str], port: int, urls: dict) -> dict:
    """Publish-to-visible as production does it: the publish queues the refreshes in the
    database (VESTNIK_TASKS=database) and returns; `manage.py worker` (polling every 0.5 s)
    runs them."""
    env = env | {"VESTNIK_TASKS": "database"}
    worker = Group("worker", [sys.executable, "manage.py", "worker"], env, WORK / "worker.log", cwd=SOURCE)
    try:
        time.sleep(8)  # Django loaded and the queue looked at once, as a running worker has
        if worker.process.poll() is not None:
            return {"error": f"the worker stopped:\n{worker.log_tail()}"}
        return publish_to_visible(env, port, urls)
    finally:
        worker.stop()


# --- the run ----------------------------------------------------------------------------


def pages_for(urls: dict, port: int, articles: int) -> dict[str, str]:
    """The measured pages; the article sitemap page is the last full one (50,000 URLs, the
    deepest such page): earlier runs' publishes leave a few URLs on a page after it."""
    status, _, body = get(port, "/sitemap.xml")
    if status != 200 or b"sitemap-articles" not in body:
        raise BenchError(f"/sitemap.xml answered {status} without an article sitemap: {body[:300]!r}")
    full = max(1, articles // 50_000)
    child = urllib.parse.urlsplit("/sitemap-articles.xml" + (f"?p={full}" if full > 1 else ""))
    return {
        "article": urls["article"],
        "archive article": urls["archive_article"],
        "home": "/",
        "rubric": urls["rubric"],
        "author": urls["author"],
        "search": "/search/?q=" + urllib.parse.quote(SEARCH_WORD),
        "rss": "/feeds/rss/",
        "sitemap index": "/sitemap.xml",
        "sitemap page": child.path + ("?" + child.query if child.query else ""),
    }


def run(articles: int, reuse: bool) -> dict:
    WORK.mkdir(parents=True, exist_ok=True)
    server_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database_url = server_url.rsplit("/", 1)[0] + "/" + DATABASE
    env = base_env(database_url)
    result: dict = {"date": dt.date.today().isoformat(), "host": socket.gethostname(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    result["source"] = snapshot()
    if reuse:
        http_site.manage(env, "migrate", "--noinput", "-v0", source=SOURCE)
    else:
        http_site.recreate_database(server_url, DATABASE)
        flush_redis()
        result["build"] = http_site.build(
            database_url=database_url, env=env, articles=articles, source=SOURCE
        )
    http_site.manage(env, "collectstatic", "--noinput", "-v0", source=SOURCE)
    # A publish has the worker make its picture's renditions; the SQL copies were not published.
    http_site.manage(env, "make_renditions", source=SOURCE)
    # Readers here ask for host 127.0.0.1; the refresh requests nginx gets on publish carry the
    # Wagtail site's host name, which must be the same for nginx's cache key to match.
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("UPDATE wagtailcore_site SET hostname = '127.0.0.1' WHERE is_default_site")
    urls = http_site.pick_urls(database_url)
    result["articles"] = urls.pop("live_articles")
    result["urls"] = urls
    result["wrk"] = {"threads": THREADS, "connections": CONNECTIONS, "seconds": SECONDS}

    print("uncached (VESTNIK_PAGE_CACHE=0)", file=sys.stderr)
    flush_redis()
    server, port = start_gunicorn(env | {"VESTNIK_PAGE_CACHE": "0"}, "uncached")
    try:
        result["pages"] = pages = pages_for(urls, port, result["articles"])
        article_html = get(port, pages["article"])[2]
        sitemap_xml = get(port, pages["sitemap page"])[2]
        long_tail = WORK / "long-tail-paths.txt"
        long_tail.write_text("\n".join(http_site.long_tail_paths(database_url, LONG_TAIL_ARTICLES)) + "\n")
        result["uncached"] = measure(server, port, pages, low_connections=True, database_url=database_url,
                                     long_tail=long_tail)  # fmt: skip
    finally:
        server.stop()

    print("nginx static article", file=sys.stderr)
    result["nginx"] = nginx_reference(article_html, pages["article"])
    # A 50,000-URL sitemap page is some 14 MB: its fair reference is nginx sending those bytes.
    print("nginx static sitemap page", file=sys.stderr)
    result["nginx_sitemap"] = nginx_reference(sitemap_xml, "/static-sitemap-page/")

    print("cached (default settings)", file=sys.stderr)
    flush_redis()
    server, port = start_gunicorn(env, "cached")
    try:
        result["cached"] = measure(server, port, pages, low_connections=False, database_url=database_url)
        print("publish-to-visible", file=sys.stderr)
        result["publish"] = publish_to_visible(env, port, urls)
        print("nginx microcache in front of the cached server", file=sys.stderr)
        front, front_port = nginx_front(port)
        try:
            result["front"] = measure_front(front, front_port, server, pages, database_url)
            print("publish-to-visible through nginx", file=sys.stderr)
            # The publishing process refreshes nginx's copies as deploy/nginx/vestnik.conf sets up.
            refresh = {"VESTNIK_CDN": "nginx", "VESTNIK_CDN_REFRESH_TOKEN": REFRESH_TOKEN,
                       "VESTNIK_CDN_PURGE_URL": f"http://127.0.0.1:{front_port}"}  # fmt: skip
            result["front"]["publish"] = publish_to_visible(env | refresh, front_port, urls)
            print("publish-to-visible through nginx, refreshed by the background worker", file=sys.stderr)
            result["front"]["publish_worker"] = publish_through_worker(env | refresh, front_port, urls)
        finally:
            front.stop()
    finally:
        server.stop()
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = targets(result)
    return result


def reference(result: dict, page: str) -> float:
    """nginx's static rate to compare ``page`` with: the same bytes as a file."""
    if page == "sitemap page" and "nginx_sitemap" in result:
        return result["nginx_sitemap"]["requests_per_s"]
    return result["nginx"]["requests_per_s"]


def targets(result: dict) -> list[dict]:
    rows = []
    for config, label in (
        ("front", "cached pages via nginx microcache"),
        ("cached", "cached pages, gunicorn alone"),
    ):
        if config not in result:
            continue
        ratios = sorted((p["requests_per_s"] / reference(result, name), name)
                        for name, p in result[config]["pages"].items())  # fmt: skip
        (low, low_name), (high, high_name) = ratios[0], ratios[-1]
        # The deployment (docs/deploy.md) is nginx in front; gunicorn alone is shown for scale.
        verdict = low >= TARGETS["cached_vs_nginx"] if config == "front" else None
        rows.append((f"{label} ≥ 50% of nginx static", f"{high:.1%} ({high_name}) … {low:.1%} ({low_name})",
                     verdict))  # fmt: skip
    low = result["uncached"]["article_low"]
    shown = (f"{low['requests_per_s']:,.0f} req/s, p99 {low['p99_ms']:.0f} ms" if low["requests"]
             else f"no request finished in {SECONDS} s")  # fmt: skip
    rows.append((f"uncached article ≥ 300 req/s, p99 < 100 ms ({LOW_CONNECTIONS} conn.)", shown,
                 low["requests_per_s"] >= TARGETS["article_rps"] and low["p99_ms"] < TARGETS["article_p99_ms"]))  # fmt: skip
    tail = result["uncached"].get("article_long_tail")
    if tail:  # the same target, with every request another article: shown, not judged apart
        rows.append(("  the same, each request another article (long tail)",
                     f"{tail['requests_per_s']:,.0f} req/s, p99 {tail['p99_ms']:.0f} ms", None))  # fmt: skip
    rss = max(result[c]["memory"]["rss_mb_max"] for c in ("uncached", "cached"))
    rows.append(("worker RSS < 150 MB", f"max {rss:.0f} MB", rss < TARGETS["worker_rss_mb"]))
    for label, publish in (
        ("", result.get("publish", {})),
        (" via nginx", result.get("front", {}).get("publish")),
        (" via nginx, worker", result.get("front", {}).get("publish_worker")),
    ):
        if publish is not None:
            rows.append(_publish_row(label, publish))
    return [{"target": t, "measured": m, "pass": p} for t, m, p in rows]


def _publish_row(label: str, publish: dict) -> tuple:
    if "error" in publish:
        return (f"publish-to-visible{label} < 2 s", "error (see JSON)", False)
    else:
        times = [*publish["edit"]["visible_s"].values(), *publish["new"]["visible_s"].values()]
        worst_s = None if None in times else max(times)
        shown = (
            f"max {worst_s:.2f} s" if worst_s is not None else f"not visible in {publish['timeout_s']:.0f} s"
        )
        return (
            f"publish-to-visible{label} < 2 s",
            shown,
            worst_s is not None and worst_s < TARGETS["publish_s"],
        )


# --- the report -------------------------------------------------------------------------


def _run_cols(run: dict, width: int) -> str:
    """Requests/s, p50, p99 and CPU ms of one wrk run; dashes when no request finished."""
    if not run["requests"]:
        return f"{'<0.1':>{width}}{'—':>7}{'—':>7}{'—':>7}"
    rate = f"{run['requests_per_s']:,.0f}" if run["requests_per_s"] >= 100 else f"{run['requests_per_s']:.1f}"

    def ms(value: float) -> str:
        return f"{value:>7,.{2 if value < 10 else 0}f}"

    cpu = run["cpu_ms_per_request"]
    cpu_text = "" if cpu is None else f"{cpu:,.{2 if cpu < 1 else 1 if cpu < 100 else 0}f}"
    return f"{rate:>{width}}{ms(run['p50_ms'])}{ms(run['p99_ms'])}{cpu_text:>7}"


def report(result: dict) -> str:
    nginx = result["nginx"]
    cached, uncached = result["cached"], result["uncached"]
    present = cached["cache_present"]
    source = result.get("source", {})
    lines = [
        f"HTTP on PostgreSQL at {result['articles']:,} articles: gunicorn (gunicorn.conf.py, "
        f"{uncached['memory']['workers']} workers), production settings, Redis; wrk {SECONDS} s, "
        f"{THREADS} threads, {CONNECTIONS} connections. Reference: nginx serving the article as a file.",
        f"Code: commit {source.get('commit')} with {source.get('uncommitted_files')} uncommitted files, "
        "copied when the run started.",
        f"Load average (1, 5, 15 min) at the start {result['load_average_at_start']}, "
        f"at the end {result['load_average_at_end']} (a shared 2-core machine: rates are noisy, CPU ms less so).",
        "",
        f"{'page':<16}{'KB':>5}{'1 req':>7}{'uncached':>10}{'p50':>7}{'p99':>7}{'CPU':>7}"
        f"{'cached':>9}{'p50':>7}{'p99':>7}{'CPU':>7}{'hits':>6}{'/nginx':>8}"
        + (f"{'+nginx':>9}{'p50':>7}{'p99':>7}{'CPU':>7}{'/nginx':>8}" if "front" in result else "")
        + f"{'non-2xx':>9}",
    ]
    lines.append("-" * len(lines[-1]))
    for name, u in uncached["pages"].items():
        c = cached["pages"][name]
        bad = u["non2xx"] + u["socket_errors"] + c["non2xx"] + c["socket_errors"]
        if present:
            hits = f"{c['cache']['hit'] / c['requests']:.0%}" if c["requests"] else "—"
            cached_cols = f"{_run_cols(c, 9)}{hits:>6}{c['requests_per_s'] / reference(result, name):>8.1%}"
        else:
            cached_cols = f"{'n/a':>9}{'':>21}{'':>6}{'':>8}"
        if "front" in result:
            f = result["front"]["pages"][name]
            cached_cols += f"{_run_cols(f, 9)}{f['requests_per_s'] / reference(result, name):>8.1%}"
            bad += f["non2xx"] + f["socket_errors"]
        first = uncached["first_requests"][name]
        size = first["bytes"] / 1024
        lines.append(
            f"{name:<16}{size:>5.{0 if size >= 10 else 1}f}{first.get('single_ms', 0):>7,.0f}"
            f"{_run_cols(u, 10)}{cached_cols}{bad:>9,}"
        )
    low = uncached["article_low"]
    lines += [
        f"{'nginx static':<16}{'':>12}{_run_cols(nginx, 10)}   (the article's HTML as a file)",
        *(
            [
                f"{'nginx static':<16}{'':>12}{_run_cols(result['nginx_sitemap'], 10)}   (the sitemap page as a file: "
                "its /nginx reference)"
            ]
            if "nginx_sitemap" in result
            else []
        ),
        f"{'article, 8 conn.':<16}{'':>12}{_run_cols(low, 10)}   (uncached)",
    ]
    if "article_long_tail" in uncached:
        tail = uncached["article_long_tail"]
        lines.append(f"{'long tail, 8 c.':<16}{'':>12}{_run_cols(tail, 10)}   (uncached; each request "
                     f"another of {LONG_TAIL_ARTICLES:,} random articles, so per-article caches are cold too)")  # fmt: skip
    lines += [
        "",
        "Times in ms. 1 req = one request alone, uncached (median of 5 after the first); uncached =",
        "VESTNIK_PAGE_CACHE=0, each page warmed by those 6 requests; a dash: no request finished within",
        "the 10 s; CPU = gunicorn's CPU per request (PostgreSQL's not counted); hits = share of",
        "X-Vestnik-Cache: hit; /nginx = cached rate / nginx's; +nginx = through nginx's microcache in",
        "front of the cached server (deploy/nginx/vestnik.conf: X-Accel-Expires 1 s), CPU = gunicorn's;",
        "non-2xx counts both runs (plus socket errors and timeouts).",
    ]
    if not present:
        lines.append("cached: n/a (page cache not present: no X-Vestnik-Cache header in any response)")
    lines.append("")
    for config in ("uncached", "cached"):
        m = result[config]["memory"]
        pss = f", PSS sum {m['pss_mb_sum']:.0f} MB, max {m['pss_mb_max']:.0f} MB" if m["pss_mb_sum"] else ""
        lines.append(f"memory after the {config} runs: {m['workers']} workers, RSS sum {m['rss_mb_sum']:.0f} MB, "
                     f"max {m['rss_mb_max']:.0f} MB{pss} (master {m['master_rss_mb']:.0f} MB)")  # fmt: skip

    def shown(times: dict) -> str:
        return ", ".join(f"{k} {'never' if v is None else f'{v:.2f} s'}" for k, v in times.items())

    for label, publish in (
        ("", result.get("publish")),
        (" through nginx", result.get("front", {}).get("publish")),
        (" through nginx, refreshed by the worker", result.get("front", {}).get("publish_worker")),
    ):
        if not publish:
            continue
        if "error" in publish:
            lines.append(f"publish-to-visible{label}: error\n{publish['error']}")
            continue
        lines.append(f"publish-to-visible{label} (from the start of the publish call): edited title: "
                     f"{shown(publish['edit']['visible_s'])} (publish took {publish['edit']['publish_call_s']:.2f} s); "
                     f"new article: {shown(publish['new']['visible_s'])} "
                     f"(publish took {publish['new']['publish_call_s']:.2f} s)")  # fmt: skip
    lines += ["", f"{'target':<56}{'measured':<50}result"]
    for row in result["targets"]:
        verdict = {True: "pass", False: "FAIL", None: "n/a"}[row["pass"]]
        lines.append(f"{row['target']:<56}{row['measured']:<50}{verdict}")
    return "\n".join(lines)


def run_servers(name: str, run, report, json_path: Path | None) -> int:
    """``run()`` with its servers stopped however it ends (error, Ctrl-C, SIGTERM); the result
    to bench/results/<date>-<host>-<name>.json (and ``json_path``), its report printed."""

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    try:
        ensure_tools()
        result = run()
    except BenchError as error:
        print(f"Benchmark {name} stopped: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"Benchmark {name} interrupted; its servers are stopped.", file=sys.stderr)
        return 130
    finally:
        Group.stop_all()
    text = json.dumps(result, ensure_ascii=False, indent=2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{result['date']}-{result['host']}-{name}.json").write_text(text)
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(text)
    print(report(result))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_HTTP_ARTICLES", "100000")))
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--reuse-database", action="store_true", help="measure the database a previous run built"
    )
    args = parser.parse_args()
    return run_servers("http", lambda: run(args.articles, args.reuse_database), report, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
