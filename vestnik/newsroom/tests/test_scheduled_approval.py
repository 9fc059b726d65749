"""An approved article with a publication time waits for it; the worker's minute publishes it."""

import datetime as dt

import pytest
from django.utils import timezone

from .admin_actions import create_article, fresh, workflow_action
from .conftest import logged_in

pytestmark = pytest.mark.django_db


def test_an_approved_article_goes_live_at_its_scheduled_minute(reporter, editor, desks, monkeypatch):
    from django.utils import timezone as django_timezone

    from vestnik.ops.workers import publish_due

    seven = timezone.localtime() + dt.timedelta(days=1)
    seven = seven.replace(hour=7, minute=0, second=0, microsecond=0)
    _, article = create_article(
        logged_in(reporter), desks["politics"], title="Утренний выпуск новостей", action="action-submit",
        go_live_at=seven.strftime("%Y-%m-%d %H:%M"),
    )  # fmt: skip
    workflow_action(logged_in(editor), article, "approve", "В утренний выпуск.")
    article = fresh(article)
    assert not article.live
    assert article.scheduled_revision is not None and article.scheduled_revision.approved_go_live_at == seven

    monkeypatch.setattr(django_timezone, "now", lambda: seven - dt.timedelta(seconds=1))
    publish_due()
    assert not fresh(article).live
    monkeypatch.setattr(django_timezone, "now", lambda: seven + dt.timedelta(milliseconds=5))
    publish_due()
    article = fresh(article)
    assert article.live and article.first_published_at == seven + dt.timedelta(milliseconds=5)
