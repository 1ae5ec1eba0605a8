"""Secrecy-matrix rows for the lägesbild (SituationReport): a draft (its text, its problems, its
internal notes) reaches only those who read what is not yet public, never the viewer, the
reporter, the public pages or a download for publication; a published report's internal notes
reach nobody outside the council's members, and never its public page or PDF."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from samverkan.accounts.tests.secrecy import EVERYONE, RESTRICTED_READERS, Ids, Place, get
from samverkan.insights.documents.situation_report import publication_pdf
from samverkan.insights.models import SectionKey
from samverkan.insights.services import situation_report as services
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.organisations.models import Body, Council

DRAFT_TEXT = "Xqlgbdraft"
DRAFT_PROBLEM = "Xqlgbproblem"
DRAFT_INTERNAL = "Xqlgbinternal"
PUBLISHED_TEXT = "Xqlgbpublished"
PUBLISHED_INTERNAL = "Xqlgbpubinternal"
# Not a year the permission rows use (they plant 2016–2018 in the same world).
PUBLISHED_YEAR = 2015
WRITERS = frozenset({"site_admin", "coordinator", "police"})


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    """The year's draft and a published report of 2015, each with internal notes."""
    year = timezone.localdate().year
    draft = services.situation_report_create(actor=None, council=council, year=year)
    services.section_write(actor=None, report=draft, key=SectionKey.SUMMARY, text=DRAFT_TEXT)
    services.section_write(actor=None, report=draft, key=SectionKey.INTERNAL, text=DRAFT_INTERNAL)
    problem = services.problem_save(
        actor=None, report=draft, fields=services.ProblemFields(title=DRAFT_PROBLEM)
    )
    published = services.situation_report_create(actor=None, council=council, year=PUBLISHED_YEAR)
    services.section_write(
        actor=None, report=published, key=SectionKey.SUMMARY, text=PUBLISHED_TEXT
    )
    services.section_write(
        actor=None, report=published, key=SectionKey.INTERNAL, text=PUBLISHED_INTERNAL
    )
    body = Body.objects.filter(council=council).order_by("id")[0]
    meeting = Meeting.objects.create(body=body, date=timezone.localdate() + dt.timedelta(days=50))
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild 2015")
    services.situation_report_decide(
        actor=None,
        report=published,
        item=item,
        filename="lagesbild-2015.pdf",
        render=lambda: publication_pdf(published),
    )
    Council.objects.filter(pk=council.pk).update(publishes=True)
    published.council.refresh_from_db()
    services.situation_report_publish(actor=None, report=published)
    return {"lgb_year": year, "lgb_problem": problem.pk}


def _url(name: str, year_key: str | None = None):
    def url(i: Ids) -> str:
        year = i[year_key] if year_key else PUBLISHED_YEAR
        return reverse(f"insights:{name}", kwargs={"slug": i["slug"], "year": year})

    return url


PLACES = [
    Place(
        "the council's situation reports",
        get(lambda i: reverse("insights:situation_reports", args=[i["slug"]])),
        secrets=(),
        never=(DRAFT_TEXT, DRAFT_INTERNAL, PUBLISHED_INTERNAL),
        shown=(str(PUBLISHED_YEAR),),
        routes=("insights:situation_reports",),
    ),
    Place(
        "a draft situation report's page",
        get(_url("situation_report", "lgb_year")),
        secrets=(DRAFT_TEXT, DRAFT_PROBLEM, DRAFT_INTERNAL),
        readers=RESTRICTED_READERS,
        shown_to=RESTRICTED_READERS,
        routes=("insights:situation_report",),
    ),
    Place(
        "a published situation report's page for the council",
        get(_url("situation_report")),
        secrets=(PUBLISHED_INTERNAL,),
        readers=RESTRICTED_READERS,
        shown=(PUBLISHED_TEXT,),
        routes=("insights:situation_report",),
    ),
    *(
        Place(
            f"a draft situation report's {kind} for publication (the default)",
            get(_url(f"situation_report_{kind}", "lgb_year")),
            secrets=(DRAFT_TEXT, DRAFT_PROBLEM),
            readers=RESTRICTED_READERS,
            never=(DRAFT_INTERNAL,),
            shown_to=RESTRICTED_READERS,
            routes=(f"insights:situation_report_{kind}",),
        )
        for kind in ("pdf", "docx")
    ),
    Place(
        "a draft's problem, for those who write the report",
        get(
            lambda i: reverse(
                "insights:situation_report_problem",
                kwargs={"slug": i["slug"], "year": i["lgb_year"], "pk": i["lgb_problem"]},
            )
        ),
        secrets=(DRAFT_PROBLEM,),
        readers=WRITERS,
        shown_to=WRITERS,
        routes=("insights:situation_report_problem",),
    ),
    Place(
        "the form of a new problem",
        get(_url("situation_report_problem_add", "lgb_year")),
        secrets=(),
        never=(DRAFT_INTERNAL,),
        shown=("Gärningsperson",),
        shown_to=WRITERS,
        routes=("insights:situation_report_problem_add",),
    ),
    Place(
        "the public situation reports",
        get(lambda i: reverse("insights:public_situation_reports", args=[i["slug"]])),
        secrets=(),
        never=(DRAFT_TEXT, DRAFT_INTERNAL, PUBLISHED_INTERNAL),
        shown=(str(PUBLISHED_YEAR),),
        shown_to=EVERYONE,
        routes=("insights:public_situation_reports",),
    ),
    *(
        Place(
            f"a published situation report's public {name}",
            get(_url(route)),
            secrets=(),
            never=(DRAFT_TEXT, DRAFT_PROBLEM, DRAFT_INTERNAL, PUBLISHED_INTERNAL),
            shown=(PUBLISHED_TEXT,),
            shown_to=EVERYONE,
            routes=(f"insights:{route}",),
        )
        for name, route in (
            ("page", "public_situation_report"),
            ("PDF", "public_situation_report_pdf"),
        )
    ),
]
