"""Wagtail's admin without inline scripts (docs/security.md, "Response headers").

Wagtail 8 writes a few calls into its forms as inline ``<script>`` code: ``initDateChooser(id,
config)`` after a date field, ``new InlinePanel(options)`` after an inline panel, ``new
ImageChooser(id, options)`` after a chooser. Vestnik writes the same calls as data,

    <script type="application/json" data-vestnik-init="initDateChooser">["id_x", {...}]</script>

which browsers never run, and ``static/js/admin-csp.js``, loaded on every admin page, makes
them. So the admin's Content-Security-Policy needs no ``'unsafe-inline'`` for scripts.
The date widgets and the panels are templates (``security/templates/wagtailadmin/``); the
choosers build their script in Python, so their ``render`` is replaced here.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.widgets import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

# Wagtail's global functions and classes the data may name, and no others (admin-csp.js has
# the same list): markup that found its way into an admin page must not call what it likes.
ADMIN_CALLS = frozenset({
    "initDateChooser", "initTimeChooser", "initDateTimeChooser", "createTaskChooser",
    "InlinePanel", "MultipleChooserPanel",
    "Chooser", "PageChooser", "ImageChooser", "DocumentChooser", "SnippetChooser",
})  # fmt: skip

# As Django's json_script: nothing in the data can end the element or start markup.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def init_call(call: str, *args) -> SafeString:
    """The inert element that admin-csp.js turns into ``call(*args)`` (``new call(*args)`` for
    a class). Raises ValueError for a name admin-csp.js does not know."""
    if call not in ADMIN_CALLS:
        raise ValueError(f"admin-csp.js makes no call {call!r}; it knows {sorted(ADMIN_CALLS)}")
    data = json.dumps(list(args), cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/json" data-vestnik-init="{}">{}</script>', call, mark_safe(data)
    )


def chooser_call(widget_class: type[BaseChooser]) -> str | None:
    """The call a chooser widget's inline script makes, or None when its script is its own
    code that we cannot write as data."""
    own_script = widget_class.render_js_init
    if own_script is BaseChooser.render_js_init and widget_class.js_constructor in ADMIN_CALLS:
        return widget_class.js_constructor  # new <js_constructor>(id, options)
    if own_script is AdminTaskChooser.render_js_init:
        return "createTaskChooser"  # createTaskChooser(id)
    return None


_wagtail_chooser_render = BaseChooser.render


def render_chooser(self, name, value, attrs=None, renderer=None):
    """BaseChooser.render, with its ``<script>new Chooser(id, options)</script>`` as data.
    A chooser with a script of its own keeps Wagtail's rendering (and the policy blocks it)."""
    call = chooser_call(type(self))
    if call is None:
        return _wagtail_chooser_render(self, name, value, attrs, renderer)
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    if call == "createTaskChooser":
        script = init_call(call, id_)
    else:
        script = init_call(call, id_, self.get_js_init_options(id_, name, value_data))
    return mark_safe(self.render_html(name, value_data, attrs) + script)  # both parts escaped


def write_chooser_scripts_as_data() -> None:
    """Called once, from the app's ready()."""
    BaseChooser.render = render_chooser
