"""VESTNIK_CDN=nginx: each purged address is fetched through nginx with the secret header."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from vestnik.caching.nginx import HEADER, NginxRefreshBackend


@pytest.fixture
def fake_nginx():
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 — http.server's naming
            seen.append((self.command, self.path, self.headers.get("Host"), self.headers.get(HEADER)))
            self.send_response(404 if self.path.startswith("/gone/") else 200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()


def test_each_address_is_fetched_with_the_secret_and_the_sites_host(fake_nginx):
    location, seen = fake_nginx
    backend = NginxRefreshBackend({"LOCATION": location, "TOKEN": "s3cret"})
    backend.purge_batch(["https://vestnik.kz/politika/", "https://vestnik.kz/feeds/rss/?x=1"])
    assert sorted(seen) == [  # fetched side by side: in any order
        ("GET", "/feeds/rss/?x=1", "vestnik.kz", "s3cret"),
        ("GET", "/politika/", "vestnik.kz", "s3cret"),
    ]


def test_a_gone_page_or_a_down_nginx_is_logged_not_raised(fake_nginx, caplog):
    location, seen = fake_nginx
    NginxRefreshBackend({"LOCATION": location, "TOKEN": "t"}).purge("https://vestnik.kz/gone/x/")
    NginxRefreshBackend({"LOCATION": "http://127.0.0.1:1", "TOKEN": "t"}).purge("https://vestnik.kz/")
    assert seen[0][1] == "/gone/x/"
    assert "nginx refresh of https://vestnik.kz/ failed" in caplog.text


def test_nginx_refresh_without_a_token_is_refused_at_startup(monkeypatch):
    import importlib

    import vestnik.settings.base as base

    monkeypatch.setenv("VESTNIK_CDN", "nginx")
    monkeypatch.delenv("VESTNIK_CDN_REFRESH_TOKEN", raising=False)
    try:
        with pytest.raises(ValueError, match="VESTNIK_CDN=nginx needs VESTNIK_CDN_REFRESH_TOKEN"):
            importlib.reload(base)
    finally:
        monkeypatch.delenv("VESTNIK_CDN")
        importlib.reload(base)
