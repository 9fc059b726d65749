from django import template

from vestnik.entities.selectors import article_enrichment as read_enrichment

register = template.Library()


@register.simple_tag
def article_enrichment(page):
    """{% article_enrichment page as enrichment %}: entities, related, timeline (stored)."""
    if not page.pk or not page.live:
        return {"entities": [], "related": [], "timeline": []}
    return read_enrichment(article=page)
