from django import template

from vestnik.entities.selectors import article_enrichment as read_enrichment

register = template.Library()


@register.simple_tag
def article_enrichment(page):
    """{% article_enrichment page as enrichment %}: entities, related, timeline (stored)."""
    if not page.pk or not page.live:
        return {"entities": [], "related": [], "timeline": []}
    # The article page shows it in three places: read it (and its versions in Redis) once.
    if not hasattr(page, "_vestnik_enrichment"):
        page._vestnik_enrichment = read_enrichment(article=page)
    return page._vestnik_enrichment
