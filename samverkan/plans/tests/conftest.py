"""An agreement with its parts and the citizen promises that follow it, for the plans tests."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.organisations.models import Body, Organisation
from samverkan.plans.models import (
    Activity,
    ActivityStatus,
    Agreement,
    AgreementParty,
    Commitment,
    GovernanceBody,
    Plan,
    Promise,
    PromiseSet,
    Signatory,
)


@pytest.fixture
def agreement(council) -> Agreement:
    agreement = Agreement.objects.create(
        council=council,
        title="Samverkansöverenskommelse 2",
        signed_on=dt.date(2018, 5, 24),
        valid_from=dt.date(2018, 1, 1),
        valid_to=dt.date(2018, 12, 31),
        purpose="Minska brottsligheten.",
        enclosures=["Bilaga 1 Genomförandeplan"],
    )
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    AgreementParty.objects.create(agreement=agreement, name="Köpings kommun", organisation=kommun)
    for number in (1, 2):
        Commitment.objects.create(agreement=agreement, number=number, text=f"Åtagande {number}.")
    GovernanceBody.objects.create(
        agreement=agreement,
        name="projektgrupp (Brå)",
        kind="project_group",
        body=Body.objects.get(council=council),
    )
    Signatory.objects.create(agreement=agreement, name="Sara Schelin", title="Kommunchef")
    return agreement


@pytest.fixture
def promise_set(council, agreement) -> PromiseSet:
    promise_set = PromiseSet.objects.create(
        council=council, title="Medborgarlöften 2018", year=2018, agreement=agreement
    )
    first = Promise.objects.create(
        promise_set=promise_set, position=0, text="Polisen lovar fotpatrull.", parties=["police"]
    )
    Promise.objects.create(
        promise_set=promise_set,
        position=1,
        text="Vi lovar tillsammans trygghetsvandringar.",
        parties=["municipality", "police"],
        joint=True,
    )
    plan = Plan.objects.create(council=council, title="Plan 2018", year=2018)
    for i, status in enumerate([ActivityStatus.DONE, ActivityStatus.DELAYED]):
        activity = Activity.objects.create(plan=plan, position=i, text=f"Insats {i}", status=status)
        activity.promises.add(first)
    Activity.objects.create(plan=plan, position=2, text="Belysning i parken")
    Signatory.objects.create(promise_set=promise_set, name="Roger Eklund", title="Kommunalråd")
    return promise_set
