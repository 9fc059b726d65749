from django_tasks import task


@task()
def reindex_stale_articles() -> int:
    from vestnik.caching import services as page_cache
    from vestnik.caching.tags import ANY

    from .services import reindex_stale

    count = reindex_stale()
    if count:
        # A search page cached between the rename and this run showed the old index.
        page_cache.invalidate({ANY})
    return count
