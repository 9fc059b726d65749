"""Production: everything from base.py, tightened. SECRET_KEY must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("VESTNIK_TASKS", "database")  # a worker runs the tasks (docs/deploy.md)

from .base import *  # noqa: E402, F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY is not set: production needs a long random value")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("VESTNIK_SSL_REDIRECT", True)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("VESTNIK_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("VESTNIK_HSTS_PRELOAD", False)  # noqa: F405

# Preloading HSTS is a promise about every subdomain that is hard to take back, so it
# stays the site owner's explicit choice (VESTNIK_HSTS_PRELOAD=1) and its warning is not
# noise in `check --deploy` until then.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# JSON lines for journald and log collectors unless VESTNIK_LOG_FORMAT=text.
LOGGING["formatters"]["vestnik"]["kind"] = os.environ.get("VESTNIK_LOG_FORMAT") or "json"  # noqa: F405

if EMAIL_USE_TLS and EMAIL_USE_SSL:  # noqa: F405
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS and EMAIL_USE_SSL are both set: choose one (STARTTLS on 587, or TLS on 465)"
    )
