"""Log records as one JSON object per line, or as text, as VESTNIK_LOG_FORMAT says."""

import json
import logging
import sys
from datetime import datetime

import pytest

from vestnik.ops.logs import JsonFormatter, make_formatter


def make_record(message="Статья «%s» опубликована", args=("Выборы",), exc_info=None, **extra):
    record = logging.LogRecord("vestnik.news", logging.WARNING, __file__, 1, message, args, exc_info)
    record.__dict__.update(extra)
    return record


def test_json_log_line_parses_and_names_time_level_logger_and_message():
    line = JsonFormatter().format(make_record())
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "vestnik.news"
    assert entry["message"] == "Статья «Выборы» опубликована"
    assert datetime.fromisoformat(entry["time"]).utcoffset() is not None


def test_json_log_record_is_one_line_even_when_the_message_has_newlines():
    line = JsonFormatter().format(make_record("first\nsecond", ()))
    assert "\n" not in line
    assert json.loads(line)["message"] == "first\nsecond"


def test_json_log_line_carries_extra_fields_and_survives_objects():
    entry = json.loads(JsonFormatter().format(make_record(status=503, request=object(), request_id="r1")))
    assert entry["status"] == 503
    assert entry["request_id"] == "r1"
    assert entry["request"].startswith("<object object")
    assert "args" not in entry and "msg" not in entry and "levelno" not in entry


def test_json_log_line_keeps_the_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = make_record(exc_info=sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert "RuntimeError: boom" in entry["exception"]


def test_text_log_line_shows_a_dash_outside_requests():
    line = make_formatter("text").format(make_record())
    assert " WARNING vestnik.news [-] Статья «Выборы» опубликована" in line


@pytest.mark.parametrize("kind", ["JSON", "xml", ""])
def test_an_unknown_log_format_is_refused_with_the_variable_name(kind):
    with pytest.raises(ValueError, match="VESTNIK_LOG_FORMAT"):
        make_formatter(kind)
