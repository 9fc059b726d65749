"""gunicorn settings for `make serve` (production). Every value can be overridden by the environment."""

import multiprocessing
import os

# Pages are rendered by Python, so the work is CPU-bound: one process per core, and one more
# to use a core while another process waits on PostgreSQL or Redis. Measured on 2 cores with
# PostgreSQL and Redis on the same machine (docs/performance.md): 3 workers served cached
# pages 10–25% faster than 2, and uncached ones 5–20% faster than 4, whose extra process
# only queued requests behind the others (p99 114 ms against 36 ms).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Load Django once, before forking: the workers share its memory pages (copy-on-write).
preload_app = True
# A worker that stops answering for this long is replaced; slow uploads go through nginx.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so slow leaks (caches, fragmentation) cannot grow forever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
# Our own JSON request log replaces gunicorn's access log (docs/deploy.md).
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "vestnik.wsgi:application"
# gunicorn's control socket (gunicornc): one per server, so two servers on one machine (a
# benchmark beside `make serve`) do not share $HOME/.gunicorn/gunicorn.ctl.
_port = bind.rsplit(":", 1)[-1]
control_socket = os.environ.get(
    "GUNICORN_CONTROL_SOCKET",
    os.path.join(os.environ.get("VESTNIK_VAR_DIR", "var"), "run", f"gunicorn-{_port}.ctl"),
)
