"""The test suite: SQLite in memory, or PostgreSQL when VESTNIK_TEST_ON_POSTGRES=1.

`make test` runs the suite once on SQLite and, when VESTNIK_TEST_DATABASE_URL is set,
a second time on that PostgreSQL database (pytest-django creates test_<name> there).
"""

import os

import dj_database_url

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DEBUG = False
VESTNIK_SERVE_MEDIA = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The natasha analysis after every publish only where a test asks for it (with a fake extractor).
VESTNIK_ENRICH_ON_PUBLISH = False

if os.environ.get("VESTNIK_TEST_ON_POSTGRES") == "1":
    url = os.environ.get("VESTNIK_TEST_DATABASE_URL")
    if not url:
        raise RuntimeError("VESTNIK_TEST_ON_POSTGRES=1 needs VESTNIK_TEST_DATABASE_URL")
    DATABASES = {"default": dj_database_url.parse(url)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# A replica alias that mirrors the test database, for the read/write router's tests; the
# router sends reads there only where a test lists it in VESTNIK_DB_REPLICAS.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
VESTNIK_DB_REPLICAS = []

# whitenoise stays in the middleware stack, so it needs a static root to look at.
STATIC_ROOT = VAR_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
