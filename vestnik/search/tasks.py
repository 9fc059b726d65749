from django_tasks import task


@task()
def reindex_stale_articles() -> int:
    from .services import reindex_stale

    return reindex_stale()
