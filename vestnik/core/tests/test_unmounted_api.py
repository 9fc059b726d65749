"""Wagtail's v3 API is loaded only when installed (vestnik/core/unmounted_api.py).

Each check starts a fresh interpreter: what a process imports at start-up is the point.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

START = """
import json, sys
from django.conf import settings
settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, *sys.argv[1:]]
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # the whole URLconf, the admin's included
from wagtail.api.v3.api import api
try:
    urls = str(len(api.urls))
except Exception as error:
    urls = f"{type(error).__name__}: {error}"
from wagtail.contrib.redirects.api.v2 import RedirectsAPIViewSet
print(json.dumps({"ninja": "ninja" in sys.modules, "api": type(api).__name__, "urls": urls}))
"""


def start(*extra_apps: str) -> dict:
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "vestnik.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", START, *extra_apps],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_api_and_django_ninja_stay_unloaded_when_the_api_is_not_installed():
    started = start()
    assert started["ninja"] is False
    assert started["api"] == "UnmountedAPI"
    # Mounting it anyway says what to do instead of serving nothing.
    assert started["urls"].startswith("ImproperlyConfigured: ")
    assert "'wagtail.api.v3'" in started["urls"] and "INSTALLED_APPS" in started["urls"]


def test_installing_the_api_brings_the_real_one_back():
    started = start("wagtail.api.v3")
    assert started["ninja"] is True
    assert started["api"] == "NinjaAPI"
    assert started["urls"].isdigit()
