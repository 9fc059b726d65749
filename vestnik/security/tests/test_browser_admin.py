"""Wagtail's admin under Vestnik's admin Content-Security-Policy, in a real browser: nothing
blocked, no script error, no request to another host."""

from urllib.parse import urlsplit

import pytest

from vestnik.core.tests.browser import ARGS, CHROMIUM, MARKS, serve_plain_static

PASSWORD = "Редакция-пароль-2026"

pytestmark = [pytest.mark.once, *MARKS]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_pages_work_under_the_admin_policy(live_server, settings, django_user_model):
    from playwright.sync_api import sync_playwright

    from vestnik.news.services import ensure_site
    from vestnik.news.tests.factories import ArticleFactory, RubricFactory

    serve_plain_static(settings)
    rubric = RubricFactory(parent=ensure_site(), title="Политика")
    article = ArticleFactory(parent=rubric, body="<p>Строка<br/>вторая</p><hr/><p>Абзац.</p>")
    django_user_model.objects.create_superuser("editor", "editor@vestnik.kz", PASSWORD)
    pages = ["/admin/", "/admin/pages/", f"/admin/pages/{rubric.pk}/", f"/admin/pages/{article.pk}/edit/",
             f"/admin/pages/add/news/articlepage/{rubric.pk}/", "/admin/images/", "/admin/reports/site-history/",
             "/admin/account/", "/admin/2fa/"]  # fmt: skip
    problems, foreign = [], set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.on("console", lambda m: m.type == "error" and problems.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
        page.on("request", lambda r: urlsplit(r.url).hostname not in ("127.0.0.1", "localhost", None)
                and urlsplit(r.url).scheme in ("http", "https") and foreign.add(r.url))  # fmt: skip
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        for path in pages:
            response = page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            assert response.status == 200, path
        browser.close()
    assert problems == []
    assert foreign == set()
