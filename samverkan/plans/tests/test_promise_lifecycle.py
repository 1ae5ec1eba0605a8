"""The lifecycle of citizen promises: a private draft, anchoring comments, a signature from
each party given in the platform, publication, revision and deletion of a draft; and the police
member who keeps the promises and the agreement with the coordinator."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.organisations import services as organisations
from samverkan.plans.models import Promise, PromiseSet, PromiseSetStatus, Signatory
from samverkan.plans.services import promises
from samverkan.plans.services.agreements import signatory_add

SECRET = "Polisen lovar fotpatrull i Nygårdsparken."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def draft(council, users):
    council.publishes = True
    council.save(update_fields=["publishes"])
    promise_set = promises.promise_set_create(
        actor=users["coordinator"],
        council=council,
        fields=promises.PromiseSetFields(title="Medborgarlöften 2027", year=2027),
    )
    promises.promise_add(
        actor=users["coordinator"], promise_set=promise_set, text=SECRET, parties=["police"]
    )
    return promise_set


@pytest.fixture
def signers(council, users, draft):
    """The police area's chief (the police member's person) and the municipality's signatory
    (a person linked to the member's login), both named on the draft."""
    police_person = users["police"].person
    kommunchef = organisations.person_create(actor=None, council=council, name="Sara Schelin")
    organisations.person_link_user(actor=None, person=kommunchef, user=users["member"])
    police = signatory_add(
        actor=users["coordinator"],
        promise_set=draft,
        name="",
        title="Lokalpolisområdeschef",
        party="police",
        person=police_person,
    )
    municipality = signatory_add(
        actor=users["coordinator"],
        promise_set=draft,
        name="",
        title="Kommunchef",
        party="municipality",
        person=kommunchef,
    )
    return police, municipality


def _url(name: str, council, **kwargs: object) -> str:
    return reverse(f"plans:{name}", kwargs={"slug": council.slug, **kwargs})


def _public(client, year: int) -> tuple[int, str]:
    response = client.get(reverse("plans:public_plan", args=["koping", year]))
    return response.status_code, response.content.decode()


def _sign_all(client, users, council, draft, signers):
    """Anchor, send for signing, and sign as each signatory's own login."""
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_anchor", council, pk=draft.pk))
    client.post(_url("promise_set_to_signing", council, pk=draft.pk))
    for signatory, login in zip(signers, (users["police"], users["member"]), strict=True):
        client.force_login(login)
        client.post(_url("promise_set_sign", council, pk=signatory.pk))


def test_a_new_set_is_a_draft_that_only_the_councils_members_read(client, users, council):
    # given
    council.publishes = True
    council.save(update_fields=["publishes"])
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_create", council), {"title": "Medborgarlöften 2027"})
    promise_set = PromiseSet.objects.get()
    client.post(
        _url("promise_add", council, pk=promise_set.pk), {"text": SECRET, "parties": ["police"]}
    )
    # then: a draft, which the member reads, marked as not public
    assert promise_set.status == PromiseSetStatus.DRAFT
    client.force_login(users["member"])
    page = client.get(_url("promise_set_detail", council, pk=promise_set.pk)).content.decode()
    assert SECRET in page
    assert "Not public" in page
    # and the reporter does not learn it exists; the public pages do not show it
    client.force_login(users["reporter"])
    assert client.get(_url("promise_set_detail", council, pk=promise_set.pk)).status_code == 404
    assert "Medborgarlöften 2027" not in client.get(_url("index", council)).content.decode()
    client.logout()
    assert _public(client, 2027)[0] == 404
    index = client.get(reverse("plans:public_index", args=["koping"])).content.decode()
    assert "2027" not in index


def test_anchoring_comments_say_who_for_whom_and_when(client, users, council, draft):
    # given: the draft is sent for anchoring
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_anchor", council, pk=draft.pk))
    # when: the police member comments
    client.force_login(users["police"])
    response = client.post(
        _url("promise_set_comment", council, pk=draft.pk),
        {"text": "Lokalpolisområdet tillstyrker med fotpatrull fredagar."},
    )
    # then
    assert response.status_code == 302
    page = client.get(_url("promise_set_detail", council, pk=draft.pk)).content.decode()
    assert "Lokalpolisområdet tillstyrker med fotpatrull fredagar." in page
    assert "Nils Polisson, Polisen Västra Mälardalen" in page
    comment = draft.anchoring_comments.get()
    assert comment.author == users["police"]
    assert comment.at is not None


def test_a_comment_is_refused_outside_anchoring(users, draft):
    with pytest.raises(ServiceError):
        promises.promise_set_comment(actor=users["member"], promise_set=draft, text="För tidigt")


def test_signing_needs_a_signatory_with_a_login_for_each_party(users, draft):
    promises.promise_set_start_anchoring(actor=users["coordinator"], promise_set=draft)
    with pytest.raises(ServiceError, match="municipality and who signs for the police"):
        promises.promise_set_start_signing(actor=users["coordinator"], promise_set=draft)
    draft.refresh_from_db()
    assert draft.status == PromiseSetStatus.ANCHORING


def test_each_party_signs_as_itself_and_only_then_it_is_published(
    client, users, council, draft, signers
):
    # given: out for signing, signed by the police only
    police, municipality = signers
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_anchor", council, pk=draft.pk))
    client.post(_url("promise_set_to_signing", council, pk=draft.pk))
    client.force_login(users["police"])
    client.post(_url("promise_set_sign", council, pk=police.pk))
    # when: the coordinator signs in the municipality's place, and tries to publish
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_sign", council, pk=municipality.pk))
    client.post(_url("promise_set_publish", council, pk=draft.pk))
    # then: refused; nothing is public
    municipality.refresh_from_db()
    draft.refresh_from_db()
    assert municipality.signed_at is None
    assert draft.status == PromiseSetStatus.SIGNING
    client.logout()
    assert _public(client, 2027)[0] == 404
    # when: the municipality's signatory signs as herself, and the coordinator publishes
    client.force_login(users["member"])
    page = client.get(_url("promise_set_detail", council, pk=draft.pk)).content.decode()
    assert _url("promise_set_sign", council, pk=municipality.pk) in page
    client.post(_url("promise_set_sign", council, pk=municipality.pk))
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_publish", council, pk=draft.pk))
    # then: both signatures with who and when, and the public page shows the promises
    municipality.refresh_from_db()
    assert municipality.signed_by == users["member"]
    assert municipality.signed_at is not None
    draft.refresh_from_db()
    assert draft.status == PromiseSetStatus.PUBLISHED
    client.logout()
    status, page = _public(client, 2027)
    assert status == 200
    assert SECRET in page


def test_the_text_is_fixed_once_out_for_signing(client, users, council, draft, signers):
    # given
    promises.promise_set_start_anchoring(actor=users["coordinator"], promise_set=draft)
    promises.promise_set_start_signing(actor=users["coordinator"], promise_set=draft)
    promise = draft.promises.get()
    # when
    client.force_login(users["coordinator"])
    response = client.post(
        _url("promise_edit", council, pk=promise.pk),
        {"number": "1", "text": "Ändrad i sista stund.", "parties": ["police"]},
    )
    # then
    assert response.status_code == 400
    assert "out for signing" in response.content.decode()
    promise.refresh_from_db()
    assert promise.text == SECRET


def test_back_to_anchoring_voids_the_signatures(users, draft, signers):
    police, _municipality = signers
    promises.promise_set_start_anchoring(actor=users["coordinator"], promise_set=draft)
    promises.promise_set_start_signing(actor=users["coordinator"], promise_set=draft)
    promises.promise_set_sign(actor=users["police"], signatory=police)
    promises.promise_set_reopen(actor=users["coordinator"], promise_set=draft)
    police.refresh_from_db()
    assert police.signed_at is None
    assert draft.status == PromiseSetStatus.ANCHORING


def test_a_revision_is_a_draft_until_signed_and_then_replaces_the_published_one(
    client, users, council, draft, signers
):
    # given: published
    _sign_all(client, users, council, draft, signers)
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_publish", council, pk=draft.pk))
    # when: a revision is started and its promise changed
    response = client.post(_url("promise_set_revise", council, pk=draft.pk))
    revision = PromiseSet.objects.get(revision_of=draft)
    assert response.url == _url("promise_set_detail", council, pk=revision.pk)
    promise = revision.promises.get()
    promises.promise_update(
        actor=users["coordinator"],
        promise=promise,
        text="Polisen lovar fotpatrull i hela centrum.",
        parties=["police"],
        joint=False,
        number=1,
    )
    # then: the public page still shows the signed text
    client.logout()
    assert SECRET in _public(client, 2027)[1]
    # when: the revision is signed and published
    signatories = list(revision.signatories.order_by("position"))
    assert [s.party for s in signatories] == ["police", "municipality"]
    _sign_all(client, users, council, revision, signatories)
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_publish", council, pk=revision.pk))
    # then: the new text is public, the old version kept as revised
    client.logout()
    page = _public(client, 2027)[1]
    assert "Polisen lovar fotpatrull i hela centrum." in page
    assert SECRET not in page
    draft.refresh_from_db()
    assert draft.status == PromiseSetStatus.SUPERSEDED
    assert Promise.objects.filter(promise_set=draft, text=SECRET).exists()


def test_a_draft_is_deleted_with_its_promises_and_the_deletion_is_recorded(
    client, users, council, draft
):
    # given
    client.force_login(users["police"])
    assert client.get(_url("promise_set_delete", council, pk=draft.pk)).status_code == 200
    # when
    response = client.post(_url("promise_set_delete", council, pk=draft.pk))
    # then
    assert response.status_code == 302
    assert not PromiseSet.objects.filter(pk=draft.pk).exists()
    assert not Promise.objects.filter(text=SECRET).exists()
    deleted = AuditEvent.objects.filter(action="delete", council_id=council.pk)
    assert {e.object_repr for e in deleted} >= {"Medborgarlöften 2027", SECRET}


def test_published_promises_are_not_deleted(client, users, council, draft, signers):
    _sign_all(client, users, council, draft, signers)
    draft.refresh_from_db()
    promises.promise_set_publish(actor=users["coordinator"], promise_set=draft)
    with pytest.raises(ServiceError):
        promises.promise_set_delete(actor=users["coordinator"], promise_set=draft)


# The police member keeps the promises and the agreement ---------------------------------------


def test_the_police_member_edits_a_promise_and_the_agreement(client, users, council, draft):
    # given
    client.force_login(users["police"])
    promise = draft.promises.get()
    # when
    response = client.post(
        _url("promise_edit", council, pk=promise.pk),
        {
            "number": "1",
            "text": "Polisen lovar fotpatrull två kvällar i veckan.",
            "parties": ["police"],
        },
    )
    created = client.post(
        _url("agreement_create", council), {"title": "Samverkansöverenskommelse 2027–2030"}
    )
    # then
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.text == "Polisen lovar fotpatrull två kvällar i veckan."
    assert created.status_code == 302
    assert council.agreements.filter(title="Samverkansöverenskommelse 2027–2030").exists()


def test_a_member_who_does_not_sit_for_the_police_may_not(client, users, council, draft):
    client.force_login(users["member"])
    promise = draft.promises.get()
    assert client.get(_url("promise_edit", council, pk=promise.pk)).status_code == 403
    assert client.get(_url("agreement_create", council)).status_code == 403


def test_the_police_member_keeps_no_plan(client, users, council):
    client.force_login(users["police"])
    assert client.get(_url("plan_create", council)).status_code == 403


def test_a_reporter_sees_no_text_of_an_unsigned_promise_an_activity_serves(
    client, users, council, draft
):
    # given
    from samverkan.plans.models import Activity, Plan

    plan = Plan.objects.create(council=council, title="Plan 2027", year=2027, promise_set=draft)
    activity = Activity.objects.create(plan=plan, text="Fotpatrull")
    activity.promises.add(draft.promises.get())
    # when
    client.force_login(users["reporter"])
    page = client.get(_url("activity_detail", council, pk=activity.pk)).content.decode()
    plan_page = client.get(_url("plan_detail", council, pk=plan.pk)).content.decode()
    # then
    assert "Fotpatrull" in page
    assert SECRET not in page
    assert "Medborgarlöften 2027" not in plan_page
    client.force_login(users["member"])
    assert SECRET in client.get(_url("activity_detail", council, pk=activity.pk)).content.decode()


def test_only_signatories_of_promises_name_a_party(users, council):
    from samverkan.plans.models import Agreement

    agreement = Agreement.objects.create(council=council, title="SÖ")
    signatory = signatory_add(actor=None, agreement=agreement, name="Sara Schelin")
    assert signatory.party == ""
    assert Signatory.objects.filter(agreement=agreement).count() == 1


def test_publishing_a_revision_moves_running_plans_to_it_and_finished_ones_keep_theirs(
    client, users, council, draft, signers
):
    from django.utils import timezone

    from samverkan.plans.models import Activity
    from samverkan.plans.services.activities import ActivityFields, activity_create, plan_create

    # given published promises, a plan still running on them and one that ended last year,
    # each with an activity serving the promise
    _sign_all(client, users, council, draft, signers)
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_publish", council, pk=draft.pk))
    old = draft.promises.get()
    this_year = timezone.localdate().year
    plans = {}
    for name, first, last in (("running", this_year - 1, this_year + 1), ("done", 2018, 2018)):
        plans[name] = plan_create(
            actor=None, council=council, title=name, year=first, end_year=last, promise_set=draft
        )
        activity_create(
            actor=None,
            plan=plans[name],
            fields=ActivityFields(text=f"Fotpatrull {name}", promises=[old]),
        )
    # when a revision is signed and published
    client.post(_url("promise_set_revise", council, pk=draft.pk))
    revision = PromiseSet.objects.get(revision_of=draft)
    new = revision.promises.get()
    assert new.revises == old
    _sign_all(client, users, council, revision, list(revision.signatories.order_by("position")))
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_publish", council, pk=revision.pk))
    # then the running plan follows the revision, its activity serving the revised promise,
    # and the activity's history says so
    running = Activity.objects.get(text="Fotpatrull running")
    assert running.plan.promise_set == revision
    assert list(running.promises.all()) == [new]
    event = AuditEvent.objects.filter(
        model="plans.Activity", object_id=str(running.pk), changes__has_key="promises"
    ).last()
    assert event is not None
    assert event.changes["promises"][0] != event.changes["promises"][1]
    page = client.get(_url("activity_detail", council, pk=running.pk)).content.decode()
    assert "Medborgarlöften 2027" in page
    # and the finished plan keeps the promises it was followed up against
    done = Activity.objects.get(text="Fotpatrull done")
    assert done.plan.promise_set == draft
    assert list(done.promises.all()) == [old]
    follow_up = client.get(_url("follow_up", council, pk=plans["done"].pk)).content.decode()
    assert SECRET in follow_up


def test_a_promise_the_revision_dropped_is_unlinked_from_running_activities(
    client, users, council, draft, signers
):
    from django.utils import timezone

    from samverkan.plans.models import Activity
    from samverkan.plans.services.activities import ActivityFields, activity_create, plan_create

    promises.promise_add(
        actor=users["coordinator"],
        promise_set=draft,
        text="Kommunen lovar belysning.",
        parties=["municipality"],
    )
    _sign_all(client, users, council, draft, signers)
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_publish", council, pk=draft.pk))
    year = timezone.localdate().year
    plan = plan_create(actor=None, council=council, title="Plan", year=year, promise_set=draft)
    activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(text="Två löften", promises=list(draft.promises.all())),
    )
    client.post(_url("promise_set_revise", council, pk=draft.pk))
    revision = PromiseSet.objects.get(revision_of=draft)
    promises.promise_delete(
        actor=users["coordinator"], promise=revision.promises.get(text="Kommunen lovar belysning.")
    )
    _sign_all(client, users, council, revision, list(revision.signatories.order_by("position")))
    client.force_login(users["coordinator"])
    client.post(_url("promise_set_publish", council, pk=revision.pk))
    activity = Activity.objects.get(text="Två löften")
    assert [p.text for p in activity.promises.all()] == [SECRET]
    assert all(p.promise_set_id == revision.pk for p in activity.promises.all())
