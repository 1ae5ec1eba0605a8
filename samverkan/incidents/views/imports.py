"""Data from others: bulk import of incidents, reported-crime figures, Kolada key figures and
the population (the statistics page that shows them is insights/views/statistics.py).

Upload → choose the columns (pre-filled from the headers) → check (a report with row numbers)
→ import, all or nothing. The upload waits in a PendingImport until it is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.errors import ForbiddenError, ServiceError
from samverkan.core.importing import tables
from samverkan.core.importing.limits import MAX_TABLE_BYTES
from samverkan.core.importing.models import PendingImport
from samverkan.core.importing.selectors import pending_import_in
from samverkan.core.importing.services import pending_import_create, pending_import_delete
from samverkan.core.pages import posted, run_service
from samverkan.incidents.services import bulk_import, statistics
from samverkan.organisations.models import Council, Organisation

PREVIEW_ROWS = 5


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
    next_url: str,
    back: str,
    need: Capability = Capability.CHANGE_RECORDS,
) -> HttpResponse:
    council = access_council(request.user, slug, need=need)
    form = TableUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            tables.read_table(upload.name, data)
        except ServiceError as exc:
            form.add_error("file", str(exc.message))
        else:
            pending = pending_import_create(
                council_id=council.pk, user=_login(request), filename=upload.name, data=data
            )
            return redirect(next_url, slug=slug, pk=pending.pk)
    return render(
        request,
        "incidents/import_upload.html",
        {**council_context(request.user, council), "form": form, "title": title, "back": back},
        status=400 if form.is_bound else 200,
    )


def _table_of_sheet(request: HttpRequest, pending: PendingImport) -> tuple[tables.Table, SheetForm]:
    """The upload as a table: the sheet chosen in ?sheet= (kept in the page's address, so the
    column form posts it too), else the first that holds rows. A sheet that cannot be read is
    an error on the sheet form, and the default sheet is shown instead."""
    data = bytes(pending.data)
    # The upload step has read the default sheet already: it cannot fail here.
    table = tables.read_table(pending.filename, data)
    if not table.sheets:  # a CSV file
        return table, SheetForm(None, sheets=[])
    chosen = request.GET.get("sheet")
    sheet_form = SheetForm(
        {"sheet": table.sheet if chosen is None else chosen}, sheets=table.sheets
    )
    if sheet_form.is_valid() and sheet_form.cleaned_data["sheet"] != table.sheet:
        try:
            table = tables.read_table(pending.filename, data, sheet=chosen)
        except ServiceError as exc:
            sheet_form.add_error("sheet", str(exc.message))
    return table, sheet_form


def _map(
    request: HttpRequest,
    slug: str,
    pk: int,
    *,
    title: str,
    labels: dict[str, str],
    fields: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    incidents: bool,
    check: Callable[[Council, tables.Table, MappingForm], tuple[int, int, list[Any], int]],
    save: Callable[[Council, tables.Table, MappingForm], str],
    done: str,
    need: Capability = Capability.CHANGE_RECORDS,
    guess: Callable[[list[str]], dict[str, int | None]] | None = None,
) -> HttpResponse:
    council = access_council(request.user, slug, need=need)
    pending = _pending(request, council, pk)
    table, sheet_form = _table_of_sheet(request, pending)
    form = MappingForm(
        posted(request),
        headers=table.headers,
        labels=labels,
        initial_columns=(guess or (lambda h: tables.guess_mapping(h, fields)))(table.headers),
        required=required,
        council=council if incidents else None,
        with_source=not incidents,
    )
    report: dict[str, Any] | None = None
    status = 400 if sheet_form.errors else 200
    if request.method == "POST" and not sheet_form.errors:
        if form.is_valid():
            try:
                good, skipped, problems, problem_count = check(council, table, form)
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                report = {
                    "rows": len(table.rows),
                    "good": good,
                    "skipped": skipped,
                    "problems": problems,
                    "problem_count": problem_count,
                }
                if request.POST.get("action") == "import" and not problem_count:
                    message = run_service(form, lambda: save(council, table, form))
                    if message is not None:
                        pending_import_delete(pending=pending)
                        messages.success(request, message)
                        return redirect(done, slug=slug)
        if form.errors or (report and report["problem_count"]):
            status = 400
    return render(
        request,
        "incidents/import_map.html",
        {
            **council_context(request.user, council),
            "title": title,
            "form": form,
            # Shown for a workbook of several sheets, and for a wrong sheet in the address.
            "sheet_form": sheet_form if len(table.sheets) > 1 or sheet_form.errors else None,
            "pending": pending,
            "headers": table.headers,
            "preview": [
                [("" if cell is None else cell) for cell in row]
                for row in table.rows[:PREVIEW_ROWS]
            ],
            "row_count": len(table.rows),
            "report": report,
        },
        status=status,
    )


@login_required
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    return _upload(
        request,
        slug,
        title=_("Import incidents from a table"),
        next_url="incidents:import_map",
        back="incidents:incident_list",
    )


@login_required
def import_map(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def check(
        council: Council, table: tables.Table, form: MappingForm
    ) -> tuple[int, int, list[Any], int]:
        checked = bulk_import.incidents_import_check(
            council=council,
            table=table,
            mapping=form.columns(),
            organisation=form.cleaned_data.get("organisation"),
        )
        return len(checked.incidents), checked.skipped, checked.problems, checked.problem_count

    def save(council: Council, table: tables.Table, form: MappingForm) -> str:
        result = bulk_import.incidents_import(
            actor=request.user,
            council=council,
            table=table,
            mapping=form.columns(),
            organisation=form.cleaned_data.get("organisation"),
        )
        return (
            ngettext(
                "%(count)d incident was imported.",
                "%(count)d incidents were imported.",
                result.created,
            )
            % {"count": result.created}
            + " "
            + ngettext(
                "%(count)d was already imported and skipped.",
                "%(count)d were already imported and skipped.",
                result.skipped,
            )
            % {"count": result.skipped}
        )

    return _map(
        request,
        slug,
        pk,
        title=_("Choose the columns of the incidents"),
        labels=bulk_import.field_labels(),
        fields=bulk_import.FIELDS,
        required=bulk_import.REQUIRED,
        incidents=True,
        check=check,
        save=save,
        done="incidents:incident_list",
        guess=bulk_import.guess_mapping,
    )


@login_required
def statistics_import(request: HttpRequest, slug: str) -> HttpResponse:
    return _upload(
        request,
        slug,
        title=_("Import reported crimes from a table"),
        next_url="incidents:statistics_map",
        back="insights:statistics",
        need=Capability.IMPORT_STATISTICS,
    )


@login_required
def statistics_map(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def check(
        council: Council, table: tables.Table, form: MappingForm
    ) -> tuple[int, int, list[Any], int]:
        checked = statistics.crime_statistics_check(
            council=council, table=table, mapping=form.columns()
        )
        if checked.left_out:
            messages.info(request, statistics.left_out_text(checked))
        return len(checked.figures), 0, checked.problems, len(checked.problems)

    def save(council: Council, table: tables.Table, form: MappingForm) -> str:
        result = statistics.crime_statistics_import(
            actor=request.user,
            council=council,
            table=table,
            mapping=form.columns(),
            source=form.cleaned_data.get("source") or "",
        )
        return _("%(created)d figures added, %(updated)d updated.") % {
            "created": result.created,
            "updated": result.updated,
        }

    return _map(
        request,
        slug,
        pk,
        title=_("Choose the columns of the reported crimes"),
        labels=statistics.crime_field_labels(),
        fields=statistics.CRIME_FIELDS,
        required=statistics.CRIME_REQUIRED,
        incidents=False,
        check=check,
        save=save,
        done="insights:statistics",
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
    path(c + "statistics/import/", statistics_import, name="statistics_import"),
    path(c + "statistics/import/<int:pk>/", statistics_map, name="statistics_map"),
    path(c + "statistics/kolada/", statistics_kolada, name="statistics_kolada"),
    path(c + "statistics/population/", statistics_population, name="statistics_population"),
]
