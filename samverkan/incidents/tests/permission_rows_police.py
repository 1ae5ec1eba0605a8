"""Permission-matrix rows for the police's events: everyone who sees the council sees them
(public data, aggregates and the police's own notices); importing a file and the feed setting
change the council's records."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import CHANGE, SEE_COUNCIL


def _slug(i):
    return {"slug": i["slug"]}


PAGES = [
    ("incidents:police_events", _slug, "get", SEE_COUNCIL),
    ("incidents:police_events_upload", _slug, "get", CHANGE),
    ("incidents:police_feed_edit", _slug, "get", CHANGE),
    (
        "incidents:police_feed_edit",
        _slug,
        "post",
        CHANGE,
        lambda i: {"enabled": "", "location_names": "Köping"},
    ),
]
