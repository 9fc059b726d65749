"""A request id for every request, and one log line when it is answered."""

from __future__ import annotations

import logging
import re
import time
import uuid

from .logs import request_id_var

logger = logging.getLogger("vestnik.request")

# The proxy's id is kept only when it cannot smuggle anything into logs or headers.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_from(header: str | None) -> str:
    """The proxy's ``X-Request-ID`` when it is safe to reuse, else a new uuid4 in hex."""
    if header and _SAFE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """Outermost middleware: names the request, times it, logs it on ``vestnik.request``.

    It runs for every request, cached pages included, so it touches neither the database
    nor the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response["X-Request-ID"] = request_id
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "request_id": request_id,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
