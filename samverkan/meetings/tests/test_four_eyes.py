"""Four eyes on adjustment: an approval counts only from a login whose holder set its
credentials and has a second factor, and never through a login the one who froze the minutes
created, invited or linked to the approver (the path of the security review)."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import User

from samverkan.accounts.services import (
    invitation_accept,
    login_credentials_held,
    user_create,
    user_invite,
    user_set_password,
)
from samverkan.core.audit import last_change_of
from samverkan.core.errors import ServiceError
from samverkan.demo.loader import seed_text
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import adjustment
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations.services import person_create, person_link_user

PASSWORD = "a long and private passphrase 42"


def approve(user, meeting):
    shown = adjustment.latest_revision(meeting).content_hash
    return adjustment.minutes_approve(
        actor=user, meeting=meeting, role="adjuster", content_hash=shown
    )


@pytest.fixture
def meeting(council):
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    return meeting_in(council, meeting.pk)


@pytest.fixture
def andreas(council):
    """Andreas Trygg, chosen adjuster in § 2 of the seed, registered without a login."""
    return person_create(actor=None, council=council, name="Andreas Trygg")


def test_a_login_whose_password_someone_else_typed_cannot_approve(
    meeting, users, andreas, settings
):
    # given a login whose password the site administrator typed, linked by another coordinator
    login = user_create(actor=users["site_admin"], username="andreas", password=PASSWORD)
    person_link_user(actor=users["site_admin"], person=andreas, user=login)
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    # then its approval does not count
    with pytest.raises(ServiceError, match="eget lösenord"):
        approve(login, meeting)
    assert adjustment.latest_revision(meeting).approvals.count() == 0
    # and once its holder has chosen their own password, it does
    user_set_password(actor=login, user=login, password=PASSWORD + "!")
    approve(login, meeting)
    assert adjustment.minutes_state(meeting) == "adjusted"


def test_a_password_typed_again_by_someone_else_takes_the_right_back(users):
    login = users["member"]
    assert login_credentials_held(login)
    user_set_password(actor=users["site_admin"], user=login, password=PASSWORD)
    assert not login_credentials_held(login)


def test_approving_needs_a_second_factor_where_it_is_not_optional(
    meeting, users, andreas, settings
):
    settings.SECOND_FACTOR_OPTIONAL = False
    login = users["member"]
    person_link_user(actor=users["site_admin"], person=andreas, user=login)
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    with pytest.raises(ServiceError, match="andra faktor"):
        approve(login, meeting)
    TOTP.activate(login, generate_totp_secret())
    approve(login, meeting)
    assert adjustment.minutes_state(meeting) == "adjusted"


def test_the_coordinator_cannot_adjust_alone_through_an_invited_login(
    meeting, users, andreas, council
):
    """The security review's path: the coordinator invites a login for the named adjuster to
    an address of their own, sets its password from the link, links it and approves."""
    coordinator = users["coordinator"]
    # given a login the coordinator invited, its password set from the mailed link
    login = user_invite(
        actor=coordinator,
        council=council,
        username="andreas",
        email="coordinator@example.org",
        role="member",
        site_url="http://testserver/",
    )
    invitation_accept(user=login, password=PASSWORD)
    person_link_user(actor=coordinator, person=andreas, user=login)
    # when the coordinator freezes the minutes and approves through that login
    adjustment.minutes_freeze(actor=coordinator, meeting=meeting)
    with pytest.raises(ServiceError, match="den som skickade protokollet"):
        approve(login, meeting)
    # then the minutes are not adjusted
    assert adjustment.minutes_state(meeting) == "awaiting_approval"


def test_the_one_who_froze_cannot_approve_through_a_login_they_linked(meeting, users, andreas):
    secretary = users["secretary"]
    # given a proper login of the member's own, but linked to the adjuster by the secretary
    person_link_user(actor=secretary, person=andreas, user=users["member"])
    adjustment.minutes_freeze(actor=secretary, meeting=meeting)
    with pytest.raises(ServiceError, match="den som skickade protokollet"):
        approve(users["member"], meeting)
    # when someone else links it again, the approval counts
    person_link_user(actor=users["site_admin"], person=andreas, user=None)
    person_link_user(actor=users["site_admin"], person=andreas, user=users["member"])
    approve(users["member"], meeting)
    assert adjustment.minutes_state(meeting) == "adjusted"


def test_who_linked_the_approvers_login_is_shown_beside_the_approval(
    client, meeting, users, andreas
):
    # given the adjuster's login linked by the coordinator, and the minutes sent by the secretary
    person_link_user(actor=users["coordinator"], person=andreas, user=users["member"])
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    approve(users["member"], meeting)
    # when the secretary reads the minutes' approvals
    client.force_login(users["secretary"])
    page = client.get(f"/councils/koping/meetings/{meeting.pk}/edit/").content.decode()
    # then each approval says who linked the approver's login to the person, and when
    assert "Inloggningen kopplad av coordinator" in page


def test_the_one_who_froze_cannot_invite_a_login_for_an_approver(
    meeting, users, andreas, council, caplog
):
    coordinator = users["coordinator"]
    # given the coordinator froze the minutes that Andreas is to approve
    adjustment.minutes_freeze(actor=coordinator, meeting=meeting)
    # when the coordinator invites a login for Andreas, linked to him
    with pytest.raises(ServiceError, match="Du har skickat ett protokoll") as refused:
        user_invite(
            actor=coordinator,
            council=council,
            username="andreas",
            email="coordinator@example.org",
            role="member",
            site_url="http://testserver/",
            person=andreas,
        )
    # then no login is made, Andreas stays unlinked, and the refusal is in his trail
    assert refused.value.field == "person"
    assert not User.objects.filter(username="andreas").exists()
    andreas.refresh_from_db()
    assert andreas.user is None
    refusal = last_change_of(andreas, "login_link_refused")
    assert refusal is not None
    assert refusal.actor == coordinator
    assert "link of a login to a person refused: andreas" in caplog.text
    # and a site administrator, who froze nothing, may invite him
    login = user_invite(
        actor=users["site_admin"],
        council=council,
        username="andreas",
        email="andreas@example.org",
        role="member",
        site_url="http://testserver/",
        person=andreas,
    )
    andreas.refresh_from_db()
    assert andreas.user == login


def test_minutes_taken_back_no_longer_hold_the_link_back(meeting, users, andreas, council):
    coordinator = users["coordinator"]
    adjustment.minutes_freeze(actor=coordinator, meeting=meeting)
    adjustment.minutes_take_back(actor=coordinator, meeting=meeting)
    login = user_invite(
        actor=coordinator,
        council=council,
        username="andreas",
        email="andreas@example.org",
        role="member",
        site_url="http://testserver/",
        person=andreas,
    )
    andreas.refresh_from_db()
    assert andreas.user == login
