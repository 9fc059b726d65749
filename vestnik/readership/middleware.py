"""Count a reader's view of an article page, whether the page came from the cache or not."""

import re

from .counters import record_view

ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python-", re.I)


class ViewCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        article_id = getattr(response, "view_of", None)
        if article_id and response.status_code == 200 and request.method == "GET" and self.is_reader(request):
            record_view(article_id)
        return response

    @staticmethod
    def is_reader(request) -> bool:
        prefetch = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
        return not prefetch and not ROBOTS.search(request.headers.get("User-Agent", ""))
