from django_tasks import task


@task()
def purge_cdn(urls: list[str]) -> int:
    """Ask the configured CDN or proxy (WAGTAILFRONTENDCACHE) to drop these addresses."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)
    return len(urls)
