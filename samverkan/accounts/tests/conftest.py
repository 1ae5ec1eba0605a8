"""The matrix's world: the councils, one login per role and each role's ids, built once per
module (the permission matrix and the form fuzzer walk the same routes with it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from conftest import make_council, make_other_council, make_users
from samverkan.accounts.models import CouncilRole
from samverkan.accounts.tests import matrix
from samverkan.demo.loader import seed_text
from samverkan.meetings.models import AgendaItem, Decision, Meeting, PendingImport
from samverkan.organisations.models import Body, Membership, Organisation, Person

ROLES = matrix.ROLES


def _ids(council):
    """The records every role's case uses."""
    body = Body.objects.filter(council=council).first()
    meeting = Meeting.objects.filter(body=body).first()
    if meeting is None:
        meeting = Meeting.objects.create(body=body, date=dt.date(2026, 3, 5), place="Rådhuset")
        item = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
        Decision.objects.create(item=item, text="Rådet beslutar att notera.", kind="noted")
    ids = {
        "meeting": meeting.pk,
        "slug": council.slug,
        "organisation": Organisation.objects.filter(council=council).first().pk,
        "body": Body.objects.filter(council=council).first().pk,
        # The chair of make_council, not the police member's person (conftest.make_users).
        "person": Person.objects.get(councils=council, name="Roger Eklund").pk,
        "membership": Membership.objects.get(body__council=council, person__name="Roger Eklund").pk,
        "viewer_role": CouncilRole.objects.get(council=council, user__username="viewer").pk,
    }
    for extra in matrix.EXTRA_IDS:
        ids.update(extra(council, None))
    return ids


def _user_ids(council, user):
    """The records kept for one login: uploads waiting for their own uploader."""
    pending = None
    if user is not None:
        pending = PendingImport.objects.create(
            council=council, uploaded_by=user, filename="p.txt", data=seed_text().encode()
        ).pk
    ids = {"pending": pending or 999999}
    for extra in matrix.USER_IDS:
        ids.update(extra(council, user))
    return ids


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The councils, one login per role and each role's ids, built once for the whole matrix.

    Building them took most of each of the ~2,000 cases. They live in a transaction held for
    the module and rolled back at its end; each case still runs in its own savepoint (the `db`
    fixture), so what one case changes is undone before the next.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            council = make_council()
            users = make_users(council, make_other_council())
            shared = _ids(council)
            ids = {role: {**shared, **_user_ids(council, users[role])} for role in ROLES}
            yield users, ids, shared
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
