"""In a real browser, reltime.js keeps the server's relative times, in every language."""

import datetime as dt

import pytest
from django.utils import timezone

from vestnik.core.tests.browser import ARGS, CHROMIUM, MARKS, serve_plain_static

from .factories import ArticleFactory, RubricFactory

pytestmark = MARKS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("prefix", ["", "/kk", "/en"])
def test_script_rewrites_relative_times_to_the_same_words_as_the_server(live_server, prefix, settings):
    from playwright.sync_api import sync_playwright

    from vestnik.news.services import ensure_site

    serve_plain_static(settings)
    rubric = RubricFactory(parent=ensure_site(), title="Политика")
    now = timezone.now()
    target = ArticleFactory(
        parent=rubric, title="Читаемый материал", first_published_at=now - dt.timedelta(minutes=3)
    )
    for delta in (
        dt.timedelta(minutes=21),
        dt.timedelta(hours=14),
        dt.timedelta(hours=30),
        dt.timedelta(days=3),
    ):
        ArticleFactory(parent=rubric, first_published_at=now - delta)

    url = live_server.url + prefix + target.url
    texts = "els => els.map(e => e.textContent)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        without_js = browser.new_context(java_script_enabled=False).new_page()
        without_js.goto(url)
        server = without_js.eval_on_selector_all("time[data-reltime]", texts)
        with_js = browser.new_context().new_page()
        with_js.goto(url)
        with_js.wait_for_load_state("load")  # the deferred script has run
        browser_text = with_js.eval_on_selector_all("time[data-reltime]", texts)
        browser.close()
    assert len(server) == 4
    assert browser_text == server
