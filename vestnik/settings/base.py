"""Every setting, read from the environment here and nowhere else.

Each variable is listed with its default in .env.example and docs/deploy.md.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "vestnik"
VAR_DIR = Path(os.environ.get("VESTNIK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("VESTNIK_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = os.environ.get("VESTNIK_BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "vestnik.core",
    "vestnik.caching",
    "vestnik.readership",
    "vestnik.images",
    "vestnik.news",
    "vestnik.newsroom",
    "vestnik.search",
    "vestnik.entities",
    "vestnik.syndication",
    "vestnik.importers",
    "vestnik.ops",
    "vestnik.demo",
    "vestnik.security",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Its translations: Wagtail's admin writes workflow times with naturaltime ("2 минуты назад").
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "vestnik.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "vestnik.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "vestnik.news.generation.RequestMemoMiddleware",
    "vestnik.importers.middleware.LegacyQueryRedirectMiddleware",
    "vestnik.readership.middleware.ViewCountMiddleware",
    "vestnik.caching.middleware.PageCacheMiddleware",
    "vestnik.core.db_router.ReadYourWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-factor: marks request.user verified or not, then keeps an unverified editor who
    # has a device (or must have one) out of the admin until the code step is done.
    "django_otp.middleware.OTPMiddleware",
    "vestnik.security.twofactor.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vestnik.urls"
WSGI_APPLICATION = "vestnik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "vestnik.core.context_processors.site_chrome",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'vestnik.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while the importer or an editor writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0


def _pooled(database: dict) -> dict:
    """PostgreSQL through psycopg 3's connection pool (one pool per worker process), JIT off."""
    if database["ENGINE"] == "django.db.backends.postgresql":
        # JIT compiles big plans for seconds and pays off only for long analytic queries: at
        # 1M articles it was 1.3 s of a 1.4 s admin listing query (bench/README.md, admin).
        database["OPTIONS"] = {**database.get("OPTIONS", {}), "options": "-c jit=off"}
    if database["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_POOL", True):
        pool = {"min_size": 1, "max_size": int(os.environ.get("DATABASE_POOL_MAX", "4")), "timeout": 10}
        database["OPTIONS"] = {**database.get("OPTIONS", {}), "pool": pool}
        database["CONN_MAX_AGE"] = 0  # the pool keeps the connections; Django must not
        database["CONN_HEALTH_CHECKS"] = False
    return database


_pooled(DATABASES["default"])
# Read replicas: reads go there, writes and the requests of an editor who just wrote go to
# the primary (vestnik.core.db_router).
VESTNIK_DB_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = _pooled(dj_database_url.parse(_url, conn_health_checks=True))
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
    VESTNIK_DB_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["vestnik.core.db_router.PrimaryReplicaRouter"]
# Seconds after a write during which the same browser reads from the primary (replica lag).
VESTNIK_REPLICA_PIN_SECONDS = int(os.environ.get("VESTNIK_REPLICA_PIN_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis for cache and sessions when REDIS_URL is set; local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # A miss, not an error, when Redis is down (vestnik/core/cache.py).
            "BACKEND": "vestnik.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            "KEY_PREFIX": os.environ.get("VESTNIK_CACHE_PREFIX", "vestnik"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole public pages in the cache (docs/performance.md). The TTL also bounds how old a cached
# page's relative times ("5 минут назад") can get, so keep it at a minute or less.
VESTNIK_PAGE_CACHE = env_bool("VESTNIK_PAGE_CACHE", True)
VESTNIK_PAGE_CACHE_TTL = int(os.environ.get("VESTNIK_PAGE_CACHE_TTL", "60"))
# An article page prints no relative time (its sidebar, which does, is a fragment of its own)
# and changes only through its tags, so our cache keeps it this long; a CDN still gets the TTL.
# Only with Redis: local memory is one process's, and a change made by another (the worker,
# an import, a shell) cannot reach it, so there the TTL bounds how long an article lags.
VESTNIK_PAGE_CACHE_LASTING_TTL = int(
    os.environ.get("VESTNIK_PAGE_CACHE_LASTING_TTL", "3600" if REDIS_URL else str(VESTNIK_PAGE_CACHE_TTL))
)
# How long a copy is kept after it goes stale: if the database is down when the page is
# next rendered, readers get this copy instead of the "temporarily unavailable" page.
VESTNIK_PAGE_CACHE_KEEP = int(os.environ.get("VESTNIK_PAGE_CACHE_KEEP", "3600"))
# What a CDN or nginx in front may do with a public page: keep it as long as we do, and
# serve the old copy for a while longer while it fetches a new one.
VESTNIK_PUBLIC_CACHE_CONTROL = (
    f"public, max-age={VESTNIK_PAGE_CACHE_TTL}, s-maxage={VESTNIK_PAGE_CACHE_TTL}, "
    f"stale-while-revalidate={int(os.environ.get('VESTNIK_STALE_WHILE_REVALIDATE', '30'))}"
)
# "Most read": seconds a computed list is reused (view counts reach the database once a minute).
VESTNIK_MOST_READ_TTL = int(os.environ.get("VESTNIK_MOST_READ_TTL", "300"))
VESTNIK_VIEWS_PREFIX = os.environ.get("VESTNIK_CACHE_PREFIX", "vestnik")
# Seconds nginx's proxy_cache in front keeps a reader page (X-Accel-Expires; deploy/nginx):
# short, so a publish shows within a second, yet a spike becomes one request per page per second.
VESTNIK_PROXY_CACHE_SECONDS = int(os.environ.get("VESTNIK_PROXY_CACHE_SECONDS", "1"))
# A CDN or caching proxy to purge on publish (Wagtail's front-end cache backends).
VESTNIK_CDN = os.environ.get("VESTNIK_CDN", "").strip().lower()
_CDN_BACKENDS = {
    "cloudflare": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ.get("VESTNIK_CDN_CLOUDFLARE_ZONE_ID", ""),
        "BEARER_TOKEN": os.environ.get("VESTNIK_CDN_CLOUDFLARE_TOKEN", ""),
    },
    "cloudfront": {
        # Needs boto3 (pip install boto3) and AWS credentials in the usual AWS variables.
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ.get("VESTNIK_CDN_CLOUDFRONT_DISTRIBUTION_ID", ""),
    },
    # nginx's own proxy_cache (deploy/nginx/vestnik.conf): each address fetched again through
    # it with a secret header that bypasses and refreshes the cached copy.
    "nginx": {
        "BACKEND": "vestnik.caching.nginx.NginxRefreshBackend",
        "LOCATION": os.environ.get("VESTNIK_CDN_PURGE_URL", "http://127.0.0.1:8081"),
        "TOKEN": os.environ.get("VESTNIK_CDN_REFRESH_TOKEN", ""),
    },
    # Varnish, or nginx with a purge module: an HTTP PURGE request per address.
    "http": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ.get("VESTNIK_CDN_PURGE_URL", "http://127.0.0.1:6081"),
    },
}
if VESTNIK_CDN and VESTNIK_CDN not in _CDN_BACKENDS:
    raise ValueError(f"VESTNIK_CDN={VESTNIK_CDN!r}: expected one of {', '.join(_CDN_BACKENDS)} or empty")
if VESTNIK_CDN == "nginx" and not _CDN_BACKENDS["nginx"]["TOKEN"]:
    raise ValueError(
        "VESTNIK_CDN=nginx needs VESTNIK_CDN_REFRESH_TOKEN, the secret in deploy/nginx/vestnik.conf"
    )
WAGTAILFRONTENDCACHE = {VESTNIK_CDN: _CDN_BACKENDS[VESTNIK_CDN]} if VESTNIK_CDN else {}

# Content-Security-Policy (vestnik/security/middleware.py, docs/security.md). Readers' pages
# run only our own script files: no inline script, no eval, no inline style. JSON-LD blocks
# are data, not scripts, and need no hash. Embedded players (rich text embeds) are framed
# from any https origin; they run in their own origin, not ours.
VESTNIK_CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "frame-src 'self' https:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])  # fmt: skip
# The admin runs only script files from our origin too: the calls Wagtail 8 writes as inline
# scripts (date pickers, inline panels, choosers) Vestnik writes as data, and
# static/js/admin-csp.js makes them (vestnik/security/admin_scripts.py). Wagtail still writes
# inline styles, so styles keep 'unsafe-inline'. Everything else (plugins, other origins'
# scripts, being framed by another site) stays closed. Its preview frames the page being
# edited, hence frame-ancestors 'self'. Images may come from https (editors' Gravatar
# pictures, embed thumbnails).
VESTNIK_CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
VESTNIK_CSP_ADMIN = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self' https:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])  # fmt: skip
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cookies out of scripts' reach and not sent on cross-site subrequests; Secure in production.
# (Wagtail's admin takes the CSRF token from the page, not from the cookie.)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Background tasks (search index updates, cache purges, Wagtail's reference and search index).
# "immediate": they run inside the request that queues them, nothing else to run (the default,
# and the demo's). "database": they are stored in PostgreSQL/SQLite and run by `manage.py
# worker` (`make worker`, deploy/systemd/vestnik-worker.service), which also requeues the tasks
# of a worker that died (vestnik/ops/workers.py); production's default.
VESTNIK_TASKS = os.environ.get("VESTNIK_TASKS", "immediate")
if VESTNIK_TASKS not in ("immediate", "database"):
    raise ValueError(f"VESTNIK_TASKS={VESTNIK_TASKS!r}: expected 'immediate' or 'database'")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if VESTNIK_TASKS == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
    }
}

# Login throttling (django-axes) for Wagtail's admin and Django's: after
# VESTNIK_LOGIN_FAILURE_LIMIT wrong passwords for one user name from one address, that name
# is refused from that address, right password or not, for VESTNIK_LOGIN_COOLOFF_MINUTES.
# Name and address together, so an attacker cannot lock an editor out from elsewhere and one
# editor's typos do not lock out the whole newsroom behind the same office address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("VESTNIK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("VESTNIK_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vestnik.security.login.locked_out"
AXES_CLIENT_IP_CALLABLE = "vestnik.security.login.client_ip"
# Proxies whose X-Forwarded-For names the reader's address (nginx on the same host sets it).
VESTNIK_TRUSTED_PROXIES = env_list("VESTNIK_TRUSTED_PROXIES", "127.0.0.1,::1")

# Two-factor authentication (django-otp, TOTP): optional for every editor; compulsory for those
# VESTNIK_2FA_REQUIRED_FOR names, comma-separated: "superusers" and/or group names
# ("superusers,Редакторы"). Such a user without a device is sent to the set-up page.
VESTNIK_2FA_REQUIRED_FOR = env_list("VESTNIK_2FA_REQUIRED_FOR")
# The name the authenticator app shows beside the account.
OTP_TOTP_ISSUER = os.environ.get("VESTNIK_2FA_ISSUER", "Вестник")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Russian is the default, for readers and for the admin (whatever an editor's browser
# asks: /admin/ has no language prefix); Kazakh and English for the public interface, and in the
# admin for an editor who picks one in the account settings (Wagtail has no Kazakh of its own:
# its words fall back to Russian there).
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("VESTNIK_TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("ru", "Русский")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("VESTNIK_MEDIA_ROOT", VAR_DIR / "media"))
# Serve uploaded media from Django (demo and development); nginx does it in production.
VESTNIK_SERVE_MEDIA = env_bool("VESTNIK_SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = os.environ.get("VESTNIK_SITE_NAME", "Вестник")

# Mail: password resets and Wagtail's workflow notifications ("submitted for approval").
# Without EMAIL_HOST, Django's default: an SMTP server on this machine, port 25.
EMAIL_HOST = os.environ.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the start, usually port 465
# A mail server that does not answer must not hold a worker until gunicorn kills it.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT") or "10")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or f"{WAGTAIL_SITE_NAME} <noreply@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# No avatars from gravatar.com: the admin makes no third-party requests either (and its CSP
# would block the http:// ones Wagtail asks for).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor to releases.wagtail.org from every dashboard view
# The zones an editor can pick in their account: Kazakhstan's, Russia's, UTC. Wagtail's
# default lists every file in the system's zone database, "localtime" included, which
# browsers reject (the account page's script fails on it).
WAGTAIL_USER_TIME_ZONES = ["Asia/Almaty", "Asia/Qostanay", "Asia/Qyzylorda", "Asia/Aqtobe", "Asia/Aqtau",
                           "Asia/Atyrau", "Asia/Oral", "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara",
                           "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Krasnoyarsk",
                           "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan",
                           "Asia/Kamchatka", "UTC"]  # fmt: skip
WAGTAILIMAGES_IMAGE_MODEL = "images.NewsImage"
# Uploads are checked by content, not by name (Wagtail opens each file and refuses one whose
# format is not its extension's). SVG is not in the list: it can carry scripts.
WAGTAILIMAGES_IMAGE_FORM_BASE = "vestnik.images.forms.NewsImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("VESTNIK_IMAGE_MAX_UPLOAD_MB", "20")) * 1024 * 1024
# Width × height × frames, read from the header before anything is decoded: a small file
# that would unpack to gigabytes (a decompression bomb) is refused on upload.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("VESTNIK_IMAGE_MAX_MEGAPIXELS", "50")) * 1_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "csv", "txt", "zip"]
# Editors see Cyrillic slugs while they type; pages turn them into Latin with the
# site's transliteration table when saved (vestnik.news.models.TransliteratedSlugMixin).
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILREDIRECTS_AUTO_CREATE = True
# Wagtail's database search; on PostgreSQL a common word is looked for among the pages
# edited last (vestnik/newsroom/admin_search.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "vestnik.newsroom.admin_search"}}
TAGGIT_CASE_INSENSITIVE = True

# How many articles the lists show.
VESTNIK_RECENT_POSTS = int(os.environ.get("VESTNIK_RECENT_POSTS", "6"))
VESTNIK_PAGE_SIZE = int(os.environ.get("VESTNIK_PAGE_SIZE", "20"))
# Analyse each published article in the background (people, organisations, places, related
# articles, timelines: docs/entities.md). Off, only `manage.py enrich_articles` analyses.
VESTNIK_ENRICH_ON_PUBLISH = env_bool("VESTNIK_ENRICH_ON_PUBLISH", True)
# Seconds a rendered "recent posts" block may be reused; its relative times are
# never staler than this (docs/caching.md).
VESTNIK_FRAGMENT_TTL = int(os.environ.get("VESTNIK_FRAGMENT_TTL", "60"))

# One line per record on stderr (journald keeps it): JSON lines for log collectors in
# production, text elsewhere. Each record made during a request carries its request id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "vestnik.ops.logs.RequestIdFilter"}},
    "formatters": {
        "vestnik": {
            "()": "vestnik.ops.logs.make_formatter",
            "kind": os.environ.get("VESTNIK_LOG_FORMAT") or "text",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "vestnik", "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("VESTNIK_LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail and django-tasks log every page edit and task at INFO: too chatty for commands.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "pymorphy3": {"level": "WARNING"},
        # django-axes: its start-up banner and each failure at INFO; lockouts stay (WARNING).
        "axes": {"level": "WARNING"},
    },
}
