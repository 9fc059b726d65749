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

_shared_with_workers = False


def pre_fork(server, worker):
    """In the master, before its first fork (the app is preloaded): import what each worker
    would otherwise import on its first request, the whole URLconf (the admin's views and
    forms, some 580 modules), and hide everything loaded so far from the garbage collector,
    whose passes in a worker would otherwise write to the pages it shares with the master
    and so make them the worker's own copies (docs/performance.md, "Worker memory")."""
    global _shared_with_workers
    if _shared_with_workers:
        return
    _shared_with_workers = True
    import gc

    from django.db import connections
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 — imports and indexes every URL pattern
    connections.close_all()  # a connection opened by an import must not be shared by forks
    gc.freeze()
