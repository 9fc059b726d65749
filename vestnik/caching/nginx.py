"""Refresh nginx's cached copy of a page on publish (VESTNIK_CDN=nginx).

Open-source nginx has no PURGE. Instead its proxy_cache is bypassed — and the fresh answer
stored — for a request carrying a secret header (deploy/nginx/vestnik.conf maps
`X-Vestnik-Refresh` to `proxy_cache_bypass`). So each purged address is fetched once
through nginx with that header, and readers see the change at once instead of when the
one-second microcache expires (nginx counts that in whole seconds: up to 2 s).
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import BaseBackend

logger = logging.getLogger(__name__)
HEADER = "X-Vestnik-Refresh"


class NginxRefreshBackend(BaseBackend):
    def __init__(self, params):
        params = dict(params)
        location = urlsplit(params.pop("LOCATION"))
        self.token = params.pop("TOKEN")
        self.timeout = params.pop("TIMEOUT", 5)
        super().__init__(params)
        self.scheme, self.netloc = location.scheme, location.netloc

    def purge_batch(self, urls):
        # Each refresh is a page render upstream; side by side they take one render's time,
        # not the sum (the publish waits for them while tasks run in the request).
        urls = list(urls)
        with ThreadPoolExecutor(max_workers=min(8, len(urls) or 1)) as pool:
            list(pool.map(self.purge, urls))

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = Request(
            urlunsplit([self.scheme, self.netloc, parts.path, parts.query, ""]),
            headers={"Host": host, HEADER: self.token, "User-Agent": "Vestnik-refresh"},
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310 — our own nginx
                response.read()
        except HTTPError as error:
            if error.code != 404:  # a page that is gone: nothing to refresh
                logger.warning("nginx refresh of %s: HTTP %s", url, error.code)
        except (URLError, OSError) as error:
            logger.warning("nginx refresh of %s failed: %s", url, error)
