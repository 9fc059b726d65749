"""Sitemaps at 1M articles on PostgreSQL: time and peak memory of the sitemap index and of
a 50,000-URL article sitemap page deep in the archive.

Builds the database `vestnik_bench_sitemap`: a site, one rubric, one article made the
normal way, then N-1 copies of it inserted by SQL (a million Wagtail saves would take
hours; the rows are what the sitemap reads). Reference in the same run, on the same
rows: Wagtail's own sitemap (wagtail.contrib.sitemaps), which pages through specific
page objects.

Usage: python bench/sitemap_bench.py [--articles N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASE36 = """
CREATE OR REPLACE FUNCTION bench_base36(n bigint, width int) RETURNS text AS $$
DECLARE digits text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'; out text := '';
BEGIN
  WHILE n > 0 LOOP out := substr(digits, (n % 36)::int + 1, 1) || out; n := n / 36; END LOOP;
  RETURN lpad(out, width, '0');
END $$ LANGUAGE plpgsql IMMUTABLE;
"""


def setup(url: str):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def load(n: int) -> float:
    from django.db import connection, transaction

    from vestnik.news.models import ArticlePage
    from vestnik.news.services import ensure_rubric, ensure_site

    home = ensure_site()
    rubric = ensure_rubric(home=home, title="Политика")
    template = ArticlePage(title="Шаблон", slug="article-1", lead="Лид материала для карты сайта.")
    rubric.add_child(instance=template)
    template.save_revision().publish()
    template.refresh_from_db()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(BASE36)
        page_cols = [c for c in columns(cursor, "wagtailcore_page") if c != "id"]
        override = {
            "path": f"'{rubric.path}' || bench_base36(g, 4)",
            "slug": "'article-' || g",
            "title": "'Материал номер ' || g",
            "draft_title": "'Материал номер ' || g",
            "url_path": f"'{rubric.url_path}article-' || g || '/'",
            "translation_key": "gen_random_uuid()",
            "first_published_at": "now() - g * interval '1 minute'",
            "last_published_at": "now() - g * interval '1 minute'",
        }
        select = ", ".join(override.get(c, f"t.{c}") for c in page_cols)
        cursor.execute(
            f"INSERT INTO wagtailcore_page ({', '.join(page_cols)}) SELECT {select} "
            f"FROM wagtailcore_page t, generate_series(2, %s) g WHERE t.id = %s",
            [n, template.pk],
        )
        article_cols = [c for c in columns(cursor, "news_articlepage") if c != "page_ptr_id"]
        cursor.execute(
            f"INSERT INTO news_articlepage (page_ptr_id, {', '.join(article_cols)}) "
            f"SELECT p.id, {', '.join('t.' + c for c in article_cols)} FROM wagtailcore_page p, news_articlepage t "
            f"WHERE t.page_ptr_id = %s AND p.path LIKE %s AND p.id <> %s",
            [template.pk, rubric.path + "%", template.pk],
        )
        cursor.execute("UPDATE wagtailcore_page SET numchild = %s WHERE id = %s", [n, rubric.pk])
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def measure(url: str, repeat: int = 3) -> dict:
    from django.test import Client

    client = Client()
    times, peaks, size = [], [], 0
    for _ in range(repeat):
        tracemalloc.start()
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1")
        body = b"".join(response) if response.streaming else response.content
        times.append(time.perf_counter() - started)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert response.status_code == 200, (url, response.status_code)
        size = len(body)
    return {"url": url, "seconds": round(min(times), 2), "peak_mb": round(min(peaks) / 2**20, 2),
            "bytes": size, "urls": body.count(b"<loc>")}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    import psycopg

    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS vestnik_bench_sitemap")
        conn.execute("CREATE DATABASE vestnik_bench_sitemap")
    setup(base.rsplit("/", 1)[0] + "/vestnik_bench_sitemap")

    from django.urls import path
    from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

    import vestnik.urls

    # The reference: Wagtail's sitemap of the same pages, mounted for this run only.
    vestnik.urls.urlpatterns.insert(0, path("wagtail-sitemap.xml", wagtail_sitemap))
    load_seconds = load(args.articles)
    last_page = -(-args.articles // 50_000)
    deep = max(1, last_page - 1)
    result = {
        "articles": args.articles,
        "load_seconds": round(load_seconds, 1),
        "index": measure("/sitemap.xml"),
        "article_page": measure(f"/sitemap-articles.xml?p={deep}"),
        "wagtail_page": measure(f"/wagtail-sitemap.xml?p={deep}", repeat=1),
    }
    print(json.dumps(result, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
