"""Secrecy-matrix rows for plans: an activity made from a decision not for publication, and
an activity with a public and an internal status note (see accounts/tests/secrecy.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverkan.accounts.tests.secrecy import EVERYONE, Ids, Place, get, response_text
from samverkan.meetings.models import AgendaItem, Decision, ItemFile, Meeting
from samverkan.organisations.models import Body, Council, Organisation
from samverkan.organisations.tests.document_jobs import document_response
from samverkan.plans.models import (
    Activity,
    Indicator,
    IndicatorOutcome,
    Plan,
    Promise,
    PromiseSet,
)
from samverkan.plans.services.activities import (
    ActivityFields,
    activity_create,
    activity_update_status,
)

ACT_DECISION = "Xqactdecision"  # a decision not for publication, and the activity made from it
INTERNAL = "Xqinternal"  # an internal status note
PUBLIC_ACT = "Xqpublicact"  # an activity anyone may read
PUBLIC_NOTE = "Xqpublicnote"  # its public status note
INDICATOR = "Xqindicator"  # an indicator of the public activity, anyone may read it
INTERNAL_OUTCOME = "Xqinternaloutcome"  # the internal note of the indicator's outcome
PLAN_MANAGERS = frozenset({"site_admin", "coordinator", "secretary"})
# Unsigned promises (docs/design/promises.md): the council's members read them, those who keep
# the promises (the police member too) change them; nobody else learns them.
DRAFT_TITLE = "Xqdrafttitle"
DRAFT_TEXT = "Xqdrafttext"
DRAFT_PROMISE = "Xqdraftpromise"
PROMISE_KEEPERS = frozenset({*PLAN_MANAGERS, "police"})


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    council.publishes = True
    council.save(update_fields=["publishes"])
    body = Body.objects.filter(council=council).first()
    assert body is not None
    today = timezone.localdate()
    meeting = Meeting.objects.create(body=body, date=today, status="held", place="Stadshuset")
    secret = AgendaItem.objects.create(
        meeting=meeting, number=1, title="Kameror vid Gläntan", not_for_publication=True
    )
    decision = Decision.objects.create(
        item=secret, text=f"{ACT_DECISION} kameror vid Gläntan sätts upp", kind="decided"
    )
    plan_item = AgendaItem.objects.create(meeting=meeting, number=2, title="Genomförandeplan")
    promise_set = PromiseSet.objects.create(
        council=council, title="Medborgarlöften", year=today.year, status="published"
    )
    # Next version of the same year's promises, a draft: never public, never to the reporter.
    draft = PromiseSet.objects.create(
        council=council,
        title=f"{DRAFT_TITLE} Medborgarlöften",
        year=today.year,
        background=f"{DRAFT_TEXT} bakgrund",
        revision_of=promise_set,
    )
    draft_promise = Promise.objects.create(
        promise_set=draft, text=f"{DRAFT_PROMISE} polisen lovar", parties=["police"]
    )
    draft_plan = Plan.objects.create(
        council=council,
        title="Genomförandeplan för utkastet",
        year=today.year + 1,
        promise_set=draft,
    )
    promise = Promise.objects.create(promise_set=promise_set, text="Vi lovar trygghet.")
    plan = Plan.objects.create(
        council=council, title="Genomförandeplan", year=today.year, promise_set=promise_set
    )
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    manager = users["coordinator"]
    assert manager is not None
    coordinator = Client()
    coordinator.force_login(manager)
    # The coordinator takes the decision up as an activity, keeping the text it offers.
    response = coordinator.post(
        reverse("plans:activity_from_decision", args=[council.slug, decision.pk]),
        {"plan": plan.pk, "text": decision.text, "organisations": [kommun.pk]},
    )
    assert response.status_code == 302, response.content
    from_decision = Activity.objects.get(decision=decision)
    from_decision.promises.add(promise)
    public = activity_create(
        actor=users["coordinator"],
        plan=plan,
        fields=ActivityFields(
            text=f"{PUBLIC_ACT} trygghetsvandring", organisations=[kommun], promises=[promise]
        ),
    )
    public.promises.add(draft_promise)
    Activity.objects.create(plan=draft_plan, text="Fotpatrull").promises.add(draft_promise)
    for activity in (public, from_decision):
        activity_update_status(
            actor=users["coordinator"],
            activity=activity,
            status="in_progress",
            note=f"{PUBLIC_NOTE} vandringen är bokad",
        )
        activity_update_status(
            actor=users["coordinator"],
            activity=activity,
            status="in_progress",
            note=f"{INTERNAL} väktaren heter Nils",
            internal=True,
        )
    # Saved directly, without the services' audit events: the console's row reads the first
    # page of every council's trail and needs its marker there (secrecy_rows_console.py).
    indicator = Indicator.objects.create(
        activity=public, name=f"{INDICATOR} anmälda inbrott", unit="st"
    )
    IndicatorOutcome.objects.create(
        indicator=indicator,
        year=today.year,
        period="year",
        value=Decimal(7),
        note=f"{INTERNAL_OUTCOME} två av dem hos Nils",
        internal=True,
        author=manager,
    )
    response = coordinator.post(
        reverse("plans:status_report_attach", args=[council.slug, meeting.pk]),
        {"item": plan_item.pk},
    )
    assert response.status_code == 302, response.content
    follow_up_item = AgendaItem.objects.create(meeting=meeting, number=3, title="Uppföljning")
    response = coordinator.post(
        reverse("plans:follow_up_attach", args=[council.slug, plan.pk]),
        {"item": follow_up_item.pk},
    )
    assert response.status_code == 302, response.content
    return {
        "attached_follow_up": ItemFile.objects.get(item=follow_up_item).pk,
        "plans_meeting": meeting.pk,
        "plans_plan": plan.pk,
        "plans_promise_set": promise_set.pk,
        "activity_from_decision": from_decision.pk,
        "activity_public": public.pk,
        "attached_report": ItemFile.objects.get(item=plan_item).pk,
        "plans_year": today.year,
        "plans_draft": draft.pk,
        "plans_draft_promise": draft_promise.pk,
        "plans_draft_plan": draft_plan.pk,
    }


def _url(name: str, *keys: str, query: str = "") -> Any:
    if name in DOCUMENT_JOBS:
        # The worker makes it: the link leads to the job's page, which offers the file.
        return lambda client, i: response_text(
            document_response(
                client, reverse(name, args=[i["slug"], *(i[k] for k in keys)]) + query
            )
        )
    return get(lambda i: reverse(name, args=[i["slug"], *(i[k] for k in keys)]) + query)


DOCUMENT_JOBS = ("plans:follow_up_pdf", "plans:follow_up_docx")


# With internal notes, a report shows the latest note, which is the internal one.
REPORT: dict[str, Any] = {"secrets": (ACT_DECISION, INTERNAL), "shown": (PUBLIC_ACT,)}
# A downloaded report is for publication unless the internal version is asked for: then only
# its readers get the internal notes; as downloaded by default, nobody does.
INTERNAL_VERSION = "?version=internal"
PUBLICATION: dict[str, Any] = {
    "secrets": (),
    "never": (ACT_DECISION, INTERNAL),
    "shown": (PUBLIC_ACT,),
}


def _draft_forms(client: Client, ids: Ids) -> str:
    """Every form of the draft set and its promise, for those who keep the promises."""
    slug, draft, promise = ids["slug"], ids["plans_draft"], ids["plans_draft_promise"]
    names = [
        ("plans:promise_set_edit", draft),
        ("plans:promise_add", draft),
        ("plans:promise_set_signatory_add", draft),
        ("plans:promise_set_delete", draft),
        ("plans:promise_edit", promise),
        ("plans:promise_activities", promise),
    ]
    return "\n".join(
        response_text(client.get(reverse(name, args=[slug, pk]))) for name, pk in names
    )


def _public_promises(client: Client, ids: Ids) -> str:
    index = client.get(reverse("plans:public_index", args=[ids["slug"]]))
    year = client.get(reverse("plans:public_plan", args=[ids["slug"], ids["plans_year"]]))
    return response_text(index) + response_text(year)


PLACES = [
    Place(
        "draft promise set",
        _url("plans:promise_set_detail", "plans_draft"),
        secrets=(DRAFT_TITLE, DRAFT_TEXT, DRAFT_PROMISE),
        shown_to=frozenset(),
        routes=("plans:promise_set_detail",),
    ),
    Place(
        "forms of a draft promise set",
        _draft_forms,
        secrets=(DRAFT_TITLE, DRAFT_TEXT, DRAFT_PROMISE),
        readers=PROMISE_KEEPERS,
        shown_to=frozenset(),
        routes=(
            "plans:promise_set_edit",
            "plans:promise_add",
            "plans:promise_set_signatory_add",
            "plans:promise_set_delete",
            "plans:promise_edit",
            "plans:promise_activities",
        ),
    ),
    Place(
        "plans index with a draft promise set",
        _url("plans:index"),
        secrets=(DRAFT_TITLE,),
        shown=("Genomförandeplan",),
        routes=("plans:index",),
    ),
    Place(
        "activity serving a draft promise",
        _url("plans:activity_detail", "activity_public"),
        secrets=(DRAFT_PROMISE,),
        shown=(PUBLIC_ACT,),
        routes=("plans:activity_detail",),
    ),
    Place(
        "plan following a draft promise set",
        _url("plans:plan_detail", "plans_draft_plan"),
        secrets=(DRAFT_TITLE,),
        shown=("Fotpatrull",),
        routes=("plans:plan_detail",),
    ),
    Place(
        "follow-up of a plan of draft promises",
        _url("plans:follow_up", "plans_draft_plan"),
        secrets=(DRAFT_PROMISE,),
        shown=("Fotpatrull",),
        routes=("plans:follow_up",),
    ),
    Place(
        "public promises beside a draft of the same year",
        _public_promises,
        secrets=(),
        never=(DRAFT_TITLE, DRAFT_TEXT, DRAFT_PROMISE),
        shown=("Vi lovar trygghet.",),
        shown_to=EVERYONE,
        routes=("plans:public_index", "plans:public_plan"),
    ),
    Place(
        "activity page from a restricted decision",
        _url("plans:activity_detail", "activity_from_decision"),
        secrets=(ACT_DECISION, INTERNAL),
        shown=(PUBLIC_NOTE,),
        routes=("plans:activity_detail",),
    ),
    Place(
        "activity page with an internal note",
        _url("plans:activity_detail", "activity_public"),
        secrets=(INTERNAL,),
        shown=(PUBLIC_ACT, PUBLIC_NOTE),
        routes=("plans:activity_detail",),
    ),
    Place(
        "activity status form",
        _url("plans:activity_status", "activity_from_decision"),
        secrets=(ACT_DECISION,),
        readers=PLAN_MANAGERS,
        shown_to=PLAN_MANAGERS,
        routes=("plans:activity_status",),
    ),
    Place(
        "plan table",
        _url("plans:plan_detail", "plans_plan"),
        secrets=(ACT_DECISION,),
        never=(INTERNAL,),
        shown=(PUBLIC_ACT, PUBLIC_NOTE),
        routes=("plans:plan_detail",),
    ),
    Place(
        "plan board",
        _url("plans:plan_detail", "plans_plan", query="?view=board"),
        secrets=(ACT_DECISION,),
        never=(INTERNAL,),
        shown=(PUBLIC_ACT,),
        routes=("plans:plan_detail",),
    ),
    Place(
        "plan CSV",
        _url("plans:plan_csv", "plans_plan"),
        secrets=(ACT_DECISION,),
        never=(INTERNAL,),
        shown=(PUBLIC_ACT, PUBLIC_NOTE),
        routes=("plans:plan_csv",),
    ),
    Place(
        "plan XLSX",
        _url("plans:plan_xlsx", "plans_plan"),
        secrets=(ACT_DECISION,),
        never=(INTERNAL,),
        shown=(PUBLIC_ACT, PUBLIC_NOTE),
        routes=("plans:plan_xlsx",),
    ),
    Place(
        "status report",
        _url("plans:status_report", "plans_meeting"),
        routes=("plans:status_report",),
        **REPORT,
    ),
    Place(
        "status report PDF",
        _url("plans:status_report_pdf", "plans_meeting", query=INTERNAL_VERSION),
        routes=("plans:status_report_pdf",),
        **REPORT,
    ),
    Place(
        "status report PDF for publication",
        _url("plans:status_report_pdf", "plans_meeting"),
        routes=("plans:status_report_pdf",),
        **PUBLICATION,
    ),
    Place(
        "status report DOCX",
        _url("plans:status_report_docx", "plans_meeting", query=INTERNAL_VERSION),
        routes=("plans:status_report_docx",),
        **REPORT,
    ),
    Place(
        "status report DOCX for publication",
        _url("plans:status_report_docx", "plans_meeting"),
        routes=("plans:status_report_docx",),
        **PUBLICATION,
    ),
    Place(
        "follow-up", _url("plans:follow_up", "plans_plan"), routes=("plans:follow_up",), **REPORT
    ),
    Place(
        "follow-up PDF",
        _url("plans:follow_up_pdf", "plans_plan", query=INTERNAL_VERSION),
        routes=("plans:follow_up_pdf",),
        **REPORT,
    ),
    Place(
        "follow-up PDF for publication",
        _url("plans:follow_up_pdf", "plans_plan"),
        routes=("plans:follow_up_pdf",),
        **PUBLICATION,
    ),
    Place(
        "follow-up DOCX",
        _url("plans:follow_up_docx", "plans_plan", query=INTERNAL_VERSION),
        routes=("plans:follow_up_docx",),
        **REPORT,
    ),
    Place(
        "follow-up DOCX for publication",
        _url("plans:follow_up_docx", "plans_plan"),
        routes=("plans:follow_up_docx",),
        **PUBLICATION,
    ),
    Place(
        "activity page with an internal outcome note",
        _url("plans:activity_detail", "activity_public"),
        secrets=(INTERNAL_OUTCOME,),
        shown=(INDICATOR,),
        routes=("plans:activity_detail",),
    ),
    Place(
        "follow-up's indicators",
        _url("plans:follow_up", "plans_plan"),
        secrets=(INTERNAL_OUTCOME,),
        shown=(INDICATOR,),
        routes=("plans:follow_up",),
    ),
    Place(
        "follow-up's indicators in the PDF for publication",
        _url("plans:follow_up_pdf", "plans_plan"),
        secrets=(),
        never=(INTERNAL_OUTCOME,),
        shown=(INDICATOR,),
        routes=("plans:follow_up_pdf",),
    ),
    Place(
        "follow-up's indicators in the DOCX for publication",
        _url("plans:follow_up_docx", "plans_plan"),
        secrets=(),
        never=(INTERNAL_OUTCOME,),
        shown=(INDICATOR,),
        routes=("plans:follow_up_docx",),
    ),
    Place(
        "follow-up's indicators in the internal DOCX",
        _url("plans:follow_up_docx", "plans_plan", query=INTERNAL_VERSION),
        secrets=(INTERNAL_OUTCOME,),
        shown=(INDICATOR,),
        routes=("plans:follow_up_docx",),
    ),
    Place(
        "follow-up's indicators attached to an agenda item",
        _url("meetings:item_file_download", "attached_follow_up"),
        secrets=(),
        never=(INTERNAL_OUTCOME,),
        shown=(INDICATOR,),
        routes=("meetings:item_file_download",),
    ),
    Place(
        "promises",
        _url("plans:promise_set_detail", "plans_promise_set"),
        secrets=(ACT_DECISION,),
        shown=(PUBLIC_ACT,),
        routes=("plans:promise_set_detail",),
    ),
    Place(
        "public plan",
        _url("plans:public_plan", "plans_year"),
        secrets=(),
        never=(ACT_DECISION, INTERNAL, INTERNAL_OUTCOME),
        shown=(PUBLIC_ACT, PUBLIC_NOTE),
        shown_to=EVERYONE,
        routes=("plans:public_plan",),
    ),
    Place(
        "status report attached to an agenda item",
        _url("meetings:item_file_download", "attached_report"),
        secrets=(),
        never=(ACT_DECISION, INTERNAL),
        shown=(PUBLIC_ACT, PUBLIC_NOTE),
        routes=("meetings:item_file_download",),
    ),
    Place(
        "follow-up attached to an agenda item",
        _url("meetings:item_file_download", "attached_follow_up"),
        secrets=(),
        never=(ACT_DECISION, INTERNAL),
        shown=(PUBLIC_ACT, PUBLIC_NOTE),
        routes=("meetings:item_file_download",),
    ),
]
