"""For Vestnik's copies of Wagtail's admin templates: its inline scripts written as data."""

import json

from django import template

from vestnik.security.admin_scripts import init_call

register = template.Library()
register.simple_tag(init_call, name="admin_init")


@register.filter
def from_json(text: str):
    """The value a JSON text stands for (Wagtail's templates get their options as JSON)."""
    return json.loads(text)
