"""Secrecy-matrix rows for the situational picture: the public dashboard and the staff's CSV
downloads hold counts, never the text of a report, a citizen's address or who reported (the
markers are planted by incidents/tests/secrecy_rows.py; see accounts/tests/secrecy.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from samverkan.accounts.tests.secrecy import EVERYONE, Ids, Place, get
from samverkan.incidents.tests.secrecy_rows import CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN
from samverkan.insights.views.dashboard import CSV_FIGURES


def _dashboard_csv(figure: str) -> Callable[[Ids], str]:
    return lambda i: reverse("insights:dashboard_csv", kwargs={"slug": i["slug"], "figure": figure})


PLACES = [
    Place(
        "public situational picture",
        get(lambda i: reverse("insights:public_dashboard", args=[i["slug"]])),
        secrets=(),
        never=(CITIZEN_EMAIL, DESCRIPTION),
        shown=("Brottsförebyggande rådet",),
        shown_to=EVERYONE,
        routes=("insights:public_dashboard",),
    ),
    *(
        Place(
            f"staff dashboard CSV of {figure}",
            get(_dashboard_csv(figure)),
            secrets=(),
            never=(CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN),
            # The partner's report counts under its category; the other figures have no text.
            shown=("Glaskross",) if figure == "categories" else (),
            routes=("insights:dashboard_csv",),
        )
        for figure in CSV_FIGURES
    ),
]
