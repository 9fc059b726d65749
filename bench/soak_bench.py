"""Soak test: the production server for 5 minutes at twice the capacity it has just shown,
with mixed traffic — readers on pages, search, feeds and sitemaps, editors saving and
publishing in the admin. It passes with zero 5xx responses, zero lost saves and flat
memory.

The server is production's: gunicorn (gunicorn.conf.py, a worker per core plus one) with the
production settings, PostgreSQL, Redis, the page cache, and `manage.py worker` running
the background tasks (cache purges, search index) from the database queue. One setting
differs, and makes the test stricter: gunicorn's worker recycling (max_requests) is off,
so a leak cannot hide behind a restart.

1. Capacity, in the same run (the machine is shared, so an old figure would not do): wrk
   with 32 connections and no pause, for 30 s, on the readers' mix — thousands of
   different articles (a long tail the page cache has not seen), the home page, rubrics,
   authors, tags, searches, feeds and sitemaps. Its rate is C requests/s.
2. Soak: readers offered 2 × C — 128 connections, each waiting a random time with mean
   128 / (2 C) s between requests — plus four editors, each saving an article every one to
   three seconds through the admin's edit form (bench/soak_editors.py) and watching the
   public page until the new title shows. The server can only serve about C, so readers
   queue: the point is that it stays correct and does not grow while overloaded.
   Memory (gunicorn's workers, the task worker, Redis) is sampled every 5 s.
3. Checks: wrk's and the editors' responses by status class; every save the server
   accepted is a revision in the database with its title, and the last published title of
   each article is the live one and the one readers get; errors in the server logs.

Usage: python bench/soak_bench.py [--articles N] [--seconds S] [--json PATH] [--reuse-database]
(N defaults to BENCH_SOAK_ARTICLES or 100,000; S to BENCH_SOAK_SECONDS or 300).
Writes bench/results/<date>-<host>-soak.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import http_bench as hb
import http_site
import psycopg
import redis
import soak_editors
import soak_lua

DATABASE = "vestnik_bench_soak"
CAPACITY_CONNECTIONS, CAPACITY_SECONDS = 32, 30
SOAK_CONNECTIONS, OVERLOAD = 128, 2.0
EDITORS, EDITOR_PASSWORD = 4, "soak-editor-password-2026"
SAMPLE_EVERY_S = 5
MEMORY_GROWTH_LIMIT = 0.10  # the workers' RSS at the end against after the first minute
SEARCHES = ["правительство", "Астана", "Алматы", "президент", "мажилис", "закон", "выборы", "экономика",
            "снегопад", "бюджет", "министр", "\"первом чтении\"", "налог -бюджет", "школы", "дороги",
            "аким", "суд", "тенге", "нефть", "Казахстан", "цифровых обращениях", "коммунальщики"]  # fmt: skip


# --- the site ---------------------------------------------------------------------------


def sitemap_pages(port: int) -> list[str]:
    """The sitemap index and the first three child sitemaps it lists."""
    status, _, body = hb.get(port, "/sitemap.xml")
    if status != 200:
        raise hb.BenchError(f"/sitemap.xml answered {status}")
    children = []
    for loc in re.findall(r"<loc>([^<]*)</loc>", body.decode())[:3]:
        child = urllib.parse.urlsplit(loc.replace("&amp;", "&"))
        children.append(child.path + ("?" + child.query if child.query else ""))
    return ["/sitemap.xml", "/news-sitemap.xml", "/robots.txt", *children]


def warm_up(port: int, paths: list[str], server: hb.Group) -> dict:
    """Every path once, eight at a time, as a site's cache is warm before a spike: each must
    answer below 400, so that the mix has no broken link in it."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda path: (path, hb.get(port, path)[0]), paths))
    broken = [(path, status) for path, status in answers if status >= 400]
    if broken:
        raise hb.BenchError(
            f"{len(broken)} paths of the mix answered an error, e.g. {broken[:5]}\n{server.log_tail()}"
        )
    return {"paths": len(paths), "seconds": round(time.monotonic() - started, 1)}


def mix(database_url: str, home_prefix: str, sitemaps: list[str]) -> list[tuple[str, int]]:
    """The readers' paths with weights: about 62% articles (3,000 different ones), 10% home,
    10% rubrics, authors and tags, 8% search, 8% feeds and 1% sitemaps (crawlers read them
    now and then; a child sitemap of 50,000 URLs is streamed, never cached)."""

    def site_path(url_path: str) -> str:
        return "/" + url_path[len(home_prefix) :]

    with psycopg.connect(database_url) as conn:
        articles = [site_path(r[0]) for r in conn.execute(
            "SELECT p.url_path FROM wagtailcore_page p JOIN news_articlepage a ON a.page_ptr_id = p.id "
            "WHERE p.live ORDER BY random() LIMIT 3000")]  # fmt: skip
        rubrics = conn.execute(
            "SELECT p.url_path, p.slug FROM wagtailcore_page p JOIN news_rubricpage r ON r.page_ptr_id = p.id "
            "WHERE p.live"
        ).fetchall()
        authors = [r[0] for r in conn.execute("SELECT slug FROM news_author ORDER BY id LIMIT 40")]
        tags = [r[0] for r in conn.execute("SELECT slug FROM news_tag ORDER BY id LIMIT 40")]
    quote = urllib.parse.quote
    listing = [site_path(url) for url, _ in rubrics] + [site_path(url) + "?page=2" for url, _ in rubrics]
    listing += [f"/author/{slug}/" for slug in authors] + [f"/tag/{quote(slug)}/" for slug in tags]
    searches = [f"/search/?q={quote(q)}" for q in SEARCHES] + [
        f"/search/?q={quote(q)}&page=2" for q in SEARCHES[:8]
    ]
    searches += [f"/api/search/?q={quote(q)}" for q in SEARCHES[:8]]
    feeds = ["/feeds/rss/", "/feeds/atom/", "/feeds/yandex/"]
    feeds += [f"/feeds/rubric/{slug}/rss/" for _, slug in rubrics] + [
        f"/feeds/author/{s}/atom/" for s in authors[:10]
    ]
    weighted = [(p, 2) for p in articles] + [("/", 1000)]
    for group, share in ((listing, 1000), (searches, 800), (feeds, 800), (sitemaps, 100)):
        weighted += [(p, max(1, share // len(group))) for p in group]
    return weighted


def editors_and_articles(env: dict[str, str], database_url: str, home_prefix: str) -> tuple[list[str], dict]:
    """Superusers for the editors (made by manage.py, so with the site's password hashing)
    and the twenty newest articles they take turns on (on the home page, so each publish
    also changes the home page and the rubric)."""
    names = [f"soak-editor-{n}" for n in range(1, EDITORS + 1)]
    code = (
        "from django.contrib.auth import get_user_model\n"
        "User = get_user_model()\n"
        f"for name in {names!r}:\n"
        "    user, _ = User.objects.get_or_create(username=name, defaults={'email': name + '@example.org'})\n"
        "    user.is_staff = user.is_superuser = True\n"
        f"    user.set_password({EDITOR_PASSWORD!r})\n"
        "    user.save()\n"
    )
    http_site.manage(env, "shell", "-c", code, source=hb.SOURCE)
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT p.id, p.url_path FROM wagtailcore_page p JOIN news_articlepage a ON a.page_ptr_id = p.id "
            "WHERE p.live ORDER BY p.first_published_at DESC LIMIT 20"
        ).fetchall()
    return names, {pk: "/" + url[len(home_prefix) :] for pk, url in rows}


# --- load -------------------------------------------------------------------------------


def run_wrk(port: int, lua: Path, connections: int, seconds: int) -> dict:
    command = ["wrk", f"-t{hb.THREADS}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
               "-s", str(lua), f"http://127.0.0.1:{port}/"]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    raw = json.loads(next(x for x in reversed(output.splitlines()) if x.startswith("{")))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "connections": connections,
        "seconds": round(seconds_run, 1),
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / seconds_run, 1),
        "status": {
            "2xx": raw["s2"],
            "3xx": raw["s3"],
            "4xx": raw["s4"],
            "5xx": raw["s5"],
            "other": raw["other"],
        },
        "cache": raw["cache"],
        "socket_errors": {k: raw[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts")},
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p90_ms": round(raw["p90_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
    }


class Sampler(threading.Thread):
    """Memory every SAMPLE_EVERY_S seconds: gunicorn's workers (RSS, PSS), the task worker, Redis."""

    def __init__(self, server: hb.Group, worker: hb.Group):
        super().__init__(name="sampler", daemon=True)
        self.server, self.worker = server, worker
        self.samples: list[dict] = []
        self.stop = threading.Event()
        self.redis = redis.Redis.from_url(hb.REDIS_URL)

    def run(self) -> None:
        started = time.monotonic()
        while not self.stop.wait(0 if not self.samples else SAMPLE_EVERY_S):
            workers = hb.memory(self.server.pid)
            self.samples.append({
                "t_s": round(time.monotonic() - started, 1),
                "gunicorn_rss_mb_sum": workers["rss_mb_sum"],
                "gunicorn_rss_mb_max": workers["rss_mb_max"],
                "gunicorn_pss_mb_sum": workers["pss_mb_sum"],
                "gunicorn_workers": workers["workers"],
                "worker_rss_mb": hb.proc_mb(Path(f"/proc/{self.worker.pid}/status"), "VmRSS"),
                "redis_mb": round(self.redis.info("memory")["used_memory"] / 2**20, 1),
            })  # fmt: skip


def memory_verdict(samples: list[dict]) -> dict:
    """Growth of each series from the first sample after a minute (caches and dictionaries
    are loaded by then) to the mean of the last minute, and the slope of a least-squares
    line over the same span, in MB per minute."""
    settled = [s for s in samples if s["t_s"] >= 60] or samples
    last = [s for s in settled if s["t_s"] >= settled[-1]["t_s"] - 60]
    verdict = {}
    for key in ("gunicorn_rss_mb_sum", "gunicorn_pss_mb_sum", "worker_rss_mb", "redis_mb"):
        series = [(s["t_s"], s[key]) for s in settled if s[key] is not None]
        if len(series) < 2:
            continue
        start, end = series[0][1], statistics.mean(s[key] for s in last if s[key] is not None)
        verdict[key] = {"after_1_min": start, "last_minute_mean": round(end, 1),
                        "growth": round((end - start) / start, 3) if start else None,
                        "slope_mb_per_min": round(statistics.linear_regression(
                            [t / 60 for t, _ in series], [v for _, v in series]).slope, 2)}  # fmt: skip
    return verdict


# --- checks -----------------------------------------------------------------------------


def check_saves(database_url: str, saves: list[soak_editors.Save], articles: dict, port: int) -> dict:
    """Each accepted save is a revision with its title; the last published title of each
    article is its live title, and readers get it."""
    accepted = [s for s in saves if s.accepted]
    with psycopg.connect(database_url) as conn:
        missing = [s for s in accepted if not conn.execute(
            "SELECT 1 FROM wagtailcore_revision WHERE object_id = %s AND content->>'title' = %s",
            [str(s.article_id), s.title]).fetchone()]  # fmt: skip
        live_wrong, reader_wrong = [], []
        for article_id, path in articles.items():
            published = [s for s in accepted if s.article_id == article_id and s.action == "publish"]
            if not published:
                continue
            live = conn.execute("SELECT title FROM wagtailcore_page WHERE id = %s", [article_id]).fetchone()[
                0
            ]
            if live != published[-1].title:
                live_wrong.append({"article_id": article_id, "live": live, "expected": published[-1].title})
            status, _, body = hb.get(port, path)
            if status != 200 or published[-1].marker not in body.decode():
                reader_wrong.append(
                    {"article_id": article_id, "status": status, "expected": published[-1].marker}
                )
    return {
        "saves": len(saves),
        "accepted": len(accepted),
        "published": sum(s.action == "publish" for s in accepted),
        "refused": [
            {"article_id": s.article_id, "status": s.status, "problem": s.problem}
            for s in saves
            if not s.accepted
        ][:20],  # fmt: skip
        "lost": [{"article_id": s.article_id, "title": s.title} for s in missing],
        "live_title_wrong": live_wrong,
        "reader_sees_old_title": reader_wrong,
    }


def queue_drained(database_url: str, since: dt.datetime, timeout: float = 180) -> dict:
    """Wait until the task queue holds nothing waiting or running; the final states of the
    tasks enqueued since ``since`` (the soak's start)."""
    deadline = time.monotonic() + timeout
    query = ("SELECT status, count(*) FROM django_tasks_database_dbtaskresult WHERE enqueued_at >= %s "
             "GROUP BY status")  # fmt: skip
    while True:
        with psycopg.connect(database_url) as conn:
            counts = dict(conn.execute(query, [since]).fetchall())
        if not counts.get("READY") and not counts.get("RUNNING") or time.monotonic() > deadline:
            return counts
        time.sleep(1)


def log_errors(*groups: hb.Group) -> dict:
    """Lines of the servers' logs that say something went wrong."""
    pattern = re.compile(r"Traceback|\[CRITICAL\]|WORKER TIMEOUT|\"level\": \"ERROR\"|\bERROR\b")
    found = {}
    for group in groups:
        lines = [line for line in group.log.read_text(errors="replace").splitlines() if pattern.search(line)]
        found[group.name] = {"count": len(lines), "first": lines[:10]}
    return found


# --- the run ----------------------------------------------------------------------------


def run(articles: int, seconds: int, reuse: bool) -> dict:
    hb.WORK.mkdir(parents=True, exist_ok=True)
    server_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database_url = server_url.rsplit("/", 1)[0] + "/" + DATABASE
    # The site is built with tasks run at once (the queue starts empty); the server then uses
    # production's queue: purges and index updates wait for `manage.py worker`.
    build_env = hb.base_env(database_url)
    env = build_env | {"VESTNIK_TASKS": "database", "GUNICORN_MAX_REQUESTS": "0"}
    result: dict = {"date": dt.date.today().isoformat(), "host": socket.gethostname(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    result["source"] = hb.snapshot()
    if reuse:
        http_site.manage(build_env, "migrate", "--noinput", "-v0", source=hb.SOURCE)
    else:
        http_site.recreate_database(server_url, DATABASE)
        result["build"] = http_site.build(database_url=database_url, env=build_env, articles=articles,
                                          source=hb.SOURCE)  # fmt: skip
    http_site.manage(build_env, "collectstatic", "--noinput", "-v0", source=hb.SOURCE)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("UPDATE wagtailcore_site SET hostname = '127.0.0.1' WHERE is_default_site")
        home_prefix = conn.execute(
            "SELECT url_path FROM wagtailcore_page WHERE depth = 2 ORDER BY path"
        ).fetchone()[0]
        result["articles"] = conn.execute(
            "SELECT count(*) FROM news_articlepage a JOIN wagtailcore_page p ON p.id = a.page_ptr_id WHERE p.live"
        ).fetchone()[0]
    names, edited = editors_and_articles(build_env, database_url, home_prefix)
    hb.flush_redis()

    server, port = hb.start_gunicorn(env, "soak")
    worker = hb.Group("worker", [sys.executable, str(hb.SOURCE / "manage.py"), "worker"], env,
                      hb.WORK / "worker-soak.log", cwd=hb.SOURCE)  # fmt: skip
    try:
        weighted = mix(database_url, home_prefix, sitemaps=sitemap_pages(port))
        result["mix"] = {"paths": len(weighted), "weights": sum(w for _, w in weighted)}
        print(f"warming the page cache: {len(weighted):,} paths, each once", file=sys.stderr)
        result["warm_up"] = warm_up(port, [p for p, _ in weighted], server)
        capacity_lua = hb.WORK / "soak-capacity.lua"
        capacity_lua.write_text(soak_lua.script(weighted, think_ms=0))
        print(f"capacity: {CAPACITY_CONNECTIONS} connections, {CAPACITY_SECONDS} s", file=sys.stderr)
        result["capacity"] = run_wrk(port, capacity_lua, CAPACITY_CONNECTIONS, CAPACITY_SECONDS)
        hb.wait_idle(server.pid, database_url)
        offered = OVERLOAD * result["capacity"]["requests_per_s"]
        think_ms = max(1, round(SOAK_CONNECTIONS / offered * 1000))
        soak_file = hb.WORK / "soak.lua"
        soak_file.write_text(soak_lua.script(weighted, think_ms=think_ms))
        result["offered"] = {"requests_per_s": round(offered, 1), "connections": SOAK_CONNECTIONS,
                             "think_ms": think_ms, "editors": EDITORS, "seconds": seconds}  # fmt: skip
        print(f"soak: {seconds} s, readers offered {offered:.0f} req/s, {EDITORS} editors", file=sys.stderr)

        stop, log = threading.Event(), soak_editors.EditorLog()
        # Each editor has articles of their own: a title another editor replaced before it showed
        # would look like a publish never seen (two editors on one article: newsroom tests).
        shares = {name: dict(list(edited.items())[n::EDITORS]) for n, name in enumerate(names)}
        editors = [soak_editors.Editor(base=f"http://127.0.0.1:{port}", username=name, password=EDITOR_PASSWORD,
                                       articles=shares[name], stop=stop, log=log) for name in names]  # fmt: skip
        sampler = Sampler(server, worker)
        soak_started = dt.datetime.now(dt.UTC)
        sampler.start()
        for editor in editors:
            editor.start()
        try:
            result["soak"] = run_wrk(port, soak_file, SOAK_CONNECTIONS, seconds)
        finally:
            stop.set()
            for editor in editors:  # each finishes its save and watches it show
                editor.join(soak_editors.VISIBLE_TIMEOUT_S + 60)
            sampler.stop.set()
            sampler.join(30)
        result["memory_samples"] = sampler.samples
        result["memory"] = memory_verdict(sampler.samples)
        result["tasks"] = queue_drained(database_url, soak_started)
        hb.wait_idle(server.pid, database_url)
        visible = sorted(s.visible_s for s in log.saves if s.visible_s is not None)
        published = [s for s in log.saves if s.accepted and s.action == "publish"]
        result["editors"] = {
            "responses": {str(k): v for k, v in sorted(log.statuses.items())},
            "errors": log.errors,
            "save_seconds_p50": statistics.median([s.seconds for s in log.saves]) if log.saves else None,
            "visible_s_p50": statistics.median(visible) if visible else None,
            "visible_s_max": visible[-1] if visible else None,
            "never_visible": sum(s.visible_s is None for s in published),
        }
        result["saves"] = check_saves(database_url, log.saves, edited, port)
    finally:
        worker.stop()
        server.stop()
    result["log_errors"] = log_errors(server, worker)
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = targets(result)
    return result


def targets(result: dict) -> list[dict]:
    soak, saves, editors = result["soak"], result["saves"], result["editors"]
    five = soak["status"]["5xx"] + sum(v for k, v in editors["responses"].items() if k.startswith("5"))
    socket_errors = sum(soak["socket_errors"].values())
    gunicorn = result["memory"].get("gunicorn_rss_mb_sum", {})
    growth = gunicorn.get("growth")
    logged = sum(v["count"] for v in result["log_errors"].values())
    rows = [
        ("zero 5xx (readers and editors)", f"{five:,} of {soak['requests'] + sum(editors['responses'].values()):,}",
         five == 0),
        ("no socket errors or timeouts", f"{socket_errors:,}", socket_errors == 0),
        ("zero lost saves", f"{len(saves['lost'])} lost of {saves['accepted']} accepted "
         f"({len(saves['refused'])} refused)", not saves["lost"] and not saves["refused"] and not editors["errors"]),
        ("every publish visible to readers", f"{editors['never_visible']} never seen; end state: "
         f"{len(saves['live_title_wrong'])} live / {len(saves['reader_sees_old_title'])} reader wrong",
         not editors["never_visible"] and not saves["live_title_wrong"] and not saves["reader_sees_old_title"]),
        ("workers' memory flat (growth < 10% after minute 1)",
         f"{growth:+.1%}, slope {gunicorn.get('slope_mb_per_min', 0):+.1f} MB/min" if growth is not None else "n/a",
         growth is not None and growth < MEMORY_GROWTH_LIMIT),
        ("no errors in the server logs", f"{logged}", logged == 0),
        ("task queue drained, no task failed", json.dumps(result["tasks"]),
         not any(result["tasks"].get(k) for k in ("READY", "RUNNING", "FAILED"))),
    ]  # fmt: skip
    return [{"target": t, "measured": m, "pass": p} for t, m, p in rows]


def report(result: dict) -> str:
    cap, soak, offered = result["capacity"], result["soak"], result["offered"]
    source = result.get("source", {})
    lines = [
        f"Soak on PostgreSQL at {result['articles']:,} articles: gunicorn (production settings, Redis, page cache, "
        "no worker recycling) + manage.py worker.",
        f"Code: commit {source.get('commit')} with {source.get('uncommitted_files')} uncommitted files. "
        f"Load average at the start {result['load_average_at_start']}, at the end {result['load_average_at_end']}.",
        f"Readers' mix: {result['mix']['paths']:,} paths (articles, home, rubrics, authors, tags, search, feeds, sitemaps).",
        "",
        f"{'run':<34}{'conn.':>6}{'s':>5}{'requests':>10}{'req/s':>8}{'p50':>8}{'p90':>8}{'p99':>9}"
        f"{'2xx':>9}{'3xx':>6}{'4xx':>6}{'5xx':>6}{'sock.err':>9}{'hit':>6}{'stale':>6}{'miss':>6}",
    ]
    lines.append("-" * len(lines[-1]))
    for label, run in (
        ("capacity (no pause)", cap),
        (f"soak, offered {offered['requests_per_s']:,.0f} req/s", soak),
    ):
        s = run["status"]
        lines.append(
            f"{label:<34}{run['connections']:>6}{run['seconds']:>5.0f}{run['requests']:>10,}{run['requests_per_s']:>8,.0f}"
            f"{run['p50_ms']:>8.0f}{run['p90_ms']:>8.0f}{run['p99_ms']:>9.0f}{s['2xx']:>9,}{s['3xx']:>6,}"
            f"{s['4xx']:>6,}{s['5xx']:>6,}{sum(run['socket_errors'].values()):>9,}"
            + "".join(f"{run['cache'][k] / max(1, run['requests']):>6.0%}" for k in ("hit", "stale", "miss"))
        )
    ed, saves = result["editors"], result["saves"]
    lines += [
        "",
        f"Editors ({offered['editors']}): {saves['saves']} saves, {saves['accepted']} accepted "
        f"({saves['published']} publishes), save p50 {ed['save_seconds_p50'] or 0:.2f} s; publish-to-visible "
        f"through the worker's queue: p50 {ed['visible_s_p50'] or 0:.2f} s, max {ed['visible_s_max'] or 0:.2f} s; "
        f"responses {ed['responses']}.",
        "Memory (MB; after minute 1 → mean of the last minute, slope):",
    ]
    for key, m in result["memory"].items():
        growth = f"{m['growth']:+.1%}" if m["growth"] is not None else "n/a"
        lines.append(f"  {key:<22}{m['after_1_min']:>8.1f} →{m['last_minute_mean']:>8.1f}  {growth:>7}  "
                     f"{m['slope_mb_per_min']:+.2f} MB/min")  # fmt: skip
    lines += ["", f"{'target':<52}{'measured':<58}result"]
    for row in result["targets"]:
        lines.append(f"{row['target']:<52}{row['measured']:<58}{'pass' if row['pass'] else 'FAIL'}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_SOAK_ARTICLES", "100000")))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SOAK_SECONDS", "300")))
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--reuse-database", action="store_true", help="soak the database a previous run built"
    )
    args = parser.parse_args()
    return hb.run_servers(
        "soak", lambda: run(args.articles, args.seconds, args.reuse_database), report, args.json
    )


if __name__ == "__main__":
    raise SystemExit(main())
