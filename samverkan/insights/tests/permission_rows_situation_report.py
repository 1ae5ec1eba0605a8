"""Permission-matrix rows for the lägesbild (SituationReport): the council's years, a year's
document, its downloads, its sections, tables and problems, its decision and publication, and
the public pages.

Everyone who sees the council sees its decided reports; a draft only those who read what is
not yet public (a viewer or reporter gets "not found"). The coordinator and the police member
write it (write_situation_report); those who keep the meetings attach it for decision and
publish it. The public pages answer everyone, for a published report of a publishing council.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverkan.accounts.tests.matrix import CHANGE, EVERYONE, READ_RESTRICTED, SEE_COUNCIL, answers
from samverkan.insights.documents.situation_report import publication_pdf
from samverkan.insights.models import SituationReport, SituationReportStatus, SourceKind
from samverkan.insights.services import situation_report as services
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.organisations.models import Body, Council

DRAFT, DECIDED, PUBLISHED = 2018, 2017, 2016
# The coordinator with the police member, as co-authors; the secretary reads but does not write.
WRITE = answers(
    admin=200,
    coordinator=200,
    secretary=403,
    member=403,
    reporter=403,
    viewer=403,
    outsider=404,
    police=200,
)


def _slug(i):
    return {"slug": i["slug"]}


def _draft(i):
    return {"slug": i["slug"], "year": DRAFT}


def _published(i):
    return {"slug": i["slug"], "year": PUBLISHED}


def _section(i):
    return {"slug": i["slug"], "year": DRAFT, "key": "police"}


def _table(i):
    return {"slug": i["slug"], "year": DRAFT, "pk": i["lgb_table"]}


def _problem(i):
    return {"slug": i["slug"], "year": DRAFT, "pk": i["lgb_problem"]}


TABLE = {"kind": "other", "title": "NTU", "source": "Brå", "rows": "Otrygga; 29 %"}

PAGES = [
    ("insights:situation_reports", _slug, "get", SEE_COUNCIL),
    ("insights:situation_report_start", _slug, "post", WRITE, lambda i: {"year": "2019"}),
    ("insights:situation_report", _draft, "get", READ_RESTRICTED),
    ("insights:situation_report", _published, "get", SEE_COUNCIL),
    ("insights:situation_report_pdf", _draft, "get", READ_RESTRICTED),
    ("insights:situation_report_docx", _draft, "get", READ_RESTRICTED),
    (
        "insights:situation_report_section",
        _section,
        "post",
        WRITE,
        lambda i: {"police-text": "Fler inbrott i centrum."},
    ),
    ("insights:situation_report_table_add", _draft, "post", WRITE, lambda i: TABLE),
    ("insights:situation_report_table_delete", _table, "post", WRITE),
    ("insights:situation_report_problem_add", _draft, "get", WRITE),
    (
        "insights:situation_report_problem_add",
        _draft,
        "post",
        WRITE,
        lambda i: {"title": "Inbrott"},
    ),
    ("insights:situation_report_problem", _problem, "get", WRITE),
    (
        "insights:situation_report_problem",
        _problem,
        "post",
        WRITE,
        lambda i: {"title": "Skadegörelse"},
    ),
    ("insights:situation_report_problem_delete", _problem, "post", WRITE),
    ("insights:situation_report_decide", _draft, "get", CHANGE),
    (
        "insights:situation_report_decide",
        _draft,
        "post",
        CHANGE,
        lambda i: {"item": str(i["lgb_item"])},
    ),
    (
        "insights:situation_report_publish",
        lambda i: {"slug": i["slug"], "year": DECIDED},
        "post",
        CHANGE,
    ),
    ("insights:public_situation_reports", _slug, "get", EVERYONE),
    ("insights:public_situation_report", _published, "get", EVERYONE),
    ("insights:public_situation_report_pdf", _published, "get", EVERYONE),
]


def extra_ids(council, user=None):
    """A draft of 2018 with a table and a problem, a decided 2017 to publish and a published
    2016, and an agenda item to decide the draft under (the council publishes: permission_rows
    of insights turns that on)."""
    Council.objects.filter(pk=council.pk).update(publishes=True)
    draft = services.situation_report_create(actor=None, council=council, year=DRAFT)
    table = services.source_table_save(
        actor=None,
        report=draft,
        kind=SourceKind.OTHER,
        title="NTU",
        source="Brå",
        rows=[("Otrygga", "29 %")],
    )
    problem = services.problem_save(
        actor=None, report=draft, fields=services.ProblemFields(title="Skadegörelse")
    )
    services.situation_report_create(actor=None, council=council, year=DECIDED)
    SituationReport.objects.filter(council=council, year=DECIDED).update(
        status=SituationReportStatus.DECIDED
    )
    body = Body.objects.filter(council=council).order_by("id").first()
    meeting = Meeting.objects.create(body=body, date=timezone.localdate() + dt.timedelta(days=40))
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild 2018")
    # The published one was decided under an item of its own, with its frozen PDF.
    earlier = AgendaItem.objects.create(meeting=meeting, number=2, title="Lägesbild 2016")
    published = services.situation_report_create(actor=None, council=council, year=PUBLISHED)
    services.situation_report_decide(
        actor=None,
        report=published,
        item=earlier,
        filename="lagesbild-2016.pdf",
        render=lambda: publication_pdf(published),
    )
    published.council.refresh_from_db()
    services.situation_report_publish(actor=None, report=published)
    return {"lgb_table": table.pk, "lgb_problem": problem.pk, "lgb_item": item.pk}
