"""Every page of the agreement, the citizen promises, the plans and the import answers odd input
with a page or a 4xx, never a server error: unknown and huge ids, another council's ids, junk
query strings (filters, page numbers, the preview's mapping), missing and tampered POST fields."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.meetings.services.minutes_import import pending_import_create
from samverkan.plans.models import (
    Activity,
    Agreement,
    AgreementParty,
    Commitment,
    GovernanceBody,
    Plan,
    Promise,
    PromiseSet,
    Signatory,
    StatusUpdate,
)
from samverkan.plans.views import activities, agreements, importing, promises

HUGE = 10**18
JUNK_QUERY = (
    "?status=zzz&promise=abc&organisation=" + str(10**30) + "&page=x&view=nope&year=99999999999"
    "&kind=zz&default_year=-1&mine=%00&choices_made=1&map_0=" + str(HUGE) + "&map_1=new&remember=x"
)
JUNK_POST = {
    "title": "x" * 100_000,
    "text": "",
    "number": str(10**30),
    "year": "-1",
    "signed_on": "99999-99-99",
    "valid_from": "not a date",
    "status": "nope",
    "parties": ["x", "y"],
    "organisation": "abc",
    "body": str(HUGE),
    "kind": "nope",
    "activities": ["abc", str(HUGE)],
    "organisations": "\x00",
    "promises": str(HUGE),
    "choices_made": "1",
    "map_0": "abc",
    "file": "",
}
PATTERNS = [
    *activities.urlpatterns,
    *agreements.urlpatterns,
    *promises.urlpatterns,
    *importing.urlpatterns,
]


@pytest.fixture
def pks(council, users) -> dict[str, int]:
    agreement = Agreement.objects.create(council=council, title="Överenskommelse")
    promise_set = PromiseSet.objects.create(council=council, title="Löften", year=2026)
    promise = Promise.objects.create(promise_set=promise_set, position=0, text="Vi lovar.")
    plan = Plan.objects.create(council=council, title="Plan 2026", year=2026)
    activity = Activity.objects.create(plan=plan, position=0, text="Fotpatrull")
    waiting = StatusUpdate.objects.create(activity=activity, note="Gjort", needs_review=True)
    pending = pending_import_create(
        council=council,
        user=users["coordinator"],
        filename="plan.csv",
        data="Aktivitet;Ansvarig;Status\nA;Bostadsbolaget;pågår\nB;;\n".encode(),
    )
    party = AgreementParty.objects.create(agreement=agreement, name="Polisen")
    commitment = Commitment.objects.create(agreement=agreement, number=1, text="Åtagande.")
    group = GovernanceBody.objects.create(
        agreement=agreement, name="styrgrupp", kind="steering_group"
    )
    signatory = Signatory.objects.create(agreement=agreement, name="Sara", title="Kommunchef")
    return {
        "plan": plan.pk,
        "activity": activity.pk,
        "status_update": waiting.pk,
        "agreement": agreement.pk,
        "commitment": commitment.pk,
        "party": party.pk,
        "governance": group.pk,
        "signatory": signatory.pk,
        "promise_set": promise_set.pk,
        "promise": promise.pk,
        "document": pending.pk,
        "attachment": HUGE,
    }


def _pk_for(name: str, pks: dict[str, int]) -> int:
    if name in ("commitment_add", "party_add", "governance_body_add", "agreement_signatory_add"):
        return pks["agreement"]
    if name in ("promise_add", "promise_set_signatory_add"):
        return pks["promise_set"]
    if name == "activity_create":
        return pks["plan"]
    prefix = max((p for p in pks if name.startswith(p)), key=len)
    return pks[prefix]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.name)
def test_no_page_fails_on_odd_input(client, users, council, other_council, pks, pattern):
    client.force_login(users["coordinator"])
    converters = [c for c in pattern.pattern.converters if c != "slug"]
    own = _pk_for(pattern.name, pks) if converters else None
    for slug, pk in [(council.slug, own), (council.slug, HUGE), (other_council.slug, own)]:
        kwargs = {"slug": slug, **dict.fromkeys(converters, pk)}
        url = reverse(f"plans:{pattern.name}", kwargs=kwargs)
        for response in (
            client.get(url + JUNK_QUERY),
            client.post(url + JUNK_QUERY, JUNK_POST),
            client.post(url, {}),
        ):
            assert response.status_code < 500, (url, response.status_code)
