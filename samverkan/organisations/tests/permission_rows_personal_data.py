"""Permission-matrix rows for a person's data: handing it out and erasing it are for the
coordinator (manage_access) and the site administrator (see accounts/tests/matrix.py)."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import MANAGE_ACCESS
from samverkan.organisations.models import Council, Person


def extra_ids(council: Council, user: object = None) -> dict[str, object]:
    person = Person.objects.create(name="Eva Lund", email="eva@example.se", phone="070-1112233")
    person.councils.add(council)
    return {"data_subject": person.pk}


def _person(i: dict[str, object]) -> dict[str, object]:
    return {"slug": i["slug"], "pk": i["data_subject"]}


PAGES = [
    ("organisations:person_data_export", _person, "get", MANAGE_ACCESS),
    ("organisations:person_erase", _person, "get", MANAGE_ACCESS),
    ("organisations:person_erase", _person, "post", MANAGE_ACCESS, lambda i: {"confirm": "on"}),
]
