"""The HTTP benchmark's site: the demo newsroom, multiplied by SQL to N articles.

The database is dropped and made again: `manage.py migrate`, `manage.py load_demo` (the
seed capture and ~50 articles with rubrics, authors, tags, pictures and their search
rows, saved the normal way), then copies of those articles inserted by SQL until there
are N (a Wagtail save per article would take hours at 100,000). Each copy stays under
its source's rubric with its own treebeard path, slug, title and URL path, is published
further back in time than the one before (the copies spread over eight years before the
oldest demo article, so the demo stays the newest news), and gets its source's byline,
tags, extra rubrics and search row (the same tsvector), so that lists, feeds, sitemaps
and search read realistic data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from sitemap_bench import BASE36, columns

from vestnik.search.periods import with_periods_sql

ROOT = Path(__file__).resolve().parent.parent
SPAN = "8 years"
STEPLEN = 4


def manage(env: dict[str, str], *args: str, source: Path = ROOT) -> None:
    subprocess.run([sys.executable, str(source / "manage.py"), *args], cwd=source, env=env, check=True)


def recreate_database(server_url: str, name: str) -> str:
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


def build(*, database_url: str, env: dict[str, str], articles: int, source: Path = ROOT) -> dict:
    """Migrate, load the demo, multiply it to ``articles``; returns timings and counts."""
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0", source=source)
    manage(env, "load_demo", source=source)
    manage(env, "rebuild_search_index", "--stale", source=source)
    demo_seconds = time.perf_counter() - started
    started = time.perf_counter()
    # Client-side binding: PostgreSQL takes no parameters in CREATE TABLE … AS.
    with psycopg.connect(database_url, cursor_factory=psycopg.ClientCursor) as conn:
        with conn.cursor() as cursor:
            demo = multiply(cursor, articles)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    return {
        "demo_articles": demo,
        "articles": max(articles, demo),
        "demo_seconds": round(demo_seconds, 1),
        "copy_seconds": round(time.perf_counter() - started, 1),
    }


def multiply(cursor, total: int) -> int:
    """Copy the live demo articles until there are ``total``; returns how many were there."""
    cursor.execute(BASE36)
    cursor.execute(
        """CREATE TEMP TABLE bench_source AS
        SELECT row_number() OVER (ORDER BY p.id) - 1 AS i, p.id, p.slug, p.title,
               p.first_published_at, r.path AS parent_path, r.url_path AS parent_url_path
        FROM wagtailcore_page p
        JOIN news_articlepage a ON a.page_ptr_id = p.id
        JOIN wagtailcore_page r ON r.path = substr(p.path, 1, length(p.path) - %s)
        WHERE p.live""",
        [STEPLEN],
    )
    cursor.execute("SELECT count(*), min(first_published_at) FROM bench_source")
    demo, oldest = cursor.fetchone()
    copies = total - demo
    if copies <= 0:
        return demo
    # Copies are numbered after the last existing child of each rubric (treebeard's paths).
    cursor.execute(
        """CREATE TEMP TABLE bench_rubric AS
        SELECT parent_path AS path, 0 AS last_child FROM bench_source GROUP BY parent_path"""
    )
    cursor.execute(
        "SELECT r.path, max(substr(c.path, length(r.path) + 1)) FROM bench_rubric r "
        "JOIN wagtailcore_page c ON c.path LIKE r.path || '____' GROUP BY r.path"
    )
    for path, last in cursor.fetchall():
        cursor.execute("UPDATE bench_rubric SET last_child = %s WHERE path = %s", [int(last, 36), path])
    cursor.execute(
        """CREATE TEMP TABLE bench_copy AS
        SELECT g, s.id AS source_id, s.first_published_at AS source_published,
               s.slug || '-' || g AS slug,
               s.title || ' (архив, выпуск ' || g || ')' AS title,
               s.parent_url_path || s.slug || '-' || g || '/' AS url_path,
               s.parent_path || bench_base36(r.last_child
                   + row_number() OVER (PARTITION BY s.parent_path ORDER BY g), %s) AS path,
               %s::timestamptz - g * (%s::interval / %s) AS published
        FROM generate_series(1, %s) g
        JOIN bench_source s ON s.i = g %% %s
        JOIN bench_rubric r ON r.path = s.parent_path""",
        [STEPLEN, oldest, SPAN, copies, copies, demo],
    )
    _insert_pages(cursor)
    cursor.execute(
        "CREATE TEMP TABLE bench_map AS SELECT c.*, p.id AS page_id "
        "FROM bench_copy c JOIN wagtailcore_page p ON p.path = c.path"
    )
    cursor.execute("CREATE INDEX ON bench_map (source_id)")
    _insert_articles(cursor)
    _copy_rows(cursor, "news_articleauthor", "page_id")
    _copy_rows(cursor, "news_articletag", "content_object_id")
    _copy_rows(cursor, "news_articlepage_extra_rubrics", "articlepage_id")
    # The copy's vector names its own publication day (vestnik/search/periods.py).
    _copy_rows(cursor, "search_searchdocument", "page_id",
               {"published_at": "m.published", "indexed_at": "now()",
                "vector": with_periods_sql("t.vector", "m.published")})  # fmt: skip
    cursor.execute(
        """UPDATE wagtailcore_page r SET numchild =
          (SELECT count(*) FROM wagtailcore_page c WHERE c.path LIKE r.path || '____')
        WHERE r.path IN (SELECT path FROM bench_rubric)"""
    )
    return demo


def _insert_pages(cursor) -> None:
    override = {
        "path": "c.path",
        "slug": "c.slug",
        "title": "c.title",
        "draft_title": "c.title",
        "url_path": "c.url_path",
        "translation_key": "gen_random_uuid()",
        "first_published_at": "c.published",
        "last_published_at": "c.published",
        "latest_revision_created_at": "c.published",
    }
    page_cols = [c for c in columns(cursor, "wagtailcore_page") if c != "id"]
    select = ", ".join(override.get(c, f"t.{c}") for c in page_cols)
    cursor.execute(
        f"INSERT INTO wagtailcore_page ({', '.join(page_cols)}) SELECT {select} "
        f"FROM bench_copy c JOIN wagtailcore_page t ON t.id = c.source_id"
    )


def _insert_articles(cursor) -> None:
    override = {
        "source_id": "''",
        # Copies of the demo's translation are articles of their own, not more translations
        # of the seed (a group holds one article per language).
        "translation_of_id": "NULL",
        # A corrected article keeps its correction the same time after publication.
        "updated_at": "m.published + (t.updated_at - m.source_published)",
    }
    cols = [c for c in columns(cursor, "news_articlepage") if c != "page_ptr_id"]
    select = ", ".join(override.get(c, f"t.{c}") for c in cols)
    cursor.execute(
        f"INSERT INTO news_articlepage (page_ptr_id, {', '.join(cols)}) SELECT m.page_id, {select} "
        f"FROM bench_map m JOIN news_articlepage t ON t.page_ptr_id = m.source_id"
    )


def _copy_rows(cursor, table: str, page_column: str, override: dict[str, str] | None = None) -> None:
    """Give every copy its source's rows of ``table`` (byline, tags, extra rubrics, index)."""
    override = {page_column: "m.page_id", **(override or {})}
    cols = [c for c in columns(cursor, table) if c != "id"]
    select = ", ".join(override.get(c, f"t.{c}") for c in cols)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} "
        f"FROM bench_map m JOIN {table} t ON t.{page_column} = m.source_id"
    )


def pick_urls(database_url: str) -> dict:
    """The pages to measure: a real demo article of the politics rubric (the newest, so it
    is on the home page), the oldest copy, that rubric, the busiest author."""
    with psycopg.connect(database_url) as conn:
        home = conn.execute("SELECT url_path FROM wagtailcore_page WHERE depth = 2 ORDER BY path").fetchone()[
            0
        ]

        def site_path(url_path: str) -> str:
            return "/" + url_path[len(home) :] if url_path.startswith(home) else url_path

        rubric_path, rubric_url, rubric_title = conn.execute(
            "SELECT p.path, p.url_path, p.title FROM wagtailcore_page p JOIN news_rubricpage r "
            "ON r.page_ptr_id = p.id WHERE p.live ORDER BY (p.title = 'Политика') DESC, p.path LIMIT 1"
        ).fetchone()
        newest = conn.execute(
            "SELECT p.id, p.url_path, p.title FROM wagtailcore_page p JOIN news_articlepage a "
            "ON a.page_ptr_id = p.id WHERE p.live AND a.source_id LIKE 'demo:%%' AND p.path LIKE %s "
            "ORDER BY p.first_published_at DESC LIMIT 1",
            [rubric_path + "____"],
        ).fetchone()
        oldest = conn.execute(
            "SELECT p.id, p.url_path FROM wagtailcore_page p JOIN news_articlepage a "
            "ON a.page_ptr_id = p.id WHERE p.live ORDER BY p.first_published_at, p.id LIMIT 1"
        ).fetchone()
        author = conn.execute(
            "SELECT a.slug FROM news_author a JOIN news_articleauthor l ON l.author_id = a.id "
            "GROUP BY a.id ORDER BY count(*) DESC, a.slug LIMIT 1"
        ).fetchone()[0]
        live = conn.execute(
            "SELECT count(*) FROM news_articlepage a JOIN wagtailcore_page p ON p.id = a.page_ptr_id WHERE p.live"
        ).fetchone()[0]
    return {
        "live_articles": live,
        "article": site_path(newest[1]),
        "article_id": newest[0],
        "article_title": newest[2],
        "archive_article": site_path(oldest[1]),
        "rubric": site_path(rubric_url),
        "rubric_title": rubric_title,
        "author": f"/author/{author}/",
    }


def long_tail_paths(database_url: str, count: int, *, demo_only: bool = False) -> list[str]:
    """``count`` live articles' site paths in random order (the same order for a database);
    with ``demo_only``, the demo's own articles, whose pictures every copy shares."""
    with psycopg.connect(database_url) as conn:
        home = conn.execute("SELECT url_path FROM wagtailcore_page WHERE depth = 2 ORDER BY path").fetchone()[
            0
        ]
        rows = conn.execute(
            "SELECT p.url_path FROM wagtailcore_page p JOIN news_articlepage a ON a.page_ptr_id = p.id "
            "WHERE p.live AND p.url_path LIKE %s AND (NOT %s OR a.source_id LIKE 'demo:%%') "
            "ORDER BY md5(p.id::text) LIMIT %s",
            [home + "%", demo_only, count],
        ).fetchall()
    return ["/" + url_path[len(home) :] for (url_path,) in rows]


if __name__ == "__main__":  # a quick way to build the database without measuring
    url = recreate_database(os.environ["BENCH_POSTGRES_URL"], "vestnik_bench_http")
    print(build(database_url=url, env={**os.environ, "DATABASE_URL": url}, articles=int(sys.argv[1])))
