"""Every request gets an id — the proxy's when it is safe — and one log line when answered."""

import io
import json
import logging

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from vestnik.ops.logs import JsonFormatter, RequestIdFilter, request_id_var
from vestnik.ops.middleware import RequestLogMiddleware


def answer(request):
    return HttpResponse("ok")


def serve(get_response=answer, **headers):
    request = RequestFactory().get("/politika/", headers=headers)
    return RequestLogMiddleware(get_response)(request)


def is_generated(request_id):
    return len(request_id) == 32 and all(c in "0123456789abcdef" for c in request_id)


def test_request_log_middleware_runs_first():
    assert settings.MIDDLEWARE[0] == "vestnik.ops.middleware.RequestLogMiddleware"


def test_every_response_carries_a_new_request_id():
    first, second = serve()["X-Request-ID"], serve()["X-Request-ID"]
    assert is_generated(first) and is_generated(second)
    assert first != second


@pytest.mark.parametrize("incoming", ["5f0c2a9e", "edge-01.req_42", "A" * 64])
def test_a_safe_request_id_from_the_proxy_is_echoed(incoming):
    assert serve(x_request_id=incoming)["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "incoming",
    ["abc\ndef", "abc\n", "x" * 65, "y" * 200, "two words", "<script>", "id;drop", "аб-вг", ""],
)
def test_an_unsafe_request_id_from_the_proxy_is_replaced(incoming):
    outgoing = serve(x_request_id=incoming)["X-Request-ID"]
    assert is_generated(outgoing)


def test_each_request_is_logged_once_at_info_with_its_fields(caplog):
    caplog.set_level(logging.INFO, logger="vestnik.request")
    response = serve(x_request_id="req-7")
    [record] = [r for r in caplog.records if r.name == "vestnik.request"]
    assert record.levelno == logging.INFO
    assert (record.method, record.path, record.status) == ("GET", "/politika/", 200)
    assert record.request_id == response["X-Request-ID"] == "req-7"
    assert isinstance(record.duration_ms, float)
    assert record.duration_ms == round(record.duration_ms, 1)


def test_a_record_logged_during_the_request_carries_its_id():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("vestnik.tests.inside")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    def view_that_logs(request):
        logger.warning("rendering %s", request.path)
        return HttpResponse("ok")

    try:
        response = serve(view_that_logs)
        logger.warning("after the request")
    finally:
        logger.removeHandler(handler)
    during, after = (json.loads(line) for line in stream.getvalue().splitlines())
    assert during["message"] == "rendering /politika/"
    assert during["request_id"] == response["X-Request-ID"]
    assert "request_id" not in after
    assert request_id_var.get() is None


def test_the_console_handler_adds_request_ids_to_every_logger():
    # Django's dictConfig set up the root logger from settings.LOGGING.
    console = [
        h for h in logging.getLogger().handlers if any(isinstance(f, RequestIdFilter) for f in h.filters)
    ]
    assert console, "no root handler carries the RequestIdFilter"
