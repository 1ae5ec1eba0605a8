"""Adjustment: frozen content, approvals with a checksum, immutability, the notice board,
corrections as linked revisions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from samverkan.core.errors import ServiceError
from samverkan.demo.loader import seed_text
from samverkan.meetings.minutes_content import content_hash
from samverkan.meetings.models import MinutesRevision, Posting
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import adjustment, agenda, attendance, schedule
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations.models import Person
from samverkan.organisations.services import person_create, person_link_user


def approve(user, meeting, role):
    """Approve as a person does: having read the frozen content, whose checksum the form sends."""
    shown = adjustment.latest_revision(meeting).content_hash
    return adjustment.minutes_approve(actor=user, meeting=meeting, role=role, content_hash=shown)


@pytest.fixture
def meeting(council):
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    return meeting_in(council, meeting.pk)


@pytest.fixture
def adjuster(users, council):
    """Andreas Trygg, chosen adjuster in § 2 of the seed, with a login of his own."""
    from conftest import make_user

    user = make_user("andreas", council, "member")
    person = person_create(actor=None, council=council, name="Andreas Trygg")
    person_link_user(actor=None, person=person, user=user)
    user.refresh_from_db()
    return user


def test_freezing_records_the_exact_content_and_its_checksum(meeting, users):
    revision = adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    assert revision.number == 1
    assert revision.content["date"] == "2018-05-24"
    assert len(revision.content["items"]) == 12
    assert revision.content_hash == content_hash(revision.content)
    assert adjustment.minutes_state(meeting) == "awaiting_approval"


def test_frozen_minutes_cannot_be_changed(meeting, users):
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    item = meeting.items.first()
    with pytest.raises(ServiceError, match="väntar på justering"):
        agenda.decision_add(actor=users["secretary"], item=item, text="Rådet beslutar att x.")


def test_only_the_chosen_adjuster_can_approve(meeting, users, adjuster):
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    with pytest.raises(ServiceError):
        approve(users["coordinator"], meeting, "adjuster")
    approval = approve(adjuster, meeting, "adjuster")
    assert approval.name == "Andreas Trygg"
    assert approval.content_hash == meeting.revisions.get().content_hash


def test_approval_adjusts_and_posts_on_the_notice_board_for_three_weeks(meeting, users, adjuster):
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    approve(adjuster, meeting, "adjuster")
    revision = MinutesRevision.objects.get()
    assert revision.adjusted_at is not None
    posting = Posting.objects.get()
    assert posting.posted_on == timezone.localdate()
    assert posting.removed_on - posting.posted_on == dt.timedelta(days=21)
    assert adjustment.minutes_state(meeting) == "adjusted"


def test_the_chair_must_approve_too_where_the_body_wants_it(meeting, users, adjuster, council):
    from conftest import make_user

    meeting.body.chair_adjusts = True
    meeting.body.save()
    chair_user = make_user("roger", council, "member")
    person_link_user(actor=None, person=Person.objects.get(name="Roger Eklund"), user=chair_user)
    chair_user.refresh_from_db()
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    approve(adjuster, meeting, "adjuster")
    assert adjustment.minutes_state(meeting) == "awaiting_approval"
    approve(chair_user, meeting, "chair")
    assert adjustment.minutes_state(meeting) == "adjusted"


def test_adjusted_minutes_never_change(meeting, users, adjuster):
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    approve(adjuster, meeting, "adjuster")
    item = meeting.items.first()
    for change in (
        lambda: agenda.item_update(actor=users["secretary"], item=item, title="Ändrad"),
        lambda: attendance.guest_add(actor=users["secretary"], meeting=meeting, name="Sen gäst"),
        lambda: schedule.meeting_update(
            actor=users["secretary"], meeting=meeting, date=dt.date(2018, 5, 25),
            start_time=None, end_time=None, place="",
        ),
        lambda: adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting),
    ):  # fmt: skip
        with pytest.raises(ServiceError, match="justerat"):
            change()


def test_a_correction_is_a_new_linked_revision_and_both_stay_readable(meeting, users, adjuster):
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    approve(adjuster, meeting, "adjuster")
    first = MinutesRevision.objects.get()
    # when a correction is opened and made
    with pytest.raises(ServiceError):
        adjustment.minutes_correct(actor=users["secretary"], meeting=meeting, reason="  ")
    adjustment.minutes_correct(
        actor=users["secretary"], meeting=meeting, reason="Fel titel på § 8."
    )
    item = meeting.items.get(number=8)
    agenda.item_update(actor=users["secretary"], item=item, title="Cykelprojektet – slutrapport")
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    approve(adjuster, meeting, "adjuster")
    # then the first version is untouched and the second names it
    first.refresh_from_db()
    second = MinutesRevision.objects.get(number=2)
    assert first.content["items"][7]["title"] == "Cykelprojektet - slutrapport"
    assert second.content["items"][7]["title"] == "Cykelprojektet – slutrapport"
    assert second.corrects == first
    assert second.reason == "Fel titel på § 8."
    assert first.content_hash == content_hash(first.content)
    assert Posting.objects.count() == 2


def test_taking_back_lets_the_secretary_change_and_the_approvals_lapse(meeting, users, adjuster):
    meeting.body.chair_adjusts = True
    meeting.body.save()
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    approve(adjuster, meeting, "adjuster")
    adjustment.minutes_take_back(actor=users["secretary"], meeting=meeting)
    assert adjustment.minutes_state(meeting) == "writing"
    agenda.item_update(actor=users["secretary"], item=meeting.items.first(), title="Öppnande")
    revision = adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    assert revision.number == 1
    assert not revision.approvals.exists()


def test_a_body_that_does_not_adjust_is_final_when_finished(meeting, users):
    meeting.body.adjusts_minutes = False
    meeting.body.save()
    meeting.signatures.filter(role="adjuster").delete()
    revision = adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    assert revision.adjusted_at is not None


def test_minutes_without_an_adjuster_are_not_sent_for_approval(meeting, users):
    attendance.signatures_set(
        actor=users["secretary"], meeting=meeting, secretary="Kajsa Landström",
        chair="Roger Eklund", adjusters=["Andreas Trygg"],
    )  # fmt: skip
    meeting.signatures.filter(role="adjuster").delete()
    with pytest.raises(ServiceError, match="justerare"):
        adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)


def test_a_planned_meeting_has_no_minutes_to_adjust(council, users):
    body = council.bodies.first()
    planned = schedule.meeting_create(actor=None, body=body, date=dt.date(2026, 12, 1))
    with pytest.raises(ServiceError):
        adjustment.minutes_freeze(actor=users["secretary"], meeting=planned)


def test_an_approval_of_content_since_taken_back_and_changed_is_refused(meeting, users, adjuster):
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    read = adjustment.latest_revision(meeting).content_hash
    adjustment.minutes_take_back(actor=users["secretary"], meeting=meeting)
    agenda.decision_delete(
        actor=users["secretary"], decision=meeting.items.get(number=4).decisions.get()
    )
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    with pytest.raises(ServiceError, match="ändrats sedan du läste"):
        adjustment.minutes_approve(
            actor=adjuster, meeting=meeting, role="adjuster", content_hash=read
        )
    assert adjustment.minutes_state(meeting) == "awaiting_approval"


def test_someone_renamed_to_the_adjusters_name_cannot_approve(meeting, users, adjuster):
    """Approval goes by the registered person behind the signature, never by the name."""
    from conftest import make_user

    # The signature is linked to the real Andreas, the only one of that name when frozen.
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    impostor = make_user("impostor", meeting.body.council, "member")
    person = person_create(actor=None, council=meeting.body.council, name="Andreas Trygg")
    person_link_user(actor=None, person=person, user=impostor)
    impostor.refresh_from_db()
    with pytest.raises(ServiceError):
        approve(impostor, meeting, "adjuster")
    approve(adjuster, meeting, "adjuster")
    assert adjustment.minutes_state(meeting) == "adjusted"


def test_the_one_who_froze_the_minutes_cannot_approve_them(meeting, users, adjuster):
    adjustment.minutes_freeze(actor=adjuster, meeting=meeting)
    with pytest.raises(ServiceError, match="kan inte också"):
        approve(adjuster, meeting, "adjuster")


def test_turning_adjustment_off_does_not_skip_a_named_adjuster(meeting, users, adjuster):
    meeting.body.adjusts_minutes = False
    meeting.body.save()
    revision = adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    assert revision.adjusted_at is None
    approve(adjuster, meeting, "adjuster")
    assert adjustment.minutes_state(meeting) == "adjusted"


def test_who_approves_is_frozen_with_the_content(meeting, users, adjuster):
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    meeting.body.chair_adjusts = True
    meeting.body.save()
    approve(adjuster, meeting, "adjuster")
    assert adjustment.minutes_state(meeting) == "adjusted"
