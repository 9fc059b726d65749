"""Embargo: an article is never made live before its "эмбарго до" time, whoever publishes it.

Publishing an article whose embargo has not passed schedules it for the embargo's end with
Wagtail's own scheduling (``go_live_at``, the revision's ``approved_go_live_at``), and the
worker's ``publish_due`` makes it live in the first minute after. Two places apply the rule:

- ``ArticlePage.clean()``: every version saved through the editor or ``save_revision()`` carries
  a go-live time no earlier than its embargo, so the admin's own messages ("scheduled for
  publishing") and status panel tell the editor what happened;
- ``ArticlePage.publish()`` (``revision.publish()``, the admin's create view and bulk
  publish, importers, the scheduler): the version being published is scheduled when it
  is still under embargo, even if it was saved without validation.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction


def embargoed_go_live(
    go_live_at: dt.datetime | None, embargo_until: dt.datetime | None, now: dt.datetime
) -> dt.datetime | None:
    """The go-live time a publish must use: ``go_live_at``, but never before an embargo that
    has not passed yet. A passed embargo changes nothing."""
    if embargo_until is None or embargo_until <= now:
        return go_live_at
    if go_live_at is None or go_live_at < embargo_until:
        return embargo_until
    return go_live_at


class EmbargoPublishAction(PublishPageRevisionAction):
    """Wagtail's publish of a page revision, scheduled for the embargo's end while one holds."""

    def _publish_revision(self, revision, object, *args, **kwargs):
        object.go_live_at = embargoed_go_live(object.go_live_at, object.embargo_until, timezone.now())
        return super()._publish_revision(revision, object, *args, **kwargs)
