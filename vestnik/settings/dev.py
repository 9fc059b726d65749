"""Local development and `make demo`: SQLite, local memory cache, media served by Django."""

import os

os.environ.setdefault("VESTNIK_SERVE_MEDIA", "1")

from .base import *  # noqa: E402,F403

SECRET_KEY = SECRET_KEY or "dev-only-not-secret-vestnik"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS + ["testserver", "[::1]", "0.0.0.0"]  # noqa: F405
