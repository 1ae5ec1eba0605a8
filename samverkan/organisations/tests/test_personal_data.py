"""A person's data (GDPR articles 15, 17 and 20): the coordinator hands out everything the council
holds about a person as JSON and PDF, and erases what the law does not keep."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import PASSWORD, make_user
from samverkan.accounts.services import api_token_create
from samverkan.core.models import AuditEvent
from samverkan.meetings.models import Attendance, Meeting, MinutesRevision
from samverkan.organisations import services
from samverkan.organisations.models import Body, Person
from samverkan.organisations.personal_data import person_erase
from samverkan.plans.models import Activity, Plan, StatusUpdate
from samverkan.plans.services.activities import activity_update_status

SV = {"Accept-Language": "sv"}  # Swedish is the default; said for the reader
EMAIL = "anna.berg@bostad.example.se"
PHONE = "070-123 45 67"
INTERNAL_NOTE = "Ring mig om nyckeln, Anna"


@pytest.fixture
def anna(council, users):
    """The housing company's caretaker: a person with a login, a seat, attendance in adjusted
    minutes and status reports, one of them an internal note."""
    login = make_user("anna", council, "reporter")
    login.first_name, login.last_name, login.email = "Anna", "Berg", EMAIL
    login.save()
    person = services.person_create(
        actor=users["coordinator"], council=council, name="Anna Berg", email=EMAIL, phone=PHONE
    )
    services.person_link_user(actor=users["coordinator"], person=person, user=login)
    body = Body.objects.get(council=council)
    services.membership_create(
        actor=users["coordinator"], body=body, person=person, role="member", title="bovärd"
    )
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 3, 5), place="Rådhuset")
    Attendance.objects.create(meeting=meeting, person=person, name="Anna Berg", kind="present")
    MinutesRevision.objects.create(
        meeting=meeting,
        number=1,
        content={"attendance": ["Anna Berg"]},
        content_hash="h",
        adjusted_at=timezone.now(),
    )
    plan = Plan.objects.create(council=council, title="Plan 2026", year=2026)
    activity = Activity.objects.create(plan=plan, text="Belysning i Nygårdsparken")
    activity_update_status(actor=login, activity=activity, status="ongoing", note="Lampor bytta")
    activity_update_status(
        actor=login, activity=activity, status="ongoing", note=INTERNAL_NOTE, internal=True
    )
    return Person.objects.get(pk=person.pk)


def _export(client, council, person):
    response = client.get(
        reverse("organisations:person_data_export", args=[council.slug, person.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("personal-data.json")), archive.read("personal-data.pdf")


def _erase(client, council, person, **data):
    url = reverse("organisations:person_erase", args=[council.slug, person.pk])
    return client.post(url, data or {"confirm": "on"}, headers=SV)


# The export (articles 15 and 20) -----------------------------------------------------------


def test_the_export_holds_everything_the_council_keeps_about_the_person(
    coordinator_client, council, anna
):
    # when
    data, pdf = _export(coordinator_client, council, anna)
    # then: machine-readable JSON ...
    sections = data["sections"]
    assert sections["person"]["rows"] == [{"name": "Anna Berg", "email": EMAIL, "phone": PHONE}]
    assert sections["memberships"]["rows"][0]["title"] == "bovärd"
    assert sections["attendance"]["rows"][0]["in_adjusted_minutes"] is True
    assert sections["login"]["rows"][0]["username"] == "anna"
    notes = [row["note"] for row in sections["status_updates"]["rows"]]
    assert notes == ["Lampor bytta", INTERNAL_NOTE]
    events = sections["audit_events"]["rows"]
    assert any(row["by_you"] for row in events)
    # the changes of her own records, not those of the records she changed (article 15(4))
    assert any(row["changes"] and "erased_at" not in row["changes"] for row in events)
    assert all(row["changes"] is None for row in events if row["record_type"] == "plans.Activity")
    # ... which says what the law keeps and why (in Swedish, as every document)
    assert "allmänna handlingar" in " ".join(data["kept_by_law"])
    assert "Enkätsvar" in data["not_tied_to_anyone"]
    # ... and a readable PDF/A, tagged for screen readers
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert "pdfaid:part" in catalog["/Metadata"].get_object().get_data().decode()
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Personuppgifter om Anna Berg" in text
    assert EMAIL in text


def test_handing_out_is_recorded_in_the_persons_history(coordinator_client, council, anna):
    # when
    _export(coordinator_client, council, anna)
    # then
    event = AuditEvent.objects.filter(model="organisations.Person", object_id=str(anna.pk)).first()
    assert "personal_data_exported" in event.changes
    page = coordinator_client.get(
        reverse("organisations:person_detail", args=[council.slug, anna.pk]), headers=SV
    )
    assert "personuppgifter lämnades ut" in page.content.decode()


def test_the_export_keeps_to_the_council_it_is_made_in(client, council, other_council, anna):
    # given: the same person registered in another council, whose coordinator hands out
    anna.councils.add(other_council)
    client.force_login(make_user("arboga", other_council, "coordinator"))
    # when
    data, _pdf = _export(client, other_council, anna)
    # then: no seat, status report or event of Köping's council
    for key in ("memberships", "attendance", "status_updates"):
        assert data["sections"][key]["rows"] == []
    assert all(row["by_you"] is False for row in data["sections"]["audit_events"]["rows"])


def test_only_coordinators_see_the_buttons_on_the_persons_page(client, council, users, anna):
    url = reverse("organisations:person_detail", args=[council.slug, anna.pk])
    export = reverse("organisations:person_data_export", args=[council.slug, anna.pk])
    erase = reverse("organisations:person_erase", args=[council.slug, anna.pk])
    client.force_login(users["coordinator"])
    html = client.get(url).content.decode()
    assert export in html
    assert erase in html
    client.force_login(users["secretary"])
    html = client.get(url).content.decode()
    assert export not in html
    assert erase not in html


# The erasure (article 17) -----------------------------------------------------------------


def test_the_confirmation_page_says_what_goes_and_what_the_law_keeps(
    coordinator_client, council, anna
):
    # when (Swedish)
    page = coordinator_client.get(
        reverse("organisations:person_erase", args=[council.slug, anna.pk]), headers=SV
    )
    # then
    html = page.content.decode()
    assert page.status_code == 200
    assert "E-postadressen och telefonnumret" in html
    assert "justerade protokoll är allmänna handlingar" in html


def test_erasure_removes_contact_details_and_closes_the_login(
    client, coordinator_client, council, anna
):
    # given: Anna is logged in elsewhere and holds an API token
    other = client.__class__()
    assert other.login(username="anna", password=PASSWORD)
    _token, key = api_token_create(user=anna.user, name="mobil")
    # when
    response = _erase(coordinator_client, council, anna)
    # then
    assert response.status_code == 302
    person = Person.objects.get(pk=anna.pk)
    assert (person.email, person.phone) == ("", "")
    assert person.erased_at is not None
    login = User.objects.get(pk=anna.user_id)
    assert (login.first_name, login.last_name, login.email) == ("", "", "")
    assert login.is_active is False
    assert not login.has_usable_password()
    # her session is ended, she cannot log in again, and her token no longer answers
    page = other.get(reverse("organisations:council_detail", args=[council.slug]))
    assert page.status_code == 302
    assert not other.login(username="anna", password=PASSWORD)
    api = other.get(
        f"/api/councils/{council.slug}/organisations", headers={"Authorization": f"Bearer {key}"}
    )
    assert api.status_code == 401


def test_erasure_removes_internal_notes_and_keeps_the_record(coordinator_client, council, anna):
    # when
    _erase(coordinator_client, council, anna)
    # then: the internal note is gone, from the trail too; the status report stays
    notes = list(StatusUpdate.objects.order_by("at", "id").values_list("note", flat=True))
    assert notes == ["Lampor bytta", ""]
    assert not AuditEvent.objects.filter(changes__icontains="nyckeln").exists()
    # the name stays in the seats, the attendance and the adjusted minutes
    assert Person.objects.get(pk=anna.pk).name == "Anna Berg"
    assert Attendance.objects.get().name == "Anna Berg"
    assert MinutesRevision.objects.get().content == {"attendance": ["Anna Berg"]}


def test_the_audit_trail_keeps_who_did_what_without_contact_details(
    coordinator_client, council, users, anna
):
    # when
    _erase(coordinator_client, council, anna)
    # then: no e-mail address or phone number is left anywhere in the trail
    trail = json.dumps(list(AuditEvent.objects.values_list("changes", flat=True)))
    assert "anna.berg" not in trail
    assert "123 45 67" not in trail
    assert "Berg" not in json.dumps(
        list(AuditEvent.objects.filter(model="auth.User").values_list("changes", flat=True))
    )
    # who erased, when, and that it happened
    event = AuditEvent.objects.filter(model="organisations.Person", object_id=str(anna.pk))[0]
    assert event.actor == users["coordinator"]
    assert event.changes["email"] == ["•••", ""]
    assert event.changes["erased_at"][0] is None
    # who did what stays: Anna's status reports are still hers
    assert StatusUpdate.objects.filter(author=anna.user).count() == 2
    assert AuditEvent.objects.filter(actor=anna.user).count() >= 2


def test_nobody_erases_their_own_login_while_using_it(client, council, users, anna):
    # given: Anna is a coordinator herself
    from samverkan.accounts.services import council_role_grant

    council_role_grant(actor=None, council=council, user=anna.user, role="coordinator")
    client.force_login(anna.user)
    # when (Swedish)
    response = _erase(client, council, anna)
    # then
    assert response.status_code == 400
    assert "Du kan inte radera dina egna uppgifter" in response.content.decode()
    assert User.objects.get(pk=anna.user_id).is_active


def test_a_second_erasure_is_harmless(council, users, anna):
    # given
    person_erase(actor=users["coordinator"], person=anna, council=council)
    events = AuditEvent.objects.count()
    # when
    again = person_erase(actor=users["coordinator"], person=anna, council=council)
    # then
    assert again.erased_at is not None
    assert AuditEvent.objects.count() == events


def test_an_erasure_needs_the_confirmation_and_changes_nothing_without_it(
    coordinator_client, council, anna
):
    # when (Swedish)
    response = _erase(coordinator_client, council, anna, confirm="")
    # then
    assert response.status_code == 400
    assert "Kryssa i rutan för att bekräfta raderingen." in response.content.decode()
    assert Person.objects.get(pk=anna.pk).email == EMAIL


def test_a_person_shared_with_another_council_is_erased_by_a_site_admin(
    client, coordinator_client, council, other_council, users, anna
):
    # given: Anna is registered in Arboga too, where the coordinator has no role
    anna.councils.add(other_council)
    # when (Swedish)
    response = _erase(coordinator_client, council, anna)
    # then
    assert response.status_code == 400
    assert "Be en webbplatsadministratör" in response.content.decode()
    assert Person.objects.get(pk=anna.pk).email == EMAIL
    # while the site administrator may
    client.force_login(users["site_admin"])
    assert _erase(client, council, anna).status_code == 302
    assert Person.objects.get(pk=anna.pk).email == ""


# What the other areas hold -----------------------------------------------------------------


def test_the_export_holds_her_reports_approvals_and_feeds_and_the_erasure_revokes_the_feeds(
    coordinator_client, council, users, anna
):
    # given: an incident reported through her login, an approval of minutes and a calendar feed
    from samverkan.incidents.models import Category
    from samverkan.incidents.services.categories import categories_ensure_defaults
    from samverkan.incidents.services.incidents import What, Where, incident_report
    from samverkan.meetings.models import Approval, CalendarFeed
    from samverkan.meetings.services.feeds import calendar_feed_create

    categories_ensure_defaults(actor=None, council=council)
    incident_report(
        actor=anna.user,
        council=council,
        where=Where(address="Nygårdsparken"),
        what=What(
            category=Category.objects.filter(council=council).first(),
            occurred_from=dt.datetime(2026, 3, 1, 22, 0, tzinfo=dt.UTC),
            description="Krossad ruta i porten",
        ),
    )
    Approval.objects.create(
        revision=MinutesRevision.objects.get(),
        role="adjuster",
        user=anna.user,
        name="Anna Berg",
        content_hash="h",
    )
    feed = calendar_feed_create(
        actor=anna.user, body=Body.objects.get(council=council), user=anna.user
    )
    # when
    data, _pdf = _export(coordinator_client, council, anna)
    # then
    sections = data["sections"]
    assert sections["incidents_reported"]["rows"][0]["description"] == "Krossad ruta i porten"
    assert sections["approvals"]["rows"][0]["name"] == "Anna Berg"
    assert sections["calendar_feeds"]["rows"][0]["revoked"] is None
    # when she is erased, her feed stops answering
    _erase(coordinator_client, council, anna)
    assert CalendarFeed.objects.get(pk=feed.pk).revoked_at is not None


def test_the_export_reads_in_a_fixed_number_of_queries(
    coordinator_client, council, anna, django_assert_max_num_queries
):
    # given: the export's queries for one status report and one seat
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        _export(coordinator_client, council, anna)
    # when: she has made many more
    activity = Activity.objects.get()
    for number in range(10):
        activity_update_status(
            actor=anna.user, activity=activity, status="ongoing", note=f"Rapport {number}"
        )
    # then
    with django_assert_max_num_queries(len(first)):
        _export(coordinator_client, council, anna)


def test_every_record_that_names_a_person_or_a_login_is_in_the_export(db):
    # given: the collectors of every app
    from django.apps import apps

    from samverkan.organisations.personal_data import COVERED, discover

    discover()
    # when: every model with a link to a person or a login
    linked = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and field.is_relation
        and field.related_model in (User, Person)
    }
    # then: a new one fails here until its app's personal_data.py hands it out
    assert linked - COVERED == set()


def test_the_export_holds_the_notices_she_sent_and_the_erasure_drops_her_waiting_uploads(
    coordinator_client, council, anna
):
    # given: a notice sent and a file waiting for its preview, both through her login
    from samverkan.meetings.models import NoticeDispatch, PendingImport

    NoticeDispatch.objects.create(
        meeting=Meeting.objects.get(), sent_by=anna.user, recipient_count=3
    )
    PendingImport.objects.create(
        council=council, uploaded_by=anna.user, filename="protokoll.txt", data=b"text"
    )
    # when
    data, _pdf = _export(coordinator_client, council, anna)
    # then
    made = {row["record"] for row in data["sections"]["meeting_records_made"]["rows"]}
    assert "protokoll.txt" in made
    assert len(made) == 2
    # when she is erased, nobody can confirm her upload any longer: it goes
    _erase(coordinator_client, council, anna)
    assert not PendingImport.objects.exists()


def test_the_confirmation_page_reads_in_english(coordinator_client, council, settings, anna):
    # given (English, chosen)
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # when
    html = coordinator_client.get(
        reverse("organisations:person_erase", args=[council.slug, anna.pk])
    ).content.decode()
    # then
    assert "Erase the personal data of Anna Berg" in html
    assert "adjusted minutes are public records" in html
    assert "I understand that the erasure cannot be undone" in html


def test_the_logins_addresses_and_second_factors_are_handed_out_without_secrets_and_erased(
    coordinator_client, council, anna
):
    # given: her login has a verified address and an authenticator app
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.create(user=anna.user, email="anna@example.se", verified=True)
    Authenticator.objects.create(
        user=anna.user, type=Authenticator.Type.TOTP, data={"secret": "HEMLIGNYCKEL"}
    )
    # when her data is handed out
    data, _pdf = _export(coordinator_client, council, anna)
    # then the address and the kind of factor are there, the factor's secret is not
    login = data["sections"]["login"]["rows"][0]
    assert "anna@example.se" in login["email_addresses"]
    assert login["second_factors"]
    assert "HEMLIGNYCKEL" not in json.dumps(data)
    # and when she is erased, both go with the login
    _erase(coordinator_client, council, anna)
    assert not EmailAddress.objects.filter(user=anna.user).exists()
    assert not Authenticator.objects.filter(user=anna.user).exists()


def test_the_export_holds_her_mails_and_choices_and_the_erasure_stops_mails_waiting(
    coordinator_client, council, anna
):
    # given: a mail sent to her login, one still waiting, and her choice of a daily summary
    from samverkan.accounts.services import mail_choices_change
    from samverkan.core.mail import mail_deliver, mail_queue
    from samverkan.core.models import MailSending, MailStatus

    mail_choices_change(actor=anna.user, user=anna.user, minutes_approval=True, moderation="daily")
    sent = mail_queue(
        kind="test", to=EMAIL, subject="Protokollet väntar", body="…", recipient=anna.user
    )
    mail_deliver(sent.pk)
    waiting = mail_queue(kind="test", to=EMAIL, subject="Påminnelse", body="…", recipient=anna.user)
    # when
    data, _pdf = _export(coordinator_client, council, anna)
    # then
    login = data["sections"]["login"]["rows"][0]
    assert "Protokollet väntar" in login["mails"]
    assert "Påminnelse" in login["mails"]
    assert "en gång om dagen" in login["mail_choices"]
    # when she is erased, the waiting mail is never sent and her address is gone from it
    _erase(coordinator_client, council, anna)
    waiting.refresh_from_db()
    assert waiting.status == MailStatus.FAILED
    assert waiting.address == ""
    assert not MailSending.objects.filter(address=EMAIL).exists()
