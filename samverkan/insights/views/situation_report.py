"""The lägesbild (SituationReport): the council's years, one year's document written in the
platform (sections, source tables, problems) beside its live kartläggning, its downloads
("internal or for publication"), its decision under an agenda item and its publication, and
the public pages of the published ones.

A draft is read only by those who read what is not yet public (view_restricted); those who
write it have write_situation_report (the coordinator and the police member)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import (
    Capability,
    access_council,
    can,
    council_context,
    masked_for,
)
from samverkan.core import charts
from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.pages import one_or_not_found, paginate, posted, run_service
from samverkan.insights.documents.situation_report import (
    publication_pdf,
    situation_report_docx,
    situation_report_filename,
    situation_report_pdf,
)
from samverkan.insights.forms.situation_report import (
    ProblemForm,
    SectionForm,
    SourceTableForm,
    StartForm,
)
from samverkan.insights.models import (
    Problem,
    SectionKey,
    SituationReport,
    SituationReportStatus,
    SourceTable,
)
from samverkan.insights.selectors import dashboard as figures
from samverkan.insights.selectors import situation_report as selectors
from samverkan.insights.services import situation_report as services
from samverkan.meetings.forms import AttachForm
from samverkan.meetings.models import AgendaItem
from samverkan.meetings.services.item_files import default_item
from samverkan.organisations.models import Council
from samverkan.organisations.selectors import access_public_council

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DECISION_ITEM_WORDS = ("lägesbild", "kartläggning", "problembild")


def mapping_charts(m: selectors.Mapping, *, public: bool = False) -> dict[str, Any]:
    """The kartläggning's SVG charts (the tables beside them are in the template); on the public
    page a count of 1 to 4 draws no bar and reads "<5", as on the public incident overview."""

    def shown(count: int) -> int:
        return 0 if public and count < figures.PUBLIC_MIN_COUNT else count

    counted = [t for t in m.totals if t.count]
    return {
        "category_chart": charts.hbar_chart(
            chart_id="lb-category-chart",
            title=_("Incidents per category, %(year)s") % {"year": m.year},
            rows=[(t.category.name, shown(t.count)) for t in counted],
            texts=[figures.public_count(t.count) for t in counted] if public else None,
        )
        if counted
        else "",
        "trend_chart": charts.bar_chart(
            chart_id="lb-trend-chart",
            title=_("Incidents per month, %(year)s against %(before)s")
            % {"year": m.year, "before": m.year - 1},
            labels=[f"{r.month:%Y-%m}" for r in m.trend],
            series=[
                (str(m.year), [shown(r.count) for r in m.trend]),
                (str(m.year - 1), [shown(r.previous_count) for r in m.trend]),
            ],
        ),
    }


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


def _report(request: HttpRequest, council: Council, year: int) -> SituationReport:
    if not services.MIN_YEAR <= year <= services.MAX_YEAR:
        raise NotFoundError
    return selectors.access_situation_report(request.user, council, year)


def _writable(request: HttpRequest, slug: str, year: int) -> SituationReport:
    council = access_council(request.user, slug, need=Capability.WRITE_SITUATION_REPORT)
    return _report(request, council, year)


def _frozen(request: HttpRequest, report: SituationReport) -> HttpResponse | None:
    """A decided report has no forms to show an error in: say so on its page."""
    if report.status == SituationReportStatus.DRAFT:
        return None
    messages.error(
        request, _("The situation report is decided and cannot change. Start next year's instead.")
    )
    return redirect("insights:situation_report", slug=report.council.slug, year=report.year)


# The council's years ---------------------------------------------------------------------------


def _index(request: HttpRequest, council: Council, form: StartForm) -> HttpResponse:
    page = paginate(request, selectors.reports_visible_to(request.user, council))
    return render(
        request,
        "insights/situation_report_index.html",
        {**council_context(request.user, council), "page": page, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def situation_report_index(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    latest = SituationReport.objects.filter(council=council).order_by("-year").first()
    initial = {"year": latest.year + 1, "copy_from": latest} if latest else {}
    return _index(request, council, StartForm(council=council, initial=initial))


@login_required
@require_POST
def situation_report_start(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.WRITE_SITUATION_REPORT)
    form = StartForm(request.POST, council=council)
    if form.is_valid():
        report = run_service(
            form,
            lambda: services.situation_report_create(
                actor=request.user,
                council=council,
                year=form.cleaned_data["year"],
                copy_from=form.cleaned_data["copy_from"],
            ),
        )
        if report is not None:
            messages.success(request, _("The situation report was started as a draft."))
            return redirect("insights:situation_report", slug=slug, year=report.year)
    return _index(request, council, form)


# One year's report -----------------------------------------------------------------------------


def _detail(
    request: HttpRequest,
    report: SituationReport,
    *,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    council = report.council
    parts = selectors.report_parts(report)
    writer = can(request.user, council, Capability.WRITE_SITUATION_REPORT)
    draft = report.status == SituationReportStatus.DRAFT
    bound = bound or {}
    section_forms = {
        key: bound.get(f"section-{key}")
        or SectionForm(initial={"text": parts.text(key)}, prefix=key)
        for key in [*selectors.SECTION_ORDER, SectionKey.INTERNAL]
    }
    for key, form in section_forms.items():
        # Each textarea is named by its section, not "Text" on every one.
        form.fields["text"].label = SectionKey(key).label
    sections = [
        (key, SectionKey(key).label, parts.sections.get(key), section_forms[key])
        for key in selectors.SECTION_ORDER
    ]
    internal = not masked_for(request.user, council)
    m = selectors.mapping(council, report.year)
    return render(
        request,
        "insights/situation_report.html",
        {
            **council_context(request.user, council),
            "report": report,
            "parts": parts,
            "mapping": m,
            **mapping_charts(m),
            "sections": sections,
            "internal_section": parts.sections.get(SectionKey.INTERNAL) if internal else None,
            "internal_form": section_forms[SectionKey.INTERNAL] if internal else None,
            "can_write": writer and draft,
            "can_decide": draft and can(request.user, council, Capability.MANAGE_MEETINGS),
            "can_publish": report.status == SituationReportStatus.DECIDED
            and can(request.user, council, Capability.MANAGE_MEETINGS),
            "table_form": bound.get("table") or SourceTableForm(),
            "internal_choice": internal,
        },
        status=status,
    )


@login_required
def situation_report_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access_council(request.user, slug)
    return _detail(request, _report(request, council, year))


@login_required
@require_POST
def section_write(request: HttpRequest, slug: str, year: int, key: str) -> HttpResponse:
    report = _writable(request, slug, year)
    if key not in SectionKey.values:
        raise NotFoundError
    if refused := _frozen(request, report):
        return refused
    form = SectionForm(request.POST, prefix=key)
    if (
        form.is_valid()
        and run_service(
            form,
            lambda: services.section_write(
                actor=request.user, report=report, key=key, text=form.cleaned_data["text"]
            ),
        )
        is not None
    ):
        messages.success(request, _("%(section)s was saved.") % {"section": SectionKey(key).label})
        url = reverse("insights:situation_report", kwargs={"slug": slug, "year": year})
        return redirect(f"{url}#section-{key}")
    return _detail(request, report, bound={f"section-{key}": form}, status=400)


@login_required
@require_POST
def source_table_add(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    report = _writable(request, slug, year)
    if refused := _frozen(request, report):
        return refused
    form = SourceTableForm(request.POST)
    if (
        form.is_valid()
        and run_service(
            form,
            lambda: services.source_table_save(
                actor=request.user,
                report=report,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                source=form.cleaned_data["source"],
                rows=form.cleaned_data["rows"],
            ),
        )
        is not None
    ):
        messages.success(request, _("The table was added."))
        return redirect("insights:situation_report", slug=slug, year=year)
    return _detail(request, report, bound={"table": form}, status=400)


@login_required
@require_POST
def source_table_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    report = _writable(request, slug, year)
    table = one_or_not_found(SourceTable.objects.filter(report=report), pk=pk)
    table.report = report
    try:
        services.source_table_delete(actor=request.user, table=table)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The table was removed."))
    return redirect("insights:situation_report", slug=slug, year=year)


def _problem_page(
    request: HttpRequest, report: SituationReport, form: ProblemForm, problem: Problem | None
) -> HttpResponse:
    return render(
        request,
        "insights/situation_report_problem.html",
        {
            **council_context(request.user, report.council),
            "report": report,
            "form": form,
            "problem": problem,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def problem_edit(request: HttpRequest, slug: str, year: int, pk: int | None = None) -> HttpResponse:
    """Add an analysed problem, or change one (pk)."""
    report = _writable(request, slug, year)
    if refused := _frozen(request, report):
        return refused
    problem = None if pk is None else one_or_not_found(report.problems.all(), pk=pk)
    initial = {}
    if problem is not None:
        initial = {name: getattr(problem, name) for name in ProblemForm.base_fields}
    form = ProblemForm(posted(request), initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: services.problem_save(
                actor=request.user, report=report, fields=form.fields_of(), problem=problem
            ),
        )
        is not None
    ):
        messages.success(request, _("The problem was saved."))
        url = reverse("insights:situation_report", kwargs={"slug": slug, "year": year})
        return redirect(f"{url}#problems")
    return _problem_page(request, report, form, problem)


@login_required
@require_POST
def problem_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    report = _writable(request, slug, year)
    problem = one_or_not_found(report.problems.all(), pk=pk)
    problem.report = report
    try:
        services.problem_delete(actor=request.user, problem=problem)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The problem was removed."))
    return redirect("insights:situation_report", slug=slug, year=year)


# Downloads, decision and publication ----------------------------------------------------------


def _internal(request: HttpRequest, council: Council) -> bool:
    """Internal notes only when asked for ("internal or for publication", publication by
    default) and only to those who may read them."""
    return request.GET.get("version") == "internal" and not masked_for(request.user, council)


@login_required
def situation_report_pdf_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access_council(request.user, slug)
    report = _report(request, council, year)
    content = situation_report_pdf(
        report,
        selectors.report_parts(report),
        selectors.mapping(council, year),
        with_internal=_internal(request, council),
    )
    return _download(content, "application/pdf", situation_report_filename(report, "pdf"))


@login_required
def situation_report_docx_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access_council(request.user, slug)
    report = _report(request, council, year)
    content = situation_report_docx(
        report,
        selectors.report_parts(report),
        selectors.mapping(council, year),
        with_internal=_internal(request, council),
    )
    return _download(content, DOCX, situation_report_filename(report, "docx"))


def _decision_items(council: Council) -> Any:
    return (
        AgendaItem.objects.filter(meeting__body__council=council)
        .select_related("meeting__body")
        .order_by("-meeting__date", "meeting__id", "number")
    )


@login_required
def situation_report_decide(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Attach the draft, frozen as a PDF for publication, to the item it is decided under."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    report = _report(request, council, year)
    items = list(_decision_items(council)[:200])
    form = AttachForm(
        posted(request),
        items=_decision_items(council),
        with_meeting=True,
        initial={"item": default_item(items, DECISION_ITEM_WORDS)} if items else {},
    )
    if request.method == "POST" and form.is_valid():
        item = form.cleaned_data["item"]
        decided = run_service(
            form,
            lambda: services.situation_report_decide(
                actor=request.user,
                report=report,
                item=item,
                filename=situation_report_filename(report, "pdf"),
                render=lambda: publication_pdf(report),
            ),
        )
        if decided is not None:
            messages.success(
                request,
                _("The situation report was decided under %(meeting)s, § %(number)d %(title)s.")
                % {
                    "meeting": f"{item.meeting.body.name} {item.meeting.date:%Y-%m-%d}",
                    "number": item.number,
                    "title": item.title,
                },
            )
            return redirect("insights:situation_report", slug=slug, year=year)
    return render(
        request,
        "insights/situation_report_decide.html",
        {**council_context(request.user, council), "report": report, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def situation_report_publish(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    report = _report(request, council, year)
    try:
        services.situation_report_publish(actor=request.user, report=report)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The situation report is published."))
    return redirect("insights:situation_report", slug=slug, year=year)


# The public pages ------------------------------------------------------------------------------


def public_situation_reports(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_public_council(slug)
    page = paginate(request, selectors.public_situation_reports(council))
    return render(
        request,
        "insights/public_situation_reports.html",
        {"public_council": council, "page": page},
    )


def _public(slug: str, year: int) -> SituationReport:
    council = access_public_council(slug)
    if not services.MIN_YEAR <= year <= services.MAX_YEAR:
        raise NotFoundError
    return selectors.public_situation_report(council, year)


def public_situation_report(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """A published report for anyone: its texts, tables and problems, and its kartläggning;
    never the internal notes."""
    report = _public(slug, year)
    parts = selectors.report_parts(report)
    m = selectors.mapping(report.council, year)
    return render(
        request,
        "insights/public_situation_report.html",
        {
            "public_council": report.council,
            "report": report,
            "parts": parts,
            "mapping": m,
            **mapping_charts(m, public=True),
            "sections": [
                (key, SectionKey(key).label, parts.sections.get(key))
                for key in selectors.SECTION_ORDER
            ],
        },
    )


def public_situation_report_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The PDF as it was decided: the frozen file of the agenda item, whose checksum the
    report keeps, not a new rendering of today's figures."""
    report = _public(slug, year)
    # The report's own frozen copy; a report decided before it kept one reads the item's file.
    frozen = report.decided_pdf or (report.decided_file.file if report.decided_file else None)
    if not frozen:
        raise NotFoundError
    with frozen.open("rb") as stored:
        content = stored.read()
    return _download(content, "application/pdf", situation_report_filename(report, "pdf"))


c = "councils/<slug:slug>/lagesbilder/"
y = c + "<int:year>/"
r = "r/<slug:slug>/lagesbilder/"
urlpatterns: list[URLPattern] = [
    path(c, situation_report_index, name="situation_reports"),
    path(c + "start/", situation_report_start, name="situation_report_start"),
    path(y, situation_report_detail, name="situation_report"),
    path(y + "sections/<slug:key>/", section_write, name="situation_report_section"),
    path(y + "tables/", source_table_add, name="situation_report_table_add"),
    path(y + "tables/<int:pk>/delete/", source_table_delete, name="situation_report_table_delete"),
    path(y + "problems/new/", problem_edit, name="situation_report_problem_add"),
    path(y + "problems/<int:pk>/", problem_edit, name="situation_report_problem"),
    path(y + "problems/<int:pk>/delete/", problem_delete, name="situation_report_problem_delete"),
    path(y + "lagesbild.pdf", situation_report_pdf_view, name="situation_report_pdf"),
    path(y + "lagesbild.docx", situation_report_docx_view, name="situation_report_docx"),
    path(y + "decide/", situation_report_decide, name="situation_report_decide"),
    path(y + "publish/", situation_report_publish, name="situation_report_publish"),
    path(r, public_situation_reports, name="public_situation_reports"),
    path(r + "<int:year>/", public_situation_report, name="public_situation_report"),
    path(
        r + "<int:year>/lagesbild.pdf",
        public_situation_report_pdf,
        name="public_situation_report_pdf",
    ),
]
