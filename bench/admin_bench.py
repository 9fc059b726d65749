"""Wagtail's admin at 1M articles on PostgreSQL, for an editor with per-rubric permissions:
the page explorer of a rubric (first and last page), its search, filters and orderings,
the admin's page search and the page editor, each against a 300 ms target.

Builds the database `vestnik_bench_admin`: sitemap_bench's loader makes the rubric
"Политика" with N/5 articles (one saved the normal way, the rest SQL copies), then the
copies are spread by SQL under four more rubrics (so each has ~N/5 children) and dressed:
titles with topic words (one in ten articles per topic, "выборы" in one in a thousand),
one draft in ten, an owner, a byline author (ArticleAuthor), a revision and an edit log
entry each. The editor belongs to the group "Редактор: Политика" (add, change, publish
on that rubric only, and admin access); a superuser is measured for comparison.

Requests go through Django's test Client in this process, so the times are the server's
(no network, no browser): median and p95 of --repeat requests after one warm-up, and the
SQL queries of one of them. Wagtail's own search index (wagtailsearch_indexentry) is
empty for SQL-copied pages, so the searches run twice: as loaded (what a site imported by
SQL gets: nothing found) and after filling that index by SQL as `update_index` would.

Before measuring it waits (--quiet-wait, 900 s at most) for a load average under 1.5.
With --reuse-database --try-fixes [FIX ...] it measures instead the fixes in FIXES, each
applied in this process only (monkeypatched, or an index made and dropped), before and
after on the same requests.

Usage: python bench/admin_bench.py [--articles N] [--repeat 10] [--json PATH]
       [--reuse-database [--try-fixes [FIX ...]]] [--quiet-wait SECONDS]
(N defaults to BENCH_ADMIN_ARTICLES or 1,000,000; the database name to BENCH_ADMIN_DATABASE.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import socket
import statistics
import sys
import time
import warnings
from pathlib import Path

import sitemap_bench

# Static files are not served here (no collectstatic), and whitenoise says so at start-up.
warnings.filterwarnings("ignore", message="No directory at")

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASE = os.environ.get("BENCH_ADMIN_DATABASE", "vestnik_bench_admin")
TARGET_MS = 300
RUBRICS = ["Политика", "Экономика", "Общество", "Спорт", "Культура"]
# Each article's title ends with one topic (id % 10), so each word is in 10% of titles.
TOPICS = ["заседание правительства", "курс валют", "погода на неделю", "футбольный матч",
          "премьера в театре", "ремонт дорог", "новые школы", "работа больниц",
          "цены на бензин", "выставка художников"]  # fmt: skip
RARE_WORD, COMMON_WORD, EVERY_WORD = "выборы", "погода", "материал"
AUTHORS, OWNERS = 50, 20
EDITOR_GROUP = "Редактор: Политика"


# --- building the archive ---------------------------------------------------------------


def recreate_database(server_url: str) -> str:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    return server_url.rsplit("/", 1)[0] + "/" + DATABASE


def spread(cursor, source, rubrics) -> None:
    """Copy the source rubric's articles under each other rubric (new paths, same slugs)."""
    page_cols = [c for c in sitemap_bench.columns(cursor, "wagtailcore_page") if c != "id"]
    article_cols = [c for c in sitemap_bench.columns(cursor, "news_articlepage") if c != "page_ptr_id"]
    for rubric in rubrics:
        override = {
            "path": f"'{rubric.path}' || substr(c.path, {len(source.path) + 1})",
            "url_path": f"'{rubric.url_path}' || c.slug || '/'",
            "translation_key": "gen_random_uuid()",
        }
        select = ", ".join(override.get(col, f"c.{col}") for col in page_cols)
        cursor.execute(
            f"INSERT INTO wagtailcore_page ({', '.join(page_cols)}) SELECT {select} "
            f"FROM wagtailcore_page c WHERE c.path LIKE %s AND c.depth = %s",
            [source.path + "%", source.depth + 1],
        )
        cursor.execute(
            f"INSERT INTO news_articlepage (page_ptr_id, {', '.join(article_cols)}) "
            f"SELECT p.id, {', '.join('a.' + c for c in article_cols)} FROM wagtailcore_page p "
            f"JOIN wagtailcore_page c ON c.path = %s || substr(p.path, %s) "
            f"JOIN news_articlepage a ON a.page_ptr_id = c.id WHERE p.path LIKE %s AND p.depth = %s",
            [source.path, len(rubric.path) + 1, rubric.path + "%", rubric.depth + 1],
        )
        cursor.execute(
            "UPDATE wagtailcore_page SET numchild = (SELECT count(*) FROM wagtailcore_page "
            "WHERE path LIKE %s AND depth = %s) WHERE id = %s",
            [rubric.path + "%", rubric.depth + 1, rubric.pk],
        )


def dress(cursor, *, article_type: int, exclude: int, owners: list[int], authors: list[int]) -> None:
    """Titles, status, owner and dates in one pass over the copies; then revisions, bylines
    and edit log entries (one each), as a real archive has them."""
    cursor.execute("SELECT coalesce(max(id), 0) FROM wagtailcore_revision")
    offset = cursor.fetchone()[0]
    topics = "ARRAY[" + ", ".join(f"'{t}'" for t in TOPICS) + "]"
    draft = "mod(p.id / 7, 10) = 0"
    title = (f"'Материал номер ' || p.id || ': ' || ({topics})[mod(p.id, 10) + 1] "
             f"|| CASE WHEN mod(p.id, 1000) = 7 THEN ' и {RARE_WORD} акима' ELSE '' END")  # fmt: skip
    when = "now() - p.id * interval '1 minute'"
    cursor.execute(
        f"UPDATE wagtailcore_page p SET title = {title}, draft_title = {title}, "
        f"live = NOT ({draft}), has_unpublished_changes = {draft}, "
        f"first_published_at = CASE WHEN {draft} THEN NULL ELSE {when} END, "
        f"last_published_at = CASE WHEN {draft} THEN NULL ELSE {when} END, "
        f"latest_revision_created_at = {when}, "
        f"latest_revision_id = %(offset)s + p.id, "
        f"live_revision_id = CASE WHEN {draft} THEN NULL ELSE %(offset)s + p.id END, "
        f"owner_id = (%(owners)s::bigint[])[mod(p.id, %(n_owners)s) + 1] "
        f"WHERE p.content_type_id = %(type)s AND p.id <> %(exclude)s",
        {
            "offset": offset,
            "owners": owners,
            "n_owners": len(owners),
            "type": article_type,
            "exclude": exclude,
        },
    )
    cursor.execute("SELECT latest_revision_id FROM wagtailcore_page WHERE id = %s", [exclude])
    template_revision = cursor.fetchone()[0]
    revision_cols = [c for c in sitemap_bench.columns(cursor, "wagtailcore_revision") if c != "id"]
    override = {
        "object_id": "p.id::text",
        "created_at": "p.latest_revision_created_at",
        "user_id": "p.owner_id",
        "object_str": "p.title",
        "content": "t.content || jsonb_build_object('pk', p.id, 'title', p.title, 'draft_title', p.title, "
        "'slug', p.slug, 'live', p.live, 'path', p.path, 'url_path', p.url_path)",
    }
    cursor.execute(
        f"INSERT INTO wagtailcore_revision (id, {', '.join(revision_cols)}) "
        f"SELECT %s + p.id, {', '.join(override.get(c, 't.' + c) for c in revision_cols)} "
        f"FROM wagtailcore_page p, wagtailcore_revision t "
        f"WHERE t.id = %s AND p.content_type_id = %s AND p.id <> %s",
        [offset, template_revision, article_type, exclude],
    )
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence('wagtailcore_revision', 'id'), "
        "(SELECT max(id) FROM wagtailcore_revision))"
    )
    cursor.execute(
        "INSERT INTO news_articleauthor (sort_order, page_id, author_id) "
        "SELECT 0, p.id, (%s::bigint[])[mod(p.id, %s) + 1] FROM wagtailcore_page p "
        "WHERE p.content_type_id = %s AND p.id <> %s",
        [authors, len(authors), article_type, exclude],
    )
    cursor.execute(
        "INSERT INTO wagtailcore_pagelogentry (content_type_id, label, action, data, timestamp, uuid, "
        "user_id, revision_id, page_id, content_changed, deleted) "
        "SELECT %s, p.title, 'wagtail.edit', '{}'::jsonb, p.latest_revision_created_at, gen_random_uuid(), "
        "p.owner_id, p.latest_revision_id, p.id, true, false FROM wagtailcore_page p "
        "WHERE p.content_type_id = %s AND p.id <> %s",
        [article_type, article_type, exclude],
    )


def people():
    """The editor (group with rights on "Политика" only), a superuser, owners and authors."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from vestnik.news.models import Author, RubricPage

    User = get_user_model()
    politics = RubricPage.objects.get(title=RUBRICS[0])
    group = Group.objects.create(name=EDITOR_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=politics,
            permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
        )
    editor = User.objects.create_user("editor", "editor@example.org", "bench-password", first_name="Ирина")
    editor.groups.add(group)
    superuser = User.objects.create_superuser("admin", "admin@example.org", "bench-password")
    owners = [User.objects.create_user(f"journalist{i}", first_name=f"Журналист {i}") for i in range(OWNERS)]
    authors = Author.objects.bulk_create(
        [
            Author(name=f"Автор Номер {i}", slug=f"author-{i}", position="корреспондент")
            for i in range(AUTHORS)
        ]
    )
    return editor, superuser, [o.pk for o in owners], [a.pk for a in authors]


def build(articles: int) -> dict:
    """The archive, users and the article the editor opens; returns timings and counts."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from vestnik.news.models import ArticlePage
    from vestnik.news.services import ensure_rubric, ensure_site

    per_rubric = max(2, articles // len(RUBRICS))
    started = time.perf_counter()
    say(f"loading {per_rubric:,} articles into {RUBRICS[0]} (sitemap_bench.load)")
    sitemap_bench.load(per_rubric)
    loaded = time.perf_counter() - started
    home = ensure_site()
    rubrics = [ensure_rubric(home=home, title=title) for title in RUBRICS]
    template = ArticlePage.objects.get(slug="article-1", path__startswith=rubrics[0].path)
    editor, superuser, owners, authors = people()
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    with transaction.atomic(), connection.cursor() as cursor:
        say(f"copying them under {', '.join(RUBRICS[1:])}")
        spread(cursor, rubrics[0], rubrics[1:])
        say("titles, drafts, owners, revisions, bylines and log entries")
        dress(cursor, article_type=article_type, exclude=template.pk, owners=owners, authors=authors)
    with connection.cursor() as cursor:
        say("VACUUM ANALYZE")
        cursor.execute("VACUUM ANALYZE")
    return {"articles": ArticlePage.objects.count(), "per_rubric": per_rubric,
            "load_seconds": round(time.perf_counter() - started, 1), "sitemap_loader_seconds": round(loaded, 1)}  # fmt: skip


def open_article(editor):
    """An article in the editor's rubric, saved once through Wagtail (byline, a real revision)."""
    from vestnik.news.models import ArticlePage, Author, RubricPage

    politics = RubricPage.objects.get(title=RUBRICS[0])
    children = ArticlePage.objects.child_of(politics).order_by("path")
    article = children[children.count() // 2]
    article.lead = "Лид материала, который редактор открывает в бенчмарке."
    article.set_byline(list(Author.objects.order_by("pk")[:2]))
    article.save_revision(user=editor)
    return article


def fill_wagtail_index(cursor) -> float:
    """Wagtail's search index rows for every article, as `update_index` would write them
    (title with weight B, title in 'simple' for autocomplete, lead as body), by SQL."""
    started = time.perf_counter()
    # title_norm = average title length / this title's length, as the backend keeps it.
    cursor.execute(
        "WITH v AS (SELECT p.content_type_id, p.id, p.title, a.lead, to_tsvector(p.title) AS words "
        "FROM wagtailcore_page p JOIN news_articlepage a ON a.page_ptr_id = p.id), "
        "norm AS (SELECT avg(length(words)) AS average FROM v WHERE length(words) > 0) "
        "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, autocomplete, body, "
        "title_norm, title_text, body_text) "
        "SELECT v.content_type_id, v.id::text, setweight(v.words, 'B'), setweight(to_tsvector('simple', v.title), "
        "'D'), to_tsvector(v.lead), norm.average / greatest(length(v.words), 1), v.title, v.lead FROM v, norm "
        "ON CONFLICT (content_type_id, object_id) DO NOTHING"
    )
    return time.perf_counter() - started


# --- measuring --------------------------------------------------------------------------


def nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


def measure(client, url: str, repeat: int, skip_ids: set[int]) -> dict:
    """Median and p95 of ``repeat`` GETs after a warm-up; the queries of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        body = response.content
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
    rows = {int(pk) for pk in re.findall(rb'href="/admin/pages/(\d+)/edit/', body)} - skip_ids
    median, p95 = statistics.median(times), nearest_rank(times, 0.95)
    return {
        "url": url,
        "median_ms": round(median, 1),
        "p95_ms": round(p95, 1),
        "python_cpu_ms": round(statistics.median(cpu), 1),
        "queries": len(captured.captured_queries),
        "sql_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
        "rows": len(rows),
        "pass": p95 < TARGET_MS,
        "slowest_sql": [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"]} for q in queries[:3]],
    }


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def requests(*, rubric, article, article_type: int, owner: int, author: int, last_page: int) -> list[tuple]:
    """(key, label, who, url) of every request measured, the editor's first."""
    explore = f"/admin/pages/{rubric.pk}/"
    month_ago = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    return [
        ("explore", "explorer, page 1", "editor", explore),
        ("explore_deep", f"explorer, page {last_page} (last)", "editor", f"{explore}?p={last_page}"),
        ("explore_search_rare", f"explorer search '{RARE_WORD}' (0.1%)", "editor", f"{explore}?q={RARE_WORD}"),
        ("explore_search_common", f"explorer search '{COMMON_WORD}' (10%)", "editor", f"{explore}?q={COMMON_WORD}"),
        ("explore_search_every", f"explorer search '{EVERY_WORD}' (all)", "editor", f"{explore}?q={EVERY_WORD}"),
        ("filter_type", "filter: page type = article", "editor", f"{explore}?content_type={article_type}"),
        ("filter_owner", "filter: owner (Wagtail's, not byline)", "editor", f"{explore}?owner={owner}"),
        ("filter_edited_by", "filter: edited by", "editor", f"{explore}?edited_by={owner}"),
        ("filter_updated", "filter: updated in the last 30 days", "editor",
         f"{explore}?latest_revision_created_at_after={month_ago}"),
        ("filter_author", "filter: byline author", "editor", f"{explore}?author={author}"),
        ("filter_status", "filter: status = draft", "editor", f"{explore}?status=draft"),
        ("order_status", "order by status (drafts first)", "editor", f"{explore}?ordering=live"),
        ("order_updated", "order by latest revision", "editor", f"{explore}?ordering=-latest_revision_created_at"),
        ("search", f"admin search '{RARE_WORD}'", "editor", f"/admin/pages/search/?q={RARE_WORD}"),
        ("search_drafts", f"admin search '{RARE_WORD} live:no'", "editor",
         f"/admin/pages/search/?q={RARE_WORD}+live:no"),
        ("search_common", f"admin search '{COMMON_WORD}'", "editor", f"/admin/pages/search/?q={COMMON_WORD}"),
        ("edit", "page editor of an article", "editor", f"/admin/pages/{article.pk}/edit/"),
        ("su_explore", "superuser: explorer, page 1", "superuser", explore),
        ("su_explore_deep", f"superuser: explorer, page {last_page}", "superuser", f"{explore}?p={last_page}"),
        ("su_search", f"superuser: admin search '{RARE_WORD}'", "superuser", f"/admin/pages/search/?q={RARE_WORD}"),
        ("su_edit", "superuser: page editor", "superuser", f"/admin/pages/{article.pk}/edit/"),
    ]  # fmt: skip


SEARCHES = {"explore_search_rare", "explore_search_common", "explore_search_every", "search", "search_drafts",
            "search_common", "su_search"}  # fmt: skip


def index_update_ms(article, repeat: int = 3) -> float:
    """What Wagtail's search backend spends re-indexing one article (every save does it)."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        backend.add(article)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def wait_for_quiet(limit_s: float, load: float = 1.5) -> float:
    """Wait (at most ``limit_s``) until the 1-minute load average drops under ``load``: on a
    shared machine another benchmark's load would otherwise be measured. Returns the wait."""
    started = time.perf_counter()
    while os.getloadavg()[0] >= load and time.perf_counter() - started < limit_s:
        time.sleep(10)
    return round(time.perf_counter() - started)


def run(
    *, articles: int, repeat: int, reuse: bool, quiet_wait: float, fixes: list[str] | None = None
) -> dict:
    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    url = base.rsplit("/", 1)[0] + "/" + DATABASE if reuse else recreate_database(base)
    sitemap_bench.setup(url)
    import logging

    from django.conf import settings

    logging.getLogger("vestnik.request").setLevel(logging.WARNING)  # a line per request otherwise
    from django.test.utils import override_settings

    # Plain static URLs: the hashed ones need `collectstatic` first and cost the same.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test import Client
    from wagtail.models import Page, Revision

    from vestnik.news.models import ArticlePage, Author, RubricPage

    built = None if reuse else build(articles)
    User = get_user_model()
    editor, superuser = User.objects.get(username="editor"), User.objects.get(username="admin")
    if reuse:  # the article open_article saved as the editor
        opened = Revision.objects.filter(user=editor).latest("created_at")
        article = ArticlePage.objects.get(pk=opened.object_id)
    else:
        article = open_article(editor)
    from vestnik.newsroom.explorer import NewsroomExplorerView

    rubric = RubricPage.objects.get(title=RUBRICS[0])
    children = Page.objects.child_of(rubric).count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM wagtailsearch_indexentry")
        index_rows_as_loaded = cursor.fetchone()[0]
    clients = {"editor": Client(), "superuser": Client()}
    clients["editor"].force_login(editor)
    clients["superuser"].force_login(superuser)
    plan = requests(rubric=rubric, article=article, article_type=ContentType.objects.get_for_model(ArticlePage).pk,
                    owner=User.objects.get(username="journalist1").pk, author=Author.objects.order_by("pk")[0].pk,
                    last_page=math.ceil(children / NewsroomExplorerView.paginate_by))  # fmt: skip
    skip = {rubric.pk}
    waited = wait_for_quiet(quiet_wait)
    result: dict = {
        "date": dt.date.today().isoformat(),
        "host": socket.gethostname(),
        "articles": ArticlePage.objects.count(),
        "rubric_children": children,
        "build": built,
        "target_ms": TARGET_MS,
        "repeat": repeat,
        "waited_for_quiet_s": waited,
        "load_average_before": os.getloadavg(),
        "wagtail_index_rows_as_loaded": index_rows_as_loaded,
        "requests": [],
    }
    if fixes:
        result["fixes"] = try_fixes(plan, clients, repeat, skip, fixes)
        result["load_average_after"] = os.getloadavg()
        return result
    index_filled = index_rows_as_loaded > result["articles"]
    for key, label, who, path in plan:
        if key in SEARCHES and not index_filled:
            row = measure(clients[who], path, repeat, skip)
            result["requests"].append({"key": key, "label": label, "who": who, "index": "as loaded", **row})
            progress(key, row)
    if not index_filled:
        with connection.cursor() as cursor:
            say("filling Wagtail's search index by SQL")
            result["wagtail_index_fill_seconds"] = round(fill_wagtail_index(cursor), 1)
            cursor.execute("ANALYZE wagtailsearch_indexentry")
    for key, label, who, path in plan:
        row = measure(clients[who], path, repeat, skip)
        result["requests"].append({"key": key, "label": label, "who": who,
                                   "index": "filled" if key in SEARCHES else "", **row})  # fmt: skip
        progress(key, row)
    result["wagtail_index_update_ms"] = index_update_ms(article)
    result["load_average_after"] = os.getloadavg()
    slowest = max(result["requests"], key=lambda r: r["slowest_sql"][0]["ms"] if r["slowest_sql"] else 0)
    result["explain"] = {"request": slowest["key"], "sql": slowest["slowest_sql"][0]["sql"],
                         "plan": explain(slowest["slowest_sql"][0]["sql"])}  # fmt: skip
    return result


# --- fixes tried in this process only (--try-fixes) -------------------------------------


def full_access(user, page) -> bool:
    """Whether the user may explore everything under ``page``: a direct page permission
    on it or an ancestor (then Wagtail's `pk IN (explorable pages)` filter keeps every row)."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    if user.is_superuser:
        return True
    policy = PagePermissionPolicy()
    codenames = policy._get_permission_codenames(
        {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
    )
    return any(
        perm.permission.codename in codenames and page.path.startswith(perm.page.path)
        for perm in policy.get_cached_permissions_for_user(user)
    )


def fix_permission_subquery(stack) -> None:
    """Explorer: no `pk IN (every page the user may explore)` subquery where it removes nothing."""
    from unittest import mock

    from wagtail.admin.views.pages.listing import ExplorableIndexView
    from wagtail.models import Page

    original = ExplorableIndexView.get_base_queryset

    def get_base_queryset(self):
        if not full_access(self.request.user, self.parent_page) or self.is_searching_whole_tree:
            return original(self)
        if self.is_searching or self.is_filtering:
            pages = Page.objects.descendant_of(self.parent_page)
        else:
            pages = Page.objects.child_of(self.parent_page)
        return self.annotate_queryset(pages)

    stack.enter_context(mock.patch.object(ExplorableIndexView, "get_base_queryset", get_base_queryset))


def fix_count_from_numchild(stack) -> None:
    """Explorer without search or filter: the page count is the parent's numchild, no COUNT(*)."""
    from unittest import mock

    from wagtail.admin.views.pages.listing import ExplorableIndexView

    original = ExplorableIndexView.get_paginator

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = original(self, queryset, *args, **kwargs)
        if not (self.is_searching or self.is_filtering) and full_access(self.request.user, self.parent_page):
            paginator.count = self.parent_page.numchild  # a cached_property: set, never computed
        return paginator

    stack.enter_context(mock.patch.object(ExplorableIndexView, "get_paginator", get_paginator, create=True))


def fix_capped_count(stack, cap: int = 10_000) -> None:
    """Search and filters: count at most ``cap`` + 1 matches ("more than 10,000")."""
    from unittest import mock

    from wagtail.admin.views.pages.listing import ExplorableIndexView

    original = ExplorableIndexView.get_paginator

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = original(self, queryset, *args, **kwargs)
        if not self.is_searching and self.is_filtering:
            paginator.count = queryset.order_by()[: cap + 1].count()
        return paginator

    stack.enter_context(mock.patch.object(ExplorableIndexView, "get_paginator", get_paginator, create=True))


def fix_filter_choices(stack) -> None:
    """The filter form's "owner" and "edited by" choices: users of groups with page
    permissions instead of DISTINCT over every page and every edit log entry."""
    from unittest import mock

    from django.contrib.auth import get_user_model
    from wagtail.admin.views.pages.listing import PageFilterSet

    def staff(request):
        return get_user_model().objects.filter(groups__page_permissions__isnull=False).distinct()

    for name in ("owner", "edited_by"):  # one filter object, shared by the explorer's filter set
        stack.enter_context(mock.patch.object(PageFilterSet.base_filters[name], "queryset", staff))


def fix_page_size(stack, size: int = 20) -> None:
    """Explorer pages of 20 rows instead of 50 (rendering is most of a page's CPU)."""
    from unittest import mock

    from wagtail.admin.views.pages.listing import ExplorableIndexView

    stack.enter_context(mock.patch.object(ExplorableIndexView, "paginate_by", size))


def index_fix(name: str, table: str, columns: str):
    """A fix that is an index (a RunSQL migration in vestnik could add it): made, then dropped."""

    def apply(stack) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
            cursor.execute(f"VACUUM ANALYZE {table}")
        stack.callback(lambda: connection.cursor().execute(f"DROP INDEX IF EXISTS {name}"))

    return apply


def fix_jit_off(stack) -> None:
    """PostgreSQL's JIT off for the site's connections (`-c jit=off` in the connection options):
    the admin's big estimated costs make it compile each query, for longer than it runs."""
    from django.db import connection

    def setting(sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()  # back to the pool, which is then closed: new sessions read the setting
        connection.close_pool()

    setting(f"ALTER DATABASE {DATABASE} SET jit = off")
    stack.callback(setting, f"ALTER DATABASE {DATABASE} RESET jit")


def fix_search_newest_first(stack) -> None:
    """Explorer search sorted by date (newest first) instead of ranking every match."""
    from unittest import mock

    from wagtail.admin.views.pages.listing import ExplorableIndexView

    original = ExplorableIndexView.get_ordering

    def get_ordering(self):
        return "-latest_revision_created_at" if self.is_searching else original(self)

    stack.enter_context(mock.patch.object(ExplorableIndexView, "get_ordering", get_ordering))
    stack.enter_context(mock.patch.object(ExplorableIndexView, "is_explicitly_ordered", True))


FIXES = {
    "permission_subquery": (fix_permission_subquery, ["explore", "explore_deep", "explore_search_common",
                            "filter_owner", "filter_updated", "order_status"]),
    "count_from_numchild": (fix_count_from_numchild, ["explore", "explore_deep", "su_explore"]),
    "capped_count": (fix_capped_count, ["filter_type", "filter_updated", "filter_edited_by"]),
    "filter_choices": (fix_filter_choices, ["explore", "su_explore"]),
    "page_size_20": (fix_page_size, ["explore", "su_explore"]),
    "revision_date_index": (
        index_fix("bench_page_revision_date", "wagtailcore_page", "latest_revision_created_at DESC NULLS LAST"),
        ["explore", "explore_deep", "order_updated", "filter_updated"],
    ),
    "jit_off": (fix_jit_off, ["explore", "explore_deep", "explore_search_every", "filter_type", "search_common",
                              "su_explore_deep"]),
    "depth_index": (index_fix("bench_page_depth", "wagtailcore_page", "depth, path"), ["su_edit", "su_explore"]),
    "log_action_user_index": (
        index_fix("bench_log_action_user", "wagtailcore_pagelogentry", "action, user_id"),
        ["explore", "su_explore"],
    ),
    "search_newest_first": (fix_search_newest_first, ["explore_search_common", "explore_search_every"]),
    "article_listing": (None, []),  # not a fix: measures Wagtail's flat listing with author and status filters
}  # fmt: skip


def article_listing(clients, repeat: int, skip: set[int]) -> list[dict]:
    """What Wagtail offers for an author and a status filter: a flat ArticlePage listing
    (PageListingViewSet) with those filters, mounted at /admin/bench-articles/ for this run."""
    import django_filters
    from django.urls import clear_url_caches, include, path
    from wagtail.admin.views.pages.listing import PageFilterSet
    from wagtail.admin.viewsets.pages import PageListingViewSet

    import vestnik.urls
    from vestnik.news.models import ArticlePage, Author

    class ArticleFilterSet(PageFilterSet):
        author = django_filters.ModelChoiceFilter(
            field_name="article_authors__author", queryset=Author.objects.all()
        )
        live = django_filters.BooleanFilter(field_name="live")

        class Meta(PageFilterSet.Meta):
            model = ArticlePage

    class ArticleListing(PageListingViewSet):
        model = ArticlePage
        name = "bench_articles"
        filterset_class = ArticleFilterSet

    viewset = ArticleListing()
    vestnik.urls.urlpatterns.insert(
        0,
        path(
            "admin/bench-articles/",
            include((viewset.get_urlpatterns(), viewset.name), namespace=viewset.name),
        ),
    )
    clear_url_caches()
    author = Author.objects.order_by("pk").first().pk
    listing = "/admin/bench-articles/"
    rows = []
    for who, label, url in [
        ("editor", "article listing, page 1", listing),
        ("editor", "article listing: author", f"{listing}?author={author}"),
        ("editor", "article listing: drafts", f"{listing}?live=false"),
        ("editor", "article listing: author's drafts", f"{listing}?author={author}&live=false"),
        ("editor", f"article listing: search '{RARE_WORD}'", f"{listing}?q={RARE_WORD}"),
        ("superuser", "superuser: article listing, page 1", listing),
        ("superuser", "superuser: article listing: author", f"{listing}?author={author}"),
    ]:
        row = measure(clients[who], url, repeat, skip)
        rows.append(
            {"fix": "article_listing", "key": url, "label": label, "who": who, "before": None, "after": row}
        )
        say(f"  article_listing / {label}: {row['median_ms']:.0f} ms, {row['rows']} rows")
    return rows


def try_fixes(plan, clients, repeat: int, skip: set[int], names: list[str]) -> list[dict]:
    """Each fix alone, then all together: the same requests before and after, back to back."""
    import contextlib

    by_key = {key: (label, who, path) for key, label, who, path in plan}
    rows = article_listing(clients, repeat, skip) if "article_listing" in names else []
    names = [name for name in names if name != "article_listing"]
    for name in [*names, "all"] if len(names) > 1 else names:
        chosen = names if name == "all" else [name]
        keys = sorted({k for n in chosen for k in FIXES[n][1]}, key=list(by_key).index)
        for key in keys:
            label, who, path = by_key[key]
            before = measure(clients[who], path, repeat, skip)
            with contextlib.ExitStack() as stack:
                for fix in chosen:
                    FIXES[fix][0](stack)
                after = measure(clients[who], path, repeat, skip)
            rows.append({"fix": name, "key": key, "label": label, "before": before, "after": after})
            say(f"  {name} / {key}: {before['median_ms']:.0f} -> {after['median_ms']:.0f} ms")
    return rows


def fixes_report(rows: list[dict]) -> str:
    columns = (("median_ms", "median ms", 17), ("p95_ms", "p95 ms", 17), ("python_cpu_ms", "CPU ms", 13),
               ("sql_ms", "SQL ms", 17), ("queries", "queries", 10))  # fmt: skip
    lines = [
        "Fixes tried in the benchmark's process (monkeypatched; nothing in vestnik/ changed), before -> after:",
        f"{'fix':<22}{'request':<40}" + "".join(f"{title:>{width}}" for _, title, width in columns),
    ]
    lines.append("-" * len(lines[-1]))
    for r in rows:
        if r["before"] is None:
            pairs = (f"{r['after'][key]:,.0f}" for key, _, _ in columns)
        else:
            pairs = (f"{r['before'][key]:,.0f} -> {r['after'][key]:,.0f}" for key, _, _ in columns)
        lines.append(
            f"{r['fix']:<22}{r['label'][:39]:<40}"
            + "".join(f"{pair:>{width}}" for pair, (_, _, width) in zip(pairs, columns, strict=True))
        )
    return "\n".join(lines)


def say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def progress(key: str, row: dict) -> None:
    say(f"  {key}: {row['median_ms']:.0f} ms, {row['queries']} queries")


def report(result: dict) -> str:
    """The table run.py prints: one line per request, "pass" when its p95 is under the target."""
    lines = [
        f"Wagtail admin on PostgreSQL at {result['articles']:,} articles ({result['rubric_children']:,} in the "
        f"editor's rubric): median and p95 of {result['repeat']} requests after a warm-up, this process's CPU "
        f"(median), the SQL time and queries of one more request; 'index' is Wagtail's search index",
        f"{'request':<42}{'who':<7}{'index':<10}{'median ms':>10}{'p95 ms':>8}{'CPU ms':>8}{'SQL ms':>8}"
        f"{'queries':>8}{'rows':>5}{'target':>7}  result",
    ]
    lines.append("-" * len(lines[-1]))
    for r in result["requests"]:
        who = "su" if r["who"] == "superuser" else "editor"
        lines.append(
            f"{r['label'][:41]:<42}{who:<7}{r['index']:<10}{r['median_ms']:>10,.0f}{r['p95_ms']:>8,.0f}"
            f"{r['python_cpu_ms']:>8,.0f}{r['sql_ms']:>8,.0f}{r['queries']:>8}{r['rows']:>5}{result['target_ms']:>7}"
            f"  {'pass' if r['pass'] else 'FAIL'}"
        )
    lines += [
        "",
        f"Wagtail's search index as loaded: {result['wagtail_index_rows_as_loaded']:,} rows (pages saved through "
        f"Wagtail only); filled by SQL in {result.get('wagtail_index_fill_seconds', '-')} s. Re-indexing one "
        f"article, as every save does: {result['wagtail_index_update_ms']:,.0f} ms.",
        f"Load average before / after: {' '.join(f'{x:.1f}' for x in result['load_average_before'])} / "
        f"{' '.join(f'{x:.1f}' for x in result['load_average_after'])} ({os.cpu_count()} cores, shared; "
        f"waited {result['waited_for_quiet_s']} s for a load under 1.5 first).",
    ]
    if "explain" in result:
        lines += [
            "",
            f"Slowest query ({result['explain']['request']}), EXPLAIN ANALYZE:",
            result["explain"]["plan"],
        ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = int(os.environ.get("BENCH_ADMIN_ARTICLES", "1000000"))
    parser.add_argument("--articles", type=int, default=default)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--reuse-database", action="store_true", help="measure the database of the last run")
    parser.add_argument(
        "--quiet-wait", type=float, default=900, help="seconds to wait for a load average < 1.5"
    )
    parser.add_argument("--try-fixes", nargs="*", choices=sorted(FIXES), metavar="FIX",
                        help=f"with --reuse-database, compare these fixes (no name: all): {', '.join(FIXES)}")  # fmt: skip
    args = parser.parse_args()
    fixes = None if args.try_fixes is None else (args.try_fixes or list(FIXES))
    if fixes and not args.reuse_database:
        parser.error("--try-fixes measures the database of the last run: add --reuse-database")
    result = run(articles=args.articles, repeat=args.repeat, reuse=args.reuse_database,
                 quiet_wait=args.quiet_wait, fixes=fixes)  # fmt: skip
    text = json.dumps(result, ensure_ascii=False, indent=2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    kind = "admin-fixes" if fixes else "admin"
    (RESULTS / f"{result['date']}-{result['host']}-{kind}.json").write_text(text)
    print(fixes_report(result["fixes"]) if fixes else report(result))
    if args.json:
        args.json.write_text(text)


if __name__ == "__main__":
    main()
