"""Error pages rendered with the site's own templates and the reader's language."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

# How long readers and proxies are told to wait before retrying while the database is down.
RETRY_AFTER_SECONDS = 30


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # The error pages must not touch the database: it may be the thing that failed.
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render({"request": request}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        response.database_unavailable = True  # the page cache answers with its last copy
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))


def database_unavailable(error: BaseException | None) -> bool:
    """Whether an error means the database cannot be reached (down, restarting, no free
    connection), as opposed to a bug in a query."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    try:
        from psycopg_pool import PoolTimeout
    except ImportError:  # pragma: no cover — psycopg_pool comes with psycopg[pool]
        return False
    return isinstance(error, PoolTimeout)
