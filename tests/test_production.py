"""The production settings, run as a site owner runs them: in a fresh process, from the environment."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Variables that would change what production means for these tests.
LOCAL_ONLY = ("DATABASE_URL", "REDIS_URL", "VESTNIK_DEBUG", "VESTNIK_SSL_REDIRECT", "VESTNIK_HSTS_SECONDS",
              "VESTNIK_HSTS_PRELOAD", "VESTNIK_LOG_FORMAT", "VESTNIK_MEDIA_ROOT")  # fmt: skip


@pytest.fixture
def production_env(tmp_path):
    env = {name: value for name, value in os.environ.items() if name not in LOCAL_ONLY}
    env.update(
        DJANGO_SETTINGS_MODULE="vestnik.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50)[:50],
        ALLOWED_HOSTS="example.org",
        VESTNIK_VAR_DIR=str(tmp_path),
    )
    return env


def run(env, *args):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_under_production_settings(production_env):
    result = run(production_env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "ERROR" not in output
    assert "System check identified no issues" in output


def test_production_logs_json_lines_unless_told_otherwise(production_env):
    script = "from django.conf import settings; print(settings.LOGGING['formatters']['vestnik']['kind'])"
    assert run(production_env, "-c", script).stdout.strip() == "json"
    production_env["VESTNIK_LOG_FORMAT"] = ""  # a line left empty in the environment file
    assert run(production_env, "-c", script).stdout.strip() == "json"
    production_env["VESTNIK_LOG_FORMAT"] = "text"
    assert run(production_env, "-c", script).stdout.strip() == "text"


# Serves one collected file through the whole production middleware stack.
SERVE_STATIC = """
import json, django
django.setup()
from django.templatetags.static import static
from django.test import Client
url = static("css/site.css")
response = Client().get(url, secure=True, HTTP_HOST="example.org", HTTP_ACCEPT_ENCODING="gzip")
print(json.dumps({"url": url, "status": response.status_code, "cache_control": response["Cache-Control"],
                  "encoding": response.get("Content-Encoding")}))
"""


def test_collected_static_files_are_hashed_compressed_and_cached_forever(production_env, tmp_path):
    result = run(production_env, "manage.py", "collectstatic", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    css = tmp_path / "static" / "css"
    hashed = [p for p in css.glob("site.*.css") if p.name != "site.css"]
    assert len(hashed) == 1, sorted(p.name for p in css.iterdir())
    assert hashed[0].with_name(hashed[0].name + ".gz").exists()

    served = run(production_env, "-c", SERVE_STATIC)
    assert served.returncode == 0, served.stderr
    answer = json.loads(served.stdout.strip().splitlines()[-1])
    assert answer["url"] == f"/static/css/{hashed[0].name}"
    assert answer["status"] == 200
    assert answer["cache_control"] == "max-age=315360000, public, immutable"
    assert answer["encoding"] == "gzip"


def test_every_deploy_file_is_described_in_the_deploy_guide():
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "deploy").rglob("*")):
        if path.is_file():
            assert path.stem in guide, f"{path.relative_to(ROOT)} is not in docs/deploy.md"


def test_commands_run_by_the_systemd_units_exist():
    from django.core.management import get_commands

    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for unit in sorted((ROOT / "deploy" / "systemd").glob("*.service")):
        for command in re.findall(r"manage\.py (\w+)", unit.read_text(encoding="utf-8")):
            if command == "db_worker":  # django-tasks-db's, installed with the database task backend
                assert "django-tasks-db" in guide
                continue
            assert command in get_commands(), f"{unit.name}: manage.py {command} does not exist"


# The login page through the whole production stack, over https as the proxy reports it
# (static files uncollected: their names are not what this test is about).
LOGIN_PAGE_HEADERS = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
plain_static = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain_static):
    response = Client().get("/admin/login/", secure=True, HTTP_HOST="example.org")
csrf = response.cookies[settings.CSRF_COOKIE_NAME]
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "csrf_cookie": {"secure": csrf["secure"], "httponly": csrf["httponly"], "samesite": csrf["samesite"]},
    "session_cookie": {"secure": settings.SESSION_COOKIE_SECURE, "httponly": settings.SESSION_COOKIE_HTTPONLY,
                       "samesite": settings.SESSION_COOKIE_SAMESITE},
}))
"""


def test_production_sends_hsts_and_marks_cookies_secure_httponly_samesite(production_env):
    migrated = run(production_env, "manage.py", "migrate", "--noinput", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    result = run(production_env, "-c", LOGIN_PAGE_HEADERS)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 200
    headers = answer["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors" in headers["Content-Security-Policy"]
    assert answer["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert answer["session_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}


MAIL_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in (
    "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL", "SERVER_EMAIL")}))
"""


def test_mail_goes_to_the_smtp_server_the_environment_names(production_env):
    default = json.loads(run(production_env, "-c", MAIL_SETTINGS).stdout)
    assert (default["EMAIL_HOST"], default["EMAIL_PORT"], default["EMAIL_TIMEOUT"]) == ("localhost", 25, 10)
    production_env.update(EMAIL_HOST="smtp.example.org", EMAIL_PORT="587", EMAIL_HOST_USER="vestnik",
                          EMAIL_USE_TLS="1", DEFAULT_FROM_EMAIL="Редакция <news@example.org>")  # fmt: skip
    named = json.loads(run(production_env, "-c", MAIL_SETTINGS).stdout)
    assert named["EMAIL_HOST"] == "smtp.example.org" and named["EMAIL_PORT"] == 587
    assert named["EMAIL_USE_TLS"] is True and named["EMAIL_USE_SSL"] is False
    assert named["DEFAULT_FROM_EMAIL"] == named["SERVER_EMAIL"] == "Редакция <news@example.org>"


def test_production_refuses_starttls_and_tls_at_once(production_env):
    production_env.update(EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    result = run(production_env, "-c", MAIL_SETTINGS)
    assert result.returncode != 0
    assert "EMAIL_USE_TLS and EMAIL_USE_SSL are both set" in result.stderr
