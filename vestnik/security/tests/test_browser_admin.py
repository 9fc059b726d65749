"""Wagtail's admin under Vestnik's admin Content-Security-Policy, in a real browser: nothing
blocked, no script error, no request to another host, and what Wagtail used to start from
inline scripts (date pickers, the inline panel, choosers; now started by admin-csp.js) works."""

import re
from urllib.parse import urlsplit

import pytest

from vestnik.core.tests.browser import ARGS, CHROMIUM, MARKS, serve_plain_static

PASSWORD = "Редакция-пароль-2026"
# Every violation of the policy, whatever the browser's console makes of it.
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) =>
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));"""
PICKER = ".xdsoft_datetimepicker:visible"

pytestmark = [pytest.mark.once, *MARKS]


def is_favicon(message) -> bool:
    # Django's admin names no icon, so the browser asks for /favicon.ico, which is not there.
    return message.location.get("url", "").endswith("/favicon.ico")


def open_page(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url


def pick_today(page, field):
    """Opens the field's date-time picker and picks today: the picker is wired to the field."""
    assert page.locator(PICKER).count() == 0
    page.click(field)
    page.click(f"{PICKER} .xdsoft_date.xdsoft_today")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", page.input_value(field))
    page.keyboard.press("Escape")


def use_the_article_editor(page):
    """The date-time pickers (the article's "срочно до" field and the go-live date in the
    schedule dialog), an author added in the inline panel and chosen with the new form's
    chooser, the image chooser; then the draft is saved."""
    pick_today(page, "#id_breaking_until")
    page.click("[data-side-panel-toggle=status]")
    page.click("[data-a11y-dialog-show=schedule-publishing-dialog]")
    page.click("#id_go_live_at")
    page.wait_for_selector(f"#schedule-publishing-dialog {PICKER}")
    page.keyboard.press("Escape")  # the picker,
    page.keyboard.press("Escape")  # then the dialog, which resets the field
    page.click("[data-side-panel-toggle=status]")

    page.click("#id_article_authors-ADD")
    page.click("#inline_child_article_authors-0 [data-chooser-action-choose]")
    page.click(".modal a[data-chooser-modal-choice]")
    page.wait_for_selector(".modal", state="hidden")
    assert page.inner_text("#id_article_authors-0-author-title") == "Ануар Нурпеисов"

    page.click("#id_hero_image-chooser [data-chooser-action-choose]")
    page.wait_for_selector(".modal [data-chooser-modal-search]")
    page.click(".modal [data-dismiss=modal]")
    page.wait_for_selector(".modal", state="hidden")

    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить черновик").click()
    page.wait_for_load_state("networkidle")


def date_filters_are_started(page, *fields):
    """The filters' date pickers are in a closed drop-down: they are started if jQuery's
    datetimepicker is attached to their fields."""
    return page.evaluate(
        "(fields) => fields.map((id) => Boolean(window.jQuery('#' + id).data('xdsoft_datetimepicker')))",
        list(fields),
    )


def refused_call(page) -> str:
    """Markup that names a function admin-csp.js does not know: reported, not called."""
    with page.expect_event("pageerror") as error:
        page.evaluate("""document.body.insertAdjacentHTML("beforeend",
            '<script type="application/json" data-vestnik-init="alert">["called"]</script>')""")
    return error.value.message


def walk_the_admin(page, url, *, rubric, article, editor):
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    for path in ["/admin/", f"/admin/pages/{rubric.pk}/", f"/admin/pages/add/news/articlepage/{rubric.pk}/",
                 "/admin/images/", "/admin/account/", "/admin/2fa/", "/django-admin/",
                 f"/django-admin/auth/user/{editor.pk}/change/"]:  # fmt: skip
        open_page(page, url + path)
    open_page(page, url + "/admin/pages/")
    assert date_filters_are_started(page, "id_latest_revision_created_at_0") == [True]
    open_page(page, url + "/admin/reports/site-history/")
    assert date_filters_are_started(page, "id_timestamp_0", "id_timestamp_1") == [True, True]
    open_page(page, url + f"/admin/pages/{article.pk}/edit/")
    use_the_article_editor(page)
    assert page.url == url + f"/admin/pages/{article.pk}/edit/"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_pages_work_under_the_admin_policy(live_server, settings, django_user_model):
    from playwright.sync_api import sync_playwright

    from vestnik.news.services import ensure_site
    from vestnik.news.tests.factories import ArticleFactory, AuthorFactory, RubricFactory

    serve_plain_static(settings)
    # Autosave would post the form while the new author is not chosen yet, and the browser
    # logs the 400; the test saves the draft itself.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    rubric = RubricFactory(parent=ensure_site(), title="Политика")
    article = ArticleFactory(parent=rubric, body="<p>Строка<br/>вторая</p><hr/><p>Абзац.</p>")
    author = AuthorFactory(name="Ануар Нурпеисов")
    editor = django_user_model.objects.create_superuser("editor", "editor@vestnik.kz", PASSWORD)
    problems, foreign = [], set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.set_default_timeout(10_000)  # a widget that was not started fails the test soon
        page.add_init_script(REPORT_VIOLATIONS)
        page.on(
            "console",
            lambda m: m.type == "error" and not is_favicon(m) and problems.append(f"{page.url}: {m.text}"),
        )
        page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
        page.on("request", lambda r: urlsplit(r.url).hostname not in ("127.0.0.1", "localhost", None)
                and urlsplit(r.url).scheme in ("http", "https") and foreign.add(r.url))  # fmt: skip
        try:
            walk_the_admin(page, live_server.url, rubric=rubric, article=article, editor=editor)
            assert refused_call(page) == 'admin-csp.js: no call named "alert"'
            problems.remove(f'{page.url}: admin-csp.js: no call named "alert"')
        finally:  # a widget that did not start: the violation or error says why
            browser.close()
            assert problems == []
            assert foreign == set()
    article.refresh_from_db()
    draft = article.get_latest_revision_as_object()
    assert [link.author for link in draft.article_authors.all()] == [author]
    assert draft.breaking_until is not None
