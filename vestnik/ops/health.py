"""The checks behind /healthz: can this process reach its database and its cache?

Each check reports how long it took and, when it fails, the exception's class and message
with any password taken out. A check never raises: the probe must answer even when
the database or the cache is down.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import connections

# Errors are shown to whoever asks /healthz, so they are kept short.
ERROR_LIMIT = 300
# "scheme://user:password@host" and libpq's "password=..." both hide a secret.
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)[^@\s]+@")
_DSN_PASSWORD = re.compile(r"(?P<head>password\s*=\s*)('[^']*'|\S+)", re.I)


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    ms: float
    error: str | None = None

    def as_dict(self) -> dict:
        result = {"ok": self.ok, "ms": self.ms}
        if self.error is not None:
            result["error"] = self.error
        return result


def redact(message: str, secrets: tuple[str, ...] = ()) -> str:
    """``message`` without passwords: in URLs, in ``password=`` pairs, and each of ``secrets``."""
    message = _URL_PASSWORD.sub(r"\g<head>***@", message)
    message = _DSN_PASSWORD.sub(r"\g<head>***", message)
    for secret in secrets:
        if secret:
            message = message.replace(secret, "***")
    return message


def check_database(alias: str = "default") -> CheckResult:
    """Run ``SELECT 1`` on the database connection ``alias``."""
    connection = connections[alias]
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return _failed(started, exc, secrets=(connection.settings_dict.get("PASSWORD") or "",))
    return CheckResult(ok=True, ms=_elapsed(started))


def check_cache(alias: str = "default") -> CheckResult:
    """Store a short-lived key in the cache ``alias``, read it back and delete it."""
    started = time.perf_counter()
    try:
        cache = caches[alias]
        # A key of its own per probe: several workers may probe at once.
        key, token = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
        cache.set(key, token, timeout=10)
        found = cache.get(key)
        cache.delete(key)
    except Exception as exc:
        return _failed(started, exc, secrets=_cache_passwords(alias))
    if found != token:
        return CheckResult(
            ok=False, ms=_elapsed(started), error="the cache did not return the value just stored"
        )
    return CheckResult(ok=True, ms=_elapsed(started))


def _elapsed(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _failed(started: float, exc: Exception, *, secrets: tuple[str, ...]) -> CheckResult:
    message = " ".join(str(exc).split())  # one line: drivers like multi-line messages
    error = redact(f"{type(exc).__name__}: {message}", secrets)
    return CheckResult(ok=False, ms=_elapsed(started), error=error[:ERROR_LIMIT])


def _cache_passwords(alias: str) -> tuple[str, ...]:
    """Passwords the cache ``alias`` is configured with, in its URL(s) or its options."""
    config = settings.CACHES.get(alias, {})
    locations = config.get("LOCATION") or []
    if isinstance(locations, str):
        locations = locations.split(",")
    found = [_url_password(location) for location in locations]
    found.append((config.get("OPTIONS") or {}).get("password") or "")
    return tuple(password for password in found if isinstance(password, str) and password)


def _url_password(url: str) -> str:
    try:
        return urlsplit(url).password or ""
    except ValueError:  # a malformed URL; the regex in redact() still hides its password
        return ""
