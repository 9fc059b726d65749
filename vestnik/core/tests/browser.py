"""What the browser tests share: Debian's chromium, how it is started, and plain static files."""

import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
# pytestmark of every browser test module: marked, and skipped with the reason without chromium.
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason="SKIPPED browser test: /usr/bin/chromium is not installed"
    ),
]


def serve_plain_static(settings) -> None:
    """The live server serves static files by name: the tests do not run collectstatic."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
