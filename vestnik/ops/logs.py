"""One log record per line, as JSON or plain text, each carrying the id of its request.

``VESTNIK_LOG_FORMAT`` picks the format (settings/base.py: ``text``; settings/production.py:
``json``). :class:`RequestIdFilter` sits on the handler, so records of every logger that
reach it — Django's, Wagtail's, ours — get the id the request middleware set.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

# Set by RequestLogMiddleware for the length of one request.
request_id_var: ContextVar[str | None] = ContextVar("vestnik_request_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# Attributes every LogRecord has; anything else was passed with ``extra=`` and is logged too.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class RequestIdFilter(logging.Filter):
    """Give each record the current request's id as ``record.request_id`` (when in a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = request_id_var.get()
        if request_id is not None and not hasattr(record, "request_id"):
            record.request_id = request_id
        return True


class JsonFormatter(logging.Formatter):
    """A JSON object per record: time (ISO 8601, UTC), level, logger, message, then the extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _RECORD_ATTRIBUTES and name not in entry:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # default=str: Django passes the request object itself in ``extra``.
        return json.dumps(entry, ensure_ascii=False, default=str)


def make_formatter(kind: str) -> logging.Formatter:
    """The formatter ``VESTNIK_LOG_FORMAT`` names: ``json`` or ``text``."""
    if kind == "json":
        return JsonFormatter()
    if kind == "text":
        return logging.Formatter(TEXT_FORMAT, defaults={"request_id": "-"})
    raise ValueError(f"VESTNIK_LOG_FORMAT must be 'json' or 'text', not {kind!r}")
