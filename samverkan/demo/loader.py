"""The demo: Köping's council as its minutes of 2018-05-24 show it, with one persona per role.

The people and their affiliations come from parsing the seed minutes (shipped in
samverkan/seeds/); which affiliation word names an organisation and which a title is
curated below, since the minutes do not say.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from samverkan.accounts.models import CouncilRole, Role
from samverkan.accounts.services import council_role_grant, login_credentials_set, user_create
from samverkan.core.audit import audit_delete
from samverkan.core.importing.models import PendingImport
from samverkan.dialogue.demo import load_demo_dialogue, load_demo_survey, load_demo_walk
from samverkan.dialogue.models import Dialogue, SafetyWalk, Survey
from samverkan.incidents.demo import load_demo_incidents, remove_demo_incidents
from samverkan.incidents.demo_statistics import load_demo_statistics
from samverkan.insights.demo import load_demo_situation_report
from samverkan.meetings.importers.minutes import parse_minutes
from samverkan.meetings.models import (
    Approval,
    DecisionKind,
    Meeting,
    MeetingStatus,
    MinutesImport,
    MinutesRevision,
    Posting,
    SignatureRole,
)
from samverkan.meetings.services import adjustment
from samverkan.meetings.services.agenda import decision_add, item_create
from samverkan.meetings.services.attendance import attendance_from_members, signatures_set
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.meetings.services.schedule import meeting_create, meeting_set_status
from samverkan.organisations import services
from samverkan.organisations.models import (
    Body,
    BodyKind,
    Council,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Person,
)
from samverkan.plans.demo import load_demo_action_plan
from samverkan.plans.models import Agreement, DocumentImport, Plan, PromiseSet
from samverkan.plans.services.importing import attachments_import
from samverkan.plans.services.promises import promise_set_record_paper_signing

DEMO_PASSWORD = "Trygg-i-Koping-2018"  # noqa: S105 (a demo's published password)
SEED = "koping-bra-2018-05-24.txt"
KOPING_SLUG = "koping-bra"
OTHER_SLUG = "arboga-bra"
SEATED_FROM = dt.date(2018, 1, 1)

KOMMUN = "Köpings kommun"
POLISEN = "Polisen, lokalpolisområde Västra Mälardalen"
# (name, short name, parent)
ORGANISATIONS = [
    (KOMMUN, "", None),
    ("Kommunstyrelsen", "KS", KOMMUN),
    ("Kultur- och fritidsförvaltningen", "", KOMMUN),
    ("Tekniska kontoret", "", KOMMUN),
    (POLISEN, "Polisen", None),
    ("Köpings Bostads AB", "KBAB", None),
    ("Centrumföreningen", "", None),
    ("Brottsofferjouren Västmanland", "", None),
    ("Länsstyrelsen Västmanland", "", None),
]
# Affiliation text in the minutes -> (organisation, title). Text not listed is kept as a title.
AFFILIATIONS: dict[str, tuple[str, str]] = {
    "kommunstyrelsen": ("Kommunstyrelsen", ""),
    "kultur- och fritidsförvaltningen": ("Kultur- och fritidsförvaltningen", ""),
    "centrumföreningen": ("Centrumföreningen", ""),
    "säkerhetschef, köpings kommun": (KOMMUN, "säkerhetschef"),
    "säkerhetssamordnare, köpings kommun": (KOMMUN, "säkerhetssamordnare"),
    "brå-samordnare": (KOMMUN, "BRÅ-samordnare"),
    "köpings bostads ab": ("Köpings Bostads AB", ""),
    "tekniska kontoret": ("Tekniska kontoret", ""),
    "kommunchef": (KOMMUN, "kommunchef"),
    "närpolischef": (POLISEN, "närpolischef"),
    "kommunpolis": (POLISEN, "kommunpolis"),
    "brottsofferjouren, västmanland": ("Brottsofferjouren Västmanland", ""),
    "sekreterare": (KOMMUN, "sekreterare"),
    "andt-samordnare, länsstyrelsen": ("Länsstyrelsen Västmanland", "ANDT-samordnare"),
}
ROLE_FROM_PARSER = {
    "chair": MembershipRole.CHAIR,
    "secretary": MembershipRole.SECRETARY,
    "coordinator": MembershipRole.COORDINATOR,
    "deputy": MembershipRole.DEPUTY,
}
# username -> (person name or "", council role, what the persona may do)
PERSONAS = [
    ("samordnare", "Robert Koivunen", Role.COORDINATOR, "samordnare: hanterar rådet / coordinator"),
    ("sekreterare", "Kajsa Landström", Role.SECRETARY, "sekreterare: för protokoll / secretary"),
    ("polis", "Jan Sköldberg", Role.MEMBER, "kommunpolis, ledamot: läser / police member"),
    ("justerare", "Andreas Trygg", Role.MEMBER, "justerare: godkänner protokoll / adjuster"),
    ("kbab", "Peter Landin", Role.REPORTER, "KBAB:s rapportör: rapporterar / partner reporter"),
    ("betraktare", "", Role.VIEWER, "betraktare: läser / viewer"),
]


def seed_text() -> str:
    return resources.files("samverkan.seeds").joinpath(SEED).read_text(encoding="utf-8")


def _remove(slug: str) -> None:
    """Remove a demo council and everything in it, so that it can be loaded anew."""
    council = Council.objects.filter(slug=slug).first()
    if council is None:
        return
    Dialogue.objects.filter(council=council).delete()
    SafetyWalk.objects.filter(council=council).delete()
    remove_demo_incidents(council)
    Survey.objects.filter(council=council).delete()
    DocumentImport.objects.filter(council=council).delete()
    Plan.objects.filter(council=council).delete()
    PromiseSet.objects.filter(council=council).delete()
    Agreement.objects.filter(council=council).delete()
    MinutesImport.objects.filter(council=council).delete()
    PendingImport.objects.filter(council=council).delete()
    # Adjusted minutes are kept for ever (protected): the demo's go with the demo council.
    revisions = MinutesRevision.objects.filter(meeting__body__council=council)
    Posting.objects.filter(revision__in=revisions).delete()
    Approval.objects.filter(revision__in=revisions).delete()
    for revision in revisions.order_by("-number"):
        revision.delete()
    Meeting.objects.filter(body__council=council).delete()
    Membership.objects.filter(body__council=council).delete()
    Body.objects.filter(council=council).delete()
    # Units first: parents are protected while they have units.
    while Organisation.objects.filter(council=council).exists():
        Organisation.objects.filter(council=council, units__isnull=True).delete()
    for person in Person.objects.filter(councils=council):
        person.councils.remove(council)
        if not person.councils.exists():
            person.delete()
    CouncilRole.objects.filter(council=council).delete()
    audit_delete(actor=None, instance=council, council_id=council.pk)
    council.delete()


def _user(username: str, *, site_admin: bool = False) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            actor=None, username=username, password=DEMO_PASSWORD, is_site_admin=site_admin
        )
        # The personas stand for people who chose their own passwords (four eyes on adjustment).
        login_credentials_set(user=user, how="demo")
    return user


# The council's meeting before the seed's, its minutes adjusted and published through the
# services: the demo's OParl, feeds and notice board then show a meeting (the seed's own minutes
# stay for the adjuster persona to approve).
ADJUSTED_ON = dt.date(2018, 3, 15)
ADJUSTED_ITEMS = [
    ("Mötets öppnande", "", "Ordföranden förklarade mötet öppnat.", DecisionKind.NOTED),
    (
        "Val av protokolljusterare",
        "",
        "Andreas Trygg utses att justera protokollet.",
        DecisionKind.ELECTED,
    ),
    (
        "Lägesbild från polisen",
        "Kommunpolisen redogjorde för läget i centrum och på Nygård under vintern.",
        "Rådet noterar informationen.",
        DecisionKind.NOTED,
    ),
    (
        "Medborgarlöften 2018",
        "Förslag till medborgarlöften från medborgardialogen i mars.",
        "Rådet ställer sig bakom förslaget till medborgarlöften.",
        DecisionKind.APPROVED,
    ),
]


def _adjusted_meeting(body: Body) -> Meeting:
    """Hold the meeting, write its minutes, freeze them as the secretary and approve them as
    the adjuster: adjusted and posted, as the meeting pages would do it."""
    secretary = User.objects.get(username="sekreterare")
    meeting = meeting_create(
        actor=secretary,
        body=body,
        date=ADJUSTED_ON,
        start_time=dt.time(13, 0),
        end_time=dt.time(15, 0),
        place="Stadshuset, Köping",
    )
    meeting_set_status(actor=secretary, meeting=meeting, status=MeetingStatus.HELD)
    attendance_from_members(actor=secretary, meeting=meeting)
    for title, text, decision, kind in ADJUSTED_ITEMS:
        item = item_create(actor=secretary, meeting=meeting, title=title, text=text)
        decision_add(actor=secretary, item=item, text=decision, kind=kind)
    signatures_set(
        actor=secretary,
        meeting=meeting,
        secretary="Kajsa Landström",
        chair="Roger Eklund",
        adjusters=["Andreas Trygg"],
    )
    revision = adjustment.minutes_freeze(actor=secretary, meeting=meeting)
    if not settings.SECOND_FACTOR_OPTIONAL:
        # Approving needs a second factor, which the demo's personas do not have: outside
        # `make run` (which lets them skip it) the minutes stay frozen, waiting for approval.
        return meeting
    adjustment.minutes_approve(
        actor=User.objects.get(username="justerare"),
        meeting=meeting,
        role=SignatureRole.ADJUSTER,
        content_hash=revision.content_hash,
    )
    return meeting


@transaction.atomic
def load_demo() -> list[tuple[str, str]]:
    """(Re)load the demo councils and return the personas as (username, description)."""
    _remove(KOPING_SLUG)
    _remove(OTHER_SLUG)
    attendance = parse_minutes(seed_text()).attendance

    council = services.council_create(
        actor=None,
        municipality_name="Köpings kommun",
        name="Brottsförebyggande rådet",
        slug=KOPING_SLUG,
        publishes=True,
    )
    organisations: dict[str, Organisation] = {}
    for name, short_name, parent in ORGANISATIONS:
        organisations[name] = services.organisation_create(
            actor=None,
            council=council,
            name=name,
            short_name=short_name,
            parent=organisations[parent] if parent else None,
            kind=OrganisationKind.POLICE if name == POLISEN else OrganisationKind.OTHER,
        )
    rådet = services.body_create(
        actor=None,
        council=council,
        name="Brottsförebyggande rådet",
        kind=BodyKind.COUNCIL,
        description="Projektgrupp enligt samverkansöverenskommelsen.",
    )
    au = services.body_create(
        actor=None,
        council=council,
        name="Arbetsutskottet",
        kind=BodyKind.WORKING_COMMITTEE,
        description="Brå AU, styrgrupp enligt samverkansöverenskommelsen.",
    )
    services.body_create(
        actor=None,
        council=council,
        name="Projektgruppen Nygård",
        kind=BodyKind.PROJECT_GROUP,
        description="Trygghetsskapande insatser på Nygårdsområdet.",
    )

    people: dict[str, Person] = {}

    def seat(name: str, affiliation: str | None, role: str, body: Body) -> None:
        organisation_name, title = AFFILIATIONS.get(
            (affiliation or "").lower(), ("", affiliation or "")
        )
        person = people.get(name) or services.person_create(actor=None, council=council, name=name)
        people[name] = person
        services.membership_create(
            actor=None,
            body=body,
            person=person,
            role=role,
            organisation=organisations.get(organisation_name),
            title=title,
            start_date=SEATED_FROM,
        )

    for attendee in attendance.present:
        role = ROLE_FROM_PARSER.get(attendee.role, MembershipRole.MEMBER)
        seat(attendee.name, attendee.affiliation, role, rådet)
    for absentee in attendance.absent:
        seat(absentee.name, None, MembershipRole.MEMBER, rådet)
    for guest in attendance.guests:
        # The county's guest is co-opted: known to the council with her affiliation.
        seat(guest.name, guest.affiliation, MembershipRole.ADJUNCT, rådet)
    committee: list[tuple[str, str]] = [
        ("Roger Eklund", MembershipRole.CHAIR),
        ("Sara Schelin", MembershipRole.MEMBER),
        ("Björn Wilhelmsson", MembershipRole.MEMBER),
        ("Robert Koivunen", MembershipRole.COORDINATOR),
    ]
    for name, committee_role in committee:
        seat_in_council = Membership.objects.get(body=rådet, person=people[name])
        services.membership_create(
            actor=None,
            body=au,
            person=people[name],
            role=committee_role,
            organisation=seat_in_council.organisation,
            title=seat_in_council.title,
            start_date=SEATED_FROM,
        )

    # The seed's own minutes: the meeting of 2018-05-24 and the four meetings it planned.
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode("utf-8"), filename=SEED
    )
    # Its three attachments: the agreement, the citizen promises and the implementation plan.
    attachments_import(actor=None, meeting=meeting)
    # The seed's promises were signed on paper in 2018: published as they were then.
    for promise_set in PromiseSet.objects.filter(council=council, signed_on__isnull=False):
        promise_set_record_paper_signing(actor=None, promise_set=promise_set)
    # Categories, places and KBAB's period totals of the seed; a safety survey with answers.
    load_demo_incidents(council)
    load_demo_statistics(council)
    load_demo_survey(council)
    # The seed's citizen dialogue of 16 May and the joint safety walk it promised in the centre.
    load_demo_dialogue(council, organisers=[KOMMUN, POLISEN])
    load_demo_walk(council, organisations=[KOMMUN, POLISEN, "Centrumföreningen"])
    load_demo_action_plan(council)

    # A second council, so that access between councils can be seen and tested.
    other = services.council_create(
        actor=None, municipality_name="Arboga kommun", name="Trygghetsrådet", slug=OTHER_SLUG
    )
    other_body = services.body_create(
        actor=None, council=other, name="Trygghetsrådet", kind=BodyKind.COUNCIL
    )
    police_arboga = services.organisation_create(
        actor=None, council=other, name=POLISEN, kind=OrganisationKind.POLICE
    )
    # The community police officer sits in both councils: one person, two seats.
    police = people["Jan Sköldberg"]
    police.councils.add(other)
    services.membership_create(
        actor=None,
        body=other_body,
        person=police,
        role=MembershipRole.MEMBER,
        organisation=police_arboga,
        title="kommunpolis",
        start_date=SEATED_FROM,
    )

    personas: list[tuple[str, str]] = []
    _user("admin", site_admin=True)
    personas.append(("admin", "webbplatsadministratör / site administrator"))
    for username, person_name, council_role, description in PERSONAS:
        user = _user(username)
        council_role_grant(actor=None, council=council, user=user, role=council_role)
        if person_name:
            services.person_link_user(actor=None, person=people[person_name], user=user)
        personas.append((username, description))
    load_demo_situation_report(council)
    _adjusted_meeting(rådet)
    outsider = _user("arboga")
    council_role_grant(actor=None, council=other, user=outsider, role=Role.COORDINATOR)
    personas.append(("arboga", "samordnare i Arboga, inte i Köping / outsider"))
    return personas
