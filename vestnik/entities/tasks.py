"""Background work: the analysis after a publish (the only place, besides the
``enrich_articles`` command, that loads the extraction models) and the recomputation of
related articles and timelines after an editor's decision (no models needed)."""

from django_tasks import task


@task()
def enrich_article(article_id: int, force: bool = False) -> bool:
    from .services import enrich_article as run

    return run(article_id=article_id, force=force)


@task()
def refresh_article_links(article_id: int) -> int:
    from .services import refresh_links

    return len(refresh_links(article_id))
