"""Local development and `make demo`: SQLite, local memory cache, media served by Django."""

import os

os.environ.setdefault("VESTNIK_SERVE_MEDIA", "1")

from .base import *  # noqa: E402,F403

SECRET_KEY = SECRET_KEY or "dev-only-not-secret-vestnik"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS + ["testserver", "[::1]", "0.0.0.0"]  # noqa: F405
# Wagtail's workflow notifications ("submitted for approval", "changes requested") go to files
# in var/mail/ instead of an SMTP server the demo does not have.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"  # noqa: F405
