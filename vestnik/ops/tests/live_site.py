"""Run the site as in production for the fault tests: gunicorn, production settings, a seed
article imported, each test with its own database and cache servers."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "vestnik" / "demo" / "data" / "seed" / "000_30cfd75c4d8bef58.txt"
ARTICLE = "/politika/zhena-deportirovannogo-iz-kazakhstana-rossiyskogo-ofitsera-prosit-politicheskogo/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str):
    """(status, headers, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _own_environ() -> dict[str, str]:
    """This process's environment without the site's settings (the suite's own included)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("VESTNIK_", "DATABASE_", "REDIS_"))}


def dev_env(var_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """A site under the development settings, its files under ``var_dir``."""
    return _own_environ() | {"DJANGO_SETTINGS_MODULE": "vestnik.settings.dev", "DATABASE_URL": database_url,
                             "VESTNIK_VAR_DIR": str(var_dir), **extra}  # fmt: skip


def production_env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = _own_environ()
    env.update(DJANGO_SETTINGS_MODULE="vestnik.settings.production", SECRET_KEY=secrets.token_urlsafe(50),
               ALLOWED_HOSTS="127.0.0.1", VESTNIK_SSL_REDIRECT="0", VESTNIK_VAR_DIR=str(var_dir),
               VESTNIK_TASKS="immediate", **extra)  # fmt: skip
    return env


def prepare(env: dict[str, str]) -> None:
    """Migrate, collect static files and import the seed article."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"],
                    ["import_capture", str(SEED), "--captured-at", "2025-11-09T10:00+05:00"]):  # fmt: skip
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True, timeout=300)


class Site:
    """gunicorn with one worker (one process: its local-memory fallbacks are the site's)."""

    def __init__(self, env: dict[str, str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [gunicorn, "vestnik.wsgi:application", "-b", f"127.0.0.1:{self.port}", "-w", "1", "--timeout", "30"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(150):
            try:
                get(self.url + "/healthz")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def get(self, path: str):
        return get(self.url + path)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
