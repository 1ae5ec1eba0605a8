"""Permission-matrix rows for removing a partner's period total: those who change records (as
for the list of period totals); another council's total is not found."""

from __future__ import annotations

import datetime as dt

from samverkan.accounts.tests.matrix import CHANGE
from samverkan.incidents.models import AggregateReport, Category
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.organisations.models import Council, Organisation


def _aggregate(i):
    return {"slug": i["slug"], "pk": i["inc_aggregate"]}


PAGES = [
    ("incidents:aggregate_remove", _aggregate, "get", CHANGE),
]


def extra_ids(council: Council, user: object) -> dict[str, object]:
    categories_ensure_defaults(council=council)
    organisation = Organisation.objects.filter(council=council).first()
    assert organisation is not None  # the matrix council has organisations
    aggregate = AggregateReport.objects.create(
        council=council,
        organisation=organisation,
        category=Category.objects.get(council=council, code="graffiti"),
        period_from=dt.date(2018, 1, 1),
        period_to=dt.date(2018, 5, 31),
        cost=16_000,
    )
    return {"inc_aggregate": aggregate.pk}
