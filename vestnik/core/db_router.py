"""Reads from the replicas, writes to the primary, and read-your-writes for whoever just wrote.

Replicas lag the primary by a moment. Only readers' requests go to a replica; the
primary serves:
- everything outside a request (commands, workers, the shell),
- every non-GET request and the admin,
- a request once it has written anything, and reads inside a transaction,
- for VESTNIK_REPLICA_PIN_SECONDS after a write, the browser that wrote (a cookie),
  so an editor who saves and reloads sees the save.

Without replicas (VESTNIK_DB_REPLICAS empty) everything is "default".
"""

from __future__ import annotations

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

PRIMARY = "default"
PIN_COOKIE = "vestnik_primary"
_pinned: ContextVar[bool] = ContextVar("vestnik_pinned_to_primary", default=True)
_wrote: ContextVar[bool] = ContextVar("vestnik_wrote", default=False)


WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE")


def _notice_writes(execute, sql, params, many, context):
    # Statements, not db_for_write: get_or_create routes its read "for write" too.
    if sql.lstrip()[:6].upper() in WRITE_STATEMENTS:
        _wrote.set(True)
    return execute(sql, params, many, context)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = settings.VESTNIK_DB_REPLICAS
        if not replicas or _pinned.get() or _wrote.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return random.choice(replicas)

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReadYourWritesMiddleware:
    """Scope the pins to one request and remember a write in the browser for a few seconds."""

    SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.VESTNIK_DB_REPLICAS:
            return self.get_response(request)
        pinned = (
            request.method not in self.SAFE_METHODS
            or PIN_COOKIE in request.COOKIES
            or request.path.startswith("/admin/")
        )
        pin_token = _pinned.set(pinned)
        wrote_token = _wrote.set(False)
        try:
            with connections[PRIMARY].execute_wrapper(_notice_writes):
                response = self.get_response(request)
            if _wrote.get():
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.VESTNIK_REPLICA_PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            return response
        finally:
            _pinned.reset(pin_token)
            _wrote.reset(wrote_token)
