"""The admin's policy runs no inline script: what Wagtail writes as inline scripts (date
pickers, inline panels, choosers) Vestnik writes as data that static/js/admin-csp.js turns into
the same calls (vestnik/security/admin_scripts.py). The browser side is test_browser_admin.py."""

import json
import re
from pathlib import Path

import pytest
import wagtail.admin
from django.conf import settings
from django.contrib.auth import get_user_model
from django.forms.renderers import get_default_renderer
from django.test import RequestFactory
from wagtail.admin.panels import InlinePanel, MultipleChooserPanel, ObjectList
from wagtail.admin.widgets import (
    AdminDateInput,
    AdminDateTimeInput,
    AdminPageChooser,
    AdminTimeInput,
    BaseChooser,
)
from wagtail.admin.widgets.workflows import AdminTaskChooser
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images.widgets import AdminImageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from vestnik.news.models import ArticlePage, Author
from vestnik.news.tests.factories import ArticleFactory
from vestnik.security.admin_scripts import ADMIN_CALLS, _wagtail_chooser_render, chooser_call

from .test_headers import EVENT_HANDLER, directives

# A script element the browser would run: neither an external file nor a JSON data block.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
DATA_CALL = re.compile(r'<script type="application/json" data-vestnik-init="(\w+)">(.*?)</script>', re.S)
WAGTAIL_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
ADMIN_CSP_JS = Path(settings.STATICFILES_DIRS[0]) / "js" / "admin-csp.js"


def calls(html: str) -> list[tuple[str, list]]:
    return [(name, json.loads(args)) for name, args in DATA_CALL.findall(html)]


def as_javascript(name: str, args: list) -> str:
    """The statement Wagtail writes for a call: ``new`` for its classes."""
    new = "new " if name[0].isupper() else ""
    return f"{new}{name}({', '.join(json.dumps(arg) for arg in args)});"


def assert_no_inline_script(html: str) -> None:
    found = INLINE_SCRIPT.search(html)
    assert found is None, html[max(0, found.start() - 300) : found.end() + 300]


def test_admin_policy_runs_only_script_files_from_our_origin(client, db):
    assert directives(settings.VESTNIK_CSP_ADMIN)["script-src"] == ["'self'"]
    policy = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    # Styles keep 'unsafe-inline' (Draftail inserts <style> elements); a style runs no code.
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]


@pytest.mark.parametrize(
    "widget, call",
    [(AdminDateInput(), "initDateChooser"), (AdminTimeInput(), "initTimeChooser"),
     (AdminDateTimeInput(), "initDateTimeChooser")],
)  # fmt: skip
def test_date_and_time_widgets_write_wagtails_call_as_data(widget, call):
    html = widget.render("go_live_at", None, {"id": "id_go_live_at"})
    assert_no_inline_script(html)
    assert calls(html) == [(call, ["id_go_live_at", widget.get_config()])]
    # Wagtail's own template: the same field, and the same call as code.
    wagtail_template = Path(wagtail.admin.__file__).parent / "templates" / widget.template_name
    renderer = get_default_renderer()
    theirs = renderer.engine.from_string(wagtail_template.read_text()).render(
        widget.get_context("go_live_at", None, {"id": "id_go_live_at"})
    )
    assert DATA_CALL.sub("", html).strip() == WAGTAIL_SCRIPT.sub("", theirs).strip()
    assert WAGTAIL_SCRIPT.findall(theirs) == [as_javascript(call, calls(html)[0][1])]


def chooser_widgets():
    return [AdminPageChooser(), AdminImageChooser(), AdminDocumentChooser(), AdminSnippetChooser(Author),
            AdminTaskChooser()]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("widget", chooser_widgets(), ids=lambda widget: type(widget).__name__)
def test_choosers_write_wagtails_call_as_data(widget, home):
    value = home if isinstance(widget, AdminPageChooser) else None
    html = widget.render("hero", value, {"id": "id_hero"})
    assert_no_inline_script(html)
    [(name, args)] = calls(html)
    assert name == chooser_call(type(widget))
    theirs = _wagtail_chooser_render(widget, "hero", value, {"id": "id_hero"})
    assert DATA_CALL.sub("", html) == WAGTAIL_SCRIPT.sub("", theirs)
    assert WAGTAIL_SCRIPT.findall(theirs) == [as_javascript(name, args)]


def all_subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from all_subclasses(subclass)


def test_every_chooser_and_call_is_known_to_admin_csp_js():
    """A chooser whose script we cannot write as data would keep Wagtail's inline script
    (and the policy would block it); a name admin-csp.js does not know would not be called."""
    script = ADMIN_CSP_JS.read_text()
    for name in ADMIN_CALLS:
        assert re.search(rf'\b{name}: (call|construct)\("{name}"\)', script), name
    for widget_class in all_subclasses(BaseChooser):
        assert chooser_call(widget_class) in ADMIN_CALLS, widget_class


def bound_article_panel(panel, user):
    article = ArticleFactory.build()
    request = RequestFactory().get("/admin/")
    request.user = user
    form = panel.get_form_class()(instance=article, for_user=user)
    return panel.get_bound_panel(instance=article, form=form, request=request)


@pytest.fixture
def chief(db):
    return get_user_model().objects.create_superuser("chief", "chief@example.com", "a long passphrase 1")


def bound_panels(bound):
    yield bound
    for child in getattr(bound, "children", []):
        yield from bound_panels(child)


def test_inline_panel_writes_wagtails_call_as_data(chief):
    editor = bound_article_panel(ArticlePage.get_edit_handler(), chief)
    html = editor.render_html()
    assert_no_inline_script(html)
    inline = [bound for bound in bound_panels(editor) if isinstance(bound.panel, InlinePanel)]
    assert {bound.panel.relation_name for bound in inline} == {"article_authors", "correction_notes"}
    assert [args for name, args in calls(html) if name == "InlinePanel"] == [
        [bound.js_opts()] for bound in inline
    ]
    # The author chooser of the form the panel adds, kept in its <template> until then.
    chooser = ["id_article_authors-__prefix__-author", {"modalUrl": "/admin/snippets/choose/news/author/"}]
    assert ("SnippetChooser", chooser) in calls(html)


def test_multiple_chooser_panel_writes_wagtails_call_as_data(chief):
    panel = ObjectList([MultipleChooserPanel("article_authors", chooser_field_name="author")]).bind_to_model(
        ArticlePage
    )
    bound = bound_article_panel(panel, chief)
    html = bound.render_html()
    assert_no_inline_script(html)
    assert [name for name, _args in calls(html)] == ["SnippetChooser", "MultipleChooserPanel"]
    assert 'id="id_article_authors-CHOOSER_WIDGET" type="application/json"' in html


ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/pages/{rubric}/", "/admin/pages/{article}/edit/",
               "/admin/pages/add/news/articlepage/{rubric}/", "/admin/images/", "/admin/reports/site-history/",
               "/admin/account/", "/admin/2fa/", "/admin/snippets/news/author/", "/admin/redirects/add/",
               "/admin/workflows/add/", "/django-admin/", "/django-admin/auth/user/{user}/change/"]  # fmt: skip


def test_admin_pages_need_no_inline_script(client, newsroom, chief):
    article = newsroom["articles"][0]
    ids = {"rubric": article.get_parent().pk, "article": article.pk, "user": chief.pk}
    assert_no_inline_script(client.get("/admin/login/").content.decode())
    client.force_login(chief)
    for path in ADMIN_PAGES:
        response = client.get(path.format(**ids))
        assert response.status_code == 200, path
        html = response.content.decode()
        assert_no_inline_script(html)
        assert not EVENT_HANDLER.search(html), (path, EVENT_HANDLER.search(html))
        assert "javascript:" not in html.lower(), path


def test_lockout_and_code_step_pages_need_no_inline_script(client, chief, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.AXES_FAILURE_LIMIT = 1
    locked = client.post("/admin/login/", {"username": "chief", "password": "не тот пароль"})
    assert locked.status_code == 429
    assert_no_inline_script(locked.content.decode())

    TOTPDevice.objects.create(user=chief, name="телефон", confirmed=True)
    client.force_login(chief)  # the password step done, the code step not
    for path in ("/admin/2fa/verify/", "/admin/2fa/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert_no_inline_script(response.content.decode())
