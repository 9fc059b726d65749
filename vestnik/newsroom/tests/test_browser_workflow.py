"""In chromium, through Wagtail's admin: a reporter writes and submits an article, the rubric's
editor approves it with a comment, and readers find it on the home page and in the rubric."""

import pytest

from vestnik.core.tests.browser import ARGS, CHROMIUM, MARKS, serve_plain_static

pytestmark = [pytest.mark.once, *MARKS]

TITLE = "Аким Алматы ответил на вопросы горожан"
LEAD = "Встреча прошла в прямом эфире и длилась два часа."
COMMENT = "Хорошо, ставим в номер."


def log_in(page, base: str, username: str) -> None:
    from .factories import PASSWORD

    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def press_in_action_menu(page, button: str) -> None:
    """Open the drop-up beside the editor's main button and press one of its buttons."""
    page.click("footer [data-w-dropdown-target=toggle]")
    page.click(button)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reporter_submits_editor_approves_and_readers_see_the_article(live_server, settings):
    from playwright.sync_api import sync_playwright

    from vestnik.news.services import ensure_site
    from vestnik.news.tests.factories import ArticleFactory, RubricFactory
    from vestnik.newsroom.roles import Role
    from vestnik.newsroom.services import newsroom_setup

    from .factories import newsroom_member

    serve_plain_static(settings)
    politics = RubricFactory(parent=ensure_site(), title="Политика")
    ArticleFactory(parent=politics, title="Вчерашняя новость")
    newsroom_setup()
    newsroom_member(Role.REPORTER, rubric=politics, username="reporter")
    newsroom_member(Role.EDITOR, rubric=politics, username="editor")
    base = live_server.url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        reporter = browser.new_context().new_page()
        log_in(reporter, base, "reporter")
        reporter.goto(f"{base}/admin/pages/add/news/articlepage/{politics.pk}/")
        reporter.fill("#id_title", TITLE)
        reporter.press("#id_title", "Tab")  # leaving the title fills the slug, as typing does
        reporter.fill("#id_lead", LEAD)
        assert reporter.locator("button[name=action-publish]").count() == 0
        press_in_action_menu(reporter, "button[name=action-submit]")
        reporter.wait_for_url(f"{base}/admin/pages/{politics.pk}/")
        assert "отправлена на модерацию" in reporter.inner_text(".messages")

        editor = browser.new_context().new_page()
        log_in(editor, base, "editor")
        # The dashboard lists what awaits this editor's review.
        editor.click(f"a:has-text('{TITLE}')")
        editor.wait_for_selector("footer [data-w-dropdown-target=toggle]")
        edit_url = editor.url
        press_in_action_menu(
            editor, "button[data-workflow-action-name=approve][data-workflow-action-modal-url]"
        )
        editor.fill("#id_comment", COMMENT)
        with editor.expect_navigation():
            editor.click(".modal-content button[type=submit]")
        assert TITLE in editor.inner_text(".messages")
        # The article's history keeps who approved it and the comment.
        editor.goto(edit_url.replace("/edit/", "/history/"))
        assert COMMENT in editor.inner_text("main")

        home = browser.new_context(java_script_enabled=False).new_page()
        home.goto(base + "/")
        assert TITLE in home.inner_text("main")
        home.goto(base + politics.url)
        assert TITLE in home.inner_text("main")
        home.click(f"main a:has-text('{TITLE}')")
        assert LEAD in home.inner_text("main")
        browser.close()
