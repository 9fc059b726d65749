from django import template
from django.utils.safestring import mark_safe

from vestnik.caching import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def shared_fragment(context, name: str, exclude=None):
    """A part many pages share (fragments.py): a placeholder when the page cache will put it
    in as the page is served; the shared copy for a reader when the page cache is off; for
    an editor, the part rendered now."""
    request = context.get("request")
    exclude = int(exclude) if exclude else None
    if getattr(request, "vestnik_splice", False):
        return mark_safe(fragments.placeholder(name, exclude))
    if getattr(request, "vestnik_shared_fragments", False):
        return mark_safe(fragments.assemble(fragments.cached(name, request)["parts"], exclude))
    return mark_safe(fragments.render_into(name, exclude, request))
