"""Data from others: bulk import of incidents, reported-crime figures, Kolada key figures and
the population (the statistics page that shows them is insights/views/statistics.py).

Upload → choose the columns (pre-filled from the headers) → check (a report with row numbers)
→ import, all or nothing. The upload waits in a PendingImport until it is imported. Reading,
checking and importing a table run in `samverkan worker` (`incidents/tasks.py`); the page
queues the step and shows its progress (`import_job`), which can be left, found again in the
list of the council's imports (`import_jobs`) and cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.accounts.access import (
    Capability,
    access_council,
    capabilities_in,
    council_context,
)
from samverkan.core.errors import ForbiddenError, NotFoundError, ServiceError
from samverkan.core.importing import tables
from samverkan.core.importing.limits import MAX_TABLE_BYTES
from samverkan.core.importing.models import ImportJob, ImportState, PendingImport
from samverkan.core.importing.selectors import import_job_in, import_jobs_in, pending_import_in
from samverkan.core.importing.services import import_job_cancel as import_job_stop
from samverkan.core.importing.services import import_job_create, pending_import_create
from samverkan.core.pages import paginate, posted, run_service
from samverkan.incidents import tasks
from samverkan.incidents.services import bulk_import, statistics
from samverkan.organisations.models import Council, Organisation


class TableUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Table (CSV or XLSX)"),
        help_text=gettext_lazy("The first row holds the column names."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_TABLE_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a CSV or XLSX file."))
        return upload


class KoladaForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Kolada file (JSON)"),
        help_text=gettext_lazy(
            "The answer of Kolada's API v2, saved as a file: /v2/data/kpi/…/municipality/…"
        ),
    )


class PopulationForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1900, max_value=2200)
    # Under the database's integer limit: a larger figure would be a server error, not a message.
    count = forms.IntegerField(label=gettext_lazy("Inhabitants"), min_value=1, max_value=2**31 - 1)


class SheetForm(forms.Form):
    """The sheet of a workbook with several (sent with GET: the page then shows its columns)."""

    def __init__(self, data: Any, *, sheets: list[str]) -> None:
        super().__init__(data)
        self.fields["sheet"] = forms.ChoiceField(
            label=_("Sheet"),
            choices=[(name, name) for name in sheets],
            error_messages={
                "invalid_choice": _("The workbook has no sheet named “%(value)s”."),
            },
        )


class MappingForm(forms.Form):
    """One choice of column per field, and for incidents the reporting organisation."""

    def __init__(
        self,
        data: Any,
        *,
        headers: list[str],
        labels: dict[str, str],
        initial_columns: dict[str, int | None],
        required: tuple[str, ...],
        council: Council | None = None,
        with_source: bool = False,
    ) -> None:
        super().__init__(data)
        choices = [("", _("— not in the file —"))] + [
            (str(index), header or _("Column %(number)d") % {"number": index + 1})
            for index, header in enumerate(headers)
        ]
        for name, label in labels.items():
            guess = initial_columns.get(name)
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=name in required,
                initial="" if guess is None else str(guess),
            )
        if council is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Reporting organisation"),
                queryset=Organisation.objects.filter(council=council).order_by("name"),
                required=False,
                help_text=_("The same id is imported once per organisation."),
            )
        if with_source:
            self.fields["source"] = forms.CharField(
                label=_("Source"),
                max_length=200,
                required=False,
                initial="Brå, anmälda brott",
            )

    def columns(self) -> dict[str, int | None]:
        return {
            name: (int(value) if value not in (None, "") else None)
            for name, value in self.cleaned_data.items()
            if name not in ("organisation", "source")
        }


def _login(request: HttpRequest) -> User:
    """The logged-in user of a login_required view."""
    if not isinstance(request.user, User):
        raise ForbiddenError
    return request.user


def _pending(request: HttpRequest, council: Council, pk: int) -> PendingImport:
    return pending_import_in(council.pk, pk, _login(request).pk)


def _upload(
    request: HttpRequest,
    slug: str,
    *,
    title: str,
    kind: str,
    back: str,
    need: Capability = Capability.CHANGE_RECORDS,
) -> HttpResponse:
    council = access_council(request.user, slug, need=need)
    form = TableUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # The request only keeps the upload; the worker reads it (a large workbook takes long).
        pending = pending_import_create(
            council_id=council.pk, user=_login(request), filename=upload.name, data=upload.read()
        )
        return queue_import(
            request, council, kind=kind, step=tasks.READ, pending=pending, params={}
        )
    return render(
        request,
        "incidents/import_upload.html",
        {**council_context(request.user, council), "form": form, "title": title, "back": back},
        status=400 if form.is_bound else 200,
    )


def queue_import(
    request: HttpRequest,
    council: Council,
    *,
    kind: str,
    step: str,
    pending: PendingImport,
    params: dict[str, Any],
) -> HttpResponse:
    """Queue a step of an import for the worker and show its progress."""
    job = import_job_create(
        council_id=council.pk,
        user=_login(request),
        kind=kind,
        step=step,
        pending=pending,
        filename=pending.filename,
        page=lambda pk: reverse("incidents:import_job", args=[council.slug, pk]),
        params={"sheet": None, **params},
        # Reading and checking save nothing: a step whose worker died may simply run again.
        resume_with="samverkan.incidents.tasks.table_import_run"
        if kind != tasks.POLICE and step in (tasks.READ, tasks.CHECK)
        else "",
    )
    if kind == tasks.POLICE:
        tasks.police_events_import_run.enqueue(job.pk)
    else:
        tasks.table_import_run.enqueue(job.pk)
    return redirect(job.page)


def _read_of(pending: PendingImport, sheet: str | None) -> ImportJob | None:
    """The latest reading of the upload (of the named sheet, else of the default one)."""
    return (
        ImportJob.objects.filter(pending=pending, step=tasks.READ, params__sheet=sheet)
        .exclude(state__in=[ImportState.FAILED, ImportState.CANCELLED])
        .order_by("-created_at", "-id")
        .first()
    )


def _map(
    request: HttpRequest,
    slug: str,
    pk: int,
    *,
    title: str,
    kind: str,
    labels: dict[str, str],
    fields: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    need: Capability = Capability.CHANGE_RECORDS,
    guess: Callable[[list[str]], dict[str, int | None]] | None = None,
) -> HttpResponse:
    council = access_council(request.user, slug, need=need)
    pending = _pending(request, council, pk)
    incidents = kind == tasks.INCIDENTS
    # The columns and first rows come from the worker's reading of the file: the default sheet
    # first, then the sheet chosen in ?sheet= (kept in the page's address, so the column form
    # posts it too). A sheet the workbook lacks is an error on the sheet form.
    read = _read_of(pending, None)
    if read is None or read.state != ImportState.DONE:
        if read is not None:
            return redirect(read.page)
        return queue_import(
            request, council, kind=kind, step=tasks.READ, pending=pending, params={}
        )
    sheets: list[str] = read.result.get("sheets", [])
    chosen = request.GET.get("sheet")
    sheet_form = SheetForm(
        {"sheet": read.result.get("sheet") if chosen is None else chosen}, sheets=sheets
    )
    if sheets and sheet_form.is_valid() and chosen and chosen != read.result.get("sheet"):
        of_sheet = _read_of(pending, chosen)
        if of_sheet is None:
            return queue_import(
                request,
                council,
                kind=kind,
                step=tasks.READ,
                pending=pending,
                params={"sheet": chosen},
            )
        if of_sheet.state != ImportState.DONE:
            return redirect(of_sheet.page)
        read = of_sheet
    if not sheets:  # a CSV file
        sheet_form = SheetForm(None, sheets=[])
    headers: list[str] = read.result.get("headers", [])
    form = MappingForm(
        posted(request),
        headers=headers,
        labels=labels,
        initial_columns=(guess or (lambda h: tables.guess_mapping(h, fields)))(headers),
        required=required,
        council=council if incidents else None,
        with_source=not incidents,
    )
    status = 400 if sheet_form.errors else 200
    if request.method == "POST" and not sheet_form.errors:
        if form.is_valid():
            organisation = form.cleaned_data.get("organisation")
            params = {
                "sheet": read.params.get("sheet"),
                "mapping": form.columns(),
                "organisation": organisation.pk if organisation is not None else None,
                "source": form.cleaned_data.get("source") or "",
            }
            step = tasks.IMPORT if request.POST.get("action") == "import" else tasks.CHECK
            return queue_import(
                request, council, kind=kind, step=step, pending=pending, params=params
            )
        status = 400
    return render(
        request,
        "incidents/import_map.html",
        {
            **council_context(request.user, council),
            "title": title,
            "form": form,
            # Shown for a workbook of several sheets, and for a wrong sheet in the address.
            "sheet_form": sheet_form if len(sheets) > 1 or sheet_form.errors else None,
            "pending": pending,
            "headers": headers,
            "preview": read.result.get("preview", []),
            "row_count": read.result.get("rows", 0),
        },
        status=status,
    )


# What each kind of table import needs, and where its page sends the user when it is done.
# (capability, the columns' page or "", the page after it, the upload page)
KINDS: dict[str, tuple[Capability, str, str, str]] = {
    tasks.INCIDENTS: (
        Capability.CHANGE_RECORDS,
        "incidents:import_map",
        "incidents:incident_list",
        "incidents:import_upload",
    ),
    tasks.STATISTICS: (
        Capability.IMPORT_STATISTICS,
        "incidents:statistics_map",
        "insights:statistics",
        "incidents:statistics_import",
    ),
    tasks.POLICE: (
        Capability.CHANGE_RECORDS,
        "",
        "incidents:police_events",
        "incidents:police_events_upload",
    ),
}


def _job(request: HttpRequest, slug: str, pk: int) -> tuple[Council, ImportJob]:
    """The council's import `pk`, for a viewer who may run that kind of import."""
    council = access_council(request.user, slug, need=Capability.VIEW_COUNCIL)
    job = import_job_in(council.pk, pk)
    if job.kind not in KINDS:
        raise NotFoundError
    access_council(request.user, slug, need=KINDS[job.kind][0])
    return council, job


@login_required
def import_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An import's progress while it runs; its report or outcome once done. A posted "import"
    queues the import of a checked table."""
    council, job = _job(request, slug, pk)
    _need, map_url, done_url, upload_url = KINDS[job.kind]
    if request.method == "POST":
        report = job.result.get("report") or {}
        if (
            job.state == ImportState.DONE
            and job.step == tasks.CHECK
            and not report.get("problem_count")
            and job.pending is not None
        ):
            return queue_import(
                request,
                council,
                kind=job.kind,
                step=tasks.IMPORT,
                pending=pending_import_in(council.pk, job.pending.pk, _login(request).pk),
                params={k: v for k, v in job.params.items() if k != "language"},
            )
        return redirect(job.page)
    if job.finished and getattr(request, "htmx", False):
        # The bar is done: the whole page (the report) replaces it.
        return HttpResponse(headers={"HX-Refresh": "true"})
    if job.state == ImportState.DONE and job.step == tasks.READ and job.pending is not None:
        address = reverse(map_url, args=[council.slug, job.pending.pk])
        sheet = job.params.get("sheet")
        return redirect(address + (f"?{urlencode({'sheet': sheet})}" if sheet else ""))
    context = {
        **council_context(request.user, council),
        "job": job,
        "report": job.result.get("report"),
        "map_url": (
            reverse(map_url, args=[council.slug, job.pending.pk])
            # A file that could not be read has no columns to choose.
            if job.pending and map_url and job.step != tasks.READ
            else None
        ),
        "done_url": reverse(done_url, args=[council.slug]),
        "cancel_url": reverse("incidents:import_job_cancel", args=[council.slug, job.pk]),
        "upload_url": reverse(upload_url, args=[council.slug]),
    }
    if getattr(request, "htmx", False):
        return render(request, "components/import_progress.html", context)
    status = 400 if job.state == ImportState.FAILED else 200
    return render(request, "incidents/import_job.html", context, status=status)


@login_required
def import_job_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Cancel a running import (POST); nothing it has read is saved."""
    _council, job = _job(request, slug, pk)
    if request.method == "POST":
        try:
            import_job_stop(job=job)
        except ServiceError as exc:
            messages.error(request, str(exc.message))
    return redirect(job.page)


@login_required
def import_jobs(request: HttpRequest, slug: str) -> HttpResponse:
    """The council's imports of incidents' data, running and recent, to find one again."""
    council = access_council(request.user, slug, need=Capability.VIEW_COUNCIL)
    may = capabilities_in(request.user, council)
    kinds = tuple(kind for kind, (need, *_pages) in KINDS.items() if need in may)
    if not kinds:
        raise ForbiddenError
    page = paginate(request, import_jobs_in(council.pk, kinds=kinds))
    return render(
        request,
        "incidents/import_jobs.html",
        {**council_context(request.user, council), "page": page, "jobs": page.object_list},
    )


@login_required
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    return _upload(
        request,
        slug,
        title=_("Import incidents from a table"),
        kind=tasks.INCIDENTS,
        back="incidents:incident_list",
    )


@login_required
def import_map(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _map(
        request,
        slug,
        pk,
        title=_("Choose the columns of the incidents"),
        kind=tasks.INCIDENTS,
        labels=bulk_import.field_labels(),
        fields=bulk_import.FIELDS,
        required=bulk_import.REQUIRED,
        guess=bulk_import.guess_mapping,
    )


@login_required
def statistics_import(request: HttpRequest, slug: str) -> HttpResponse:
    return _upload(
        request,
        slug,
        title=_("Import reported crimes from a table"),
        kind=tasks.STATISTICS,
        back="insights:statistics",
        need=Capability.IMPORT_STATISTICS,
    )


@login_required
def statistics_map(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _map(
        request,
        slug,
        pk,
        title=_("Choose the columns of the reported crimes"),
        kind=tasks.STATISTICS,
        labels=statistics.crime_field_labels(),
        fields=statistics.CRIME_FIELDS,
        required=statistics.CRIME_REQUIRED,
        need=Capability.IMPORT_STATISTICS,
        guess=statistics.crime_guess_mapping,
    )


@login_required
def statistics_kolada(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.IMPORT_STATISTICS)
    form = KoladaForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        result = run_service(
            form,
            lambda: statistics.key_figures_import(actor=request.user, council=council, data=data),
        )
        if result is not None:
            messages.success(
                request,
                _("%(created)d figures added, %(updated)d updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("insights:statistics", slug=slug)
    return render(
        request,
        "incidents/import_upload.html",
        {
            **council_context(request.user, council),
            "form": form,
            "title": _("Import key figures from Kolada"),
            "back": "insights:statistics",
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def statistics_population(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.IMPORT_STATISTICS)
    form = PopulationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            lambda: statistics.population_set(
                actor=request.user, council=council, year=data["year"], count=data["count"]
            ),
        ):
            messages.success(request, _("The population was saved."))
            return redirect("insights:statistics", slug=slug)
    return render(
        request,
        "incidents/import_upload.html",
        {
            **council_context(request.user, council),
            "form": form,
            "title": _("Enter the population"),
            "back": "insights:statistics",
        },
        status=400 if form.is_bound else 200,
    )


c = "councils/<slug:slug>/incidents/"
urlpatterns = [
    path(c + "import/", import_upload, name="import_upload"),
    path(c + "import/<int:pk>/", import_map, name="import_map"),
    path(c + "imports/", import_jobs, name="import_jobs"),
    path(c + "imports/<int:pk>/", import_job, name="import_job"),
    path(c + "imports/<int:pk>/cancel/", import_job_cancel, name="import_job_cancel"),
    path(c + "statistics/import/", statistics_import, name="statistics_import"),
    path(c + "statistics/import/<int:pk>/", statistics_map, name="statistics_map"),
    path(c + "statistics/kolada/", statistics_kolada, name="statistics_kolada"),
    path(c + "statistics/population/", statistics_population, name="statistics_population"),
]
