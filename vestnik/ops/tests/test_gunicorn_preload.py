"""gunicorn.conf.py's pre_fork: the master loads the URLconf once and freezes what it holds
before the workers are forked. Run in a fresh interpreter: freezing is for good."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

MASTER = """
import gc, json, runpy, sys
import django
django.setup()
conf = runpy.run_path("gunicorn.conf.py")
before = {"urlconf": "wagtail.admin.urls" in sys.modules, "frozen": gc.get_freeze_count()}
conf["pre_fork"](None, None)
after = {"urlconf": "wagtail.admin.urls" in sys.modules, "frozen": gc.get_freeze_count()}
garbage = [[i] for i in range(1000)]
conf["pre_fork"](None, None)  # the next worker's fork
print(json.dumps({"before": before, "after": after, "again": gc.get_freeze_count()}))
"""


def test_the_master_loads_the_urlconf_and_freezes_it_once_before_the_first_fork():
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "vestnik.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", MASTER], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] == {"urlconf": False, "frozen": 0}
    assert seen["after"]["urlconf"] is True
    assert seen["after"]["frozen"] > 100_000
    assert seen["again"] == seen["after"]["frozen"]
