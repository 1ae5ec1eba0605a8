"""Pages of safety walks: planning, adding findings on a phone during the walk, taking each
finding up as a plan activity or an incident, and the walk report as PDF/A and DOCX."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, masked_for
from samverkan.core import pages
from samverkan.core.audit import history_of
from samverkan.core.errors import NotFoundError
from samverkan.core.pages import paginate, posted, run_service
from samverkan.dialogue.access import access_walk, access_walk_for_findings, can_record_findings
from samverkan.dialogue.documents.walk_report import walk_report_docx, walk_report_pdf
from samverkan.dialogue.forms.dialogues import ToActivityForm
from samverkan.dialogue.forms.walks import FindingEditForm, FindingForm, ToIncidentForm, WalkForm
from samverkan.dialogue.models import Finding, SafetyWalk
from samverkan.dialogue.selectors.walks import finding_in, walks_of
from samverkan.dialogue.services import walks
from samverkan.dialogue.views.pages import confirm_delete_page, council_page, form_page
from samverkan.dialogue.walk_map import walk_map
from samverkan.incidents.selectors import places_geojson
from samverkan.plans.masking import mask_activities


def _walk(request: HttpRequest, slug: str, pk: int, need: Capability) -> SafetyWalk:
    return access_walk(request.user, slug, pk, need=need)


@login_required
def walk_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    page = paginate(request, walks_of(council))
    return render(request, "dialogue/walk_list.html", council_page(request, council, page=page))


@login_required
def walk_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = WalkForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        walk = run_service(
            form,
            lambda: walks.walk_create(
                actor=request.user, council=council, fields=form.walk_fields()
            ),
        )
        if walk:
            messages.success(request, _("The safety walk was planned."))
            return redirect("dialogue:walk_detail", slug=slug, pk=walk.pk)
    return form_page(
        request,
        "dialogue/walk_form.html",
        council,
        form,
        title=_("Plan a safety walk"),
        map_places=places_geojson(council),
    )


def _findings(request: HttpRequest, walk: SafetyWalk) -> list[Finding]:
    """The walk's findings, their plan activities masked as the viewer must read them."""
    findings = list(walk.findings.all())
    mask_activities((f.activity for f in findings), public=masked_for(request.user, walk.council))
    return findings


@login_required
def walk_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    walk = _walk(request, slug, pk, Capability.VIEW_COUNCIL)
    findings = _findings(request, walk)
    return render(
        request,
        "dialogue/walk_detail.html",
        council_page(
            request,
            walk.council,
            walk=walk,
            findings=findings,
            map=walk_map(walk, findings),
            history=history_of(walk)[:20],
            can_record_findings=can_record_findings(request.user, walk),
            not_walked_yet=walk.walked_on > timezone.localdate(),
        ),
    )


@login_required
def walk_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    walk = _walk(request, slug, pk, Capability.CHANGE_RECORDS)
    form = WalkForm(posted(request), council=walk.council, initial=WalkForm.initial_of(walk))
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: walks.walk_update(actor=request.user, walk=walk, fields=form.walk_fields()),
        )
        if done:
            messages.success(request, _("The safety walk was saved."))
            return redirect("dialogue:walk_detail", slug=slug, pk=walk.pk)
    return form_page(
        request,
        "dialogue/walk_form.html",
        walk.council,
        form,
        title=_("Edit the safety walk"),
        walk=walk,
        map_places=places_geojson(walk.council),
    )


@login_required
def walk_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    walk = _walk(request, slug, pk, Capability.CHANGE_RECORDS)
    if request.method != "POST":
        return confirm_delete_page(
            request,
            walk.council,
            heading=_("Remove the safety walk?"),
            text=_(
                "The walk and its findings are removed. Activities and incidents made from them"
                " stay."
            ),
            back=reverse("dialogue:walk_detail", kwargs={"slug": slug, "pk": walk.pk}),
            back_label=str(walk),
        )
    walks.walk_delete(actor=request.user, walk=walk)
    messages.success(request, _("The safety walk was removed."))
    return redirect("dialogue:walk_list", slug=slug)


@login_required
def walk_finding_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    walk = access_walk_for_findings(request.user, slug, pk)
    form = FindingForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        finding = run_service(
            form,
            lambda: walks.finding_add(actor=request.user, walk=walk, fields=form.finding_fields()),
        )
        if finding:
            messages.success(
                request, _("Finding %(number)s was added.") % {"number": finding.number}
            )
            return redirect(
                reverse("dialogue:walk_finding_add", kwargs={"slug": slug, "pk": walk.pk})
            )
    return pages.form_page(
        request,
        "dialogue/walk_finding_form.html",
        council_page(
            request,
            walk.council,
            walk=walk,
            count=len(walk.findings.all()),
            map_places=places_geojson(walk.council),
        ),
        form=form,
    )


@login_required
def walk_finding_edit(request: HttpRequest, slug: str, pk: int, finding_pk: int) -> HttpResponse:
    walk = _walk(request, slug, pk, Capability.CHANGE_RECORDS)
    finding = finding_in(walk, finding_pk)
    form = FindingEditForm(
        posted(request),
        request.FILES or None,
        finding=finding,
        initial=FindingEditForm.initial_of(finding),
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: walks.finding_update(
                actor=request.user, finding=finding, fields=form.finding_fields()
            ),
        )
        if done:
            messages.success(
                request, _("Finding %(number)s was saved.") % {"number": finding.number}
            )
            return redirect(
                reverse("dialogue:walk_detail", kwargs={"slug": slug, "pk": walk.pk})
                + f"#finding-{finding.pk}"
            )
    return pages.form_page(
        request,
        "dialogue/walk_finding_form.html",
        council_page(
            request,
            walk.council,
            walk=walk,
            finding=finding,
            map_places=places_geojson(walk.council),
        ),
        form=form,
    )


@login_required
@require_POST
def walk_finding_delete(request: HttpRequest, slug: str, pk: int, finding_pk: int) -> HttpResponse:
    walk = _walk(request, slug, pk, Capability.CHANGE_RECORDS)
    finding = finding_in(walk, finding_pk)
    walks.finding_delete(actor=request.user, finding=finding)
    messages.success(request, _("The finding was removed."))
    return redirect("dialogue:walk_detail", slug=slug, pk=walk.pk)


@login_required
def walk_finding_photo(request: HttpRequest, slug: str, pk: int, finding_pk: int) -> FileResponse:
    walk = _walk(request, slug, pk, Capability.VIEW_COUNCIL)
    finding = finding_in(walk, finding_pk)
    if not finding.photo:
        raise NotFoundError
    response = FileResponse(finding.photo.open("rb"), content_type=finding.photo_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def walk_finding_to_activity(
    request: HttpRequest, slug: str, pk: int, finding_pk: int
) -> HttpResponse:
    walk = _walk(request, slug, pk, Capability.MANAGE_PLANS)
    finding = finding_in(walk, finding_pk)
    form = ToActivityForm(posted(request), council=walk.council)
    del form.fields["text"]
    if request.method == "POST" and form.is_valid():
        activity = run_service(
            form,
            lambda: walks.finding_to_activity(
                actor=request.user, finding=finding, plan=form.cleaned_data["plan"]
            ),
        )
        if activity:
            messages.success(request, _("The finding became an activity of the plan."))
            return redirect("dialogue:walk_detail", slug=slug, pk=walk.pk)
    return form_page(
        request,
        "dialogue/walk_form.html",
        walk.council,
        form,
        title=_("Make finding %(number)s a plan activity") % {"number": finding.number},
        walk=walk,
        finding=finding,
        submit_label=_("Add to the plan"),
    )


@login_required
def walk_finding_to_incident(
    request: HttpRequest, slug: str, pk: int, finding_pk: int
) -> HttpResponse:
    walk = _walk(request, slug, pk, Capability.CHANGE_RECORDS)
    finding = finding_in(walk, finding_pk)
    form = ToIncidentForm(posted(request), council=walk.council)
    if request.method == "POST" and form.is_valid():
        incident = run_service(
            form,
            lambda: walks.finding_to_incident(
                actor=request.user, finding=finding, category=form.cleaned_data["category"]
            ),
        )
        if incident:
            messages.success(request, _("The finding was reported as an incident."))
            return redirect("dialogue:walk_detail", slug=slug, pk=walk.pk)
    return form_page(
        request,
        "dialogue/walk_form.html",
        walk.council,
        form,
        title=_("Report finding %(number)s as an incident") % {"number": finding.number},
        walk=walk,
        finding=finding,
        incident_time={"at": walks.walk_starts(walk), "known": walk.starts_at is not None},
        submit_label=_("Report the incident"),
    )


def _report_name(walk: SafetyWalk, extension: str) -> str:
    return f"trygghetsvandring-{walk.walked_on:%Y-%m-%d}-{walk.pk}.{extension}"


@login_required
def walk_report_pdf_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    walk = _walk(request, slug, pk, Capability.VIEW_COUNCIL)
    response = HttpResponse(
        walk_report_pdf(walk, _findings(request, walk)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{_report_name(walk, "pdf")}"'
    return response


@login_required
def walk_report_docx_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    walk = _walk(request, slug, pk, Capability.VIEW_COUNCIL)
    response = HttpResponse(
        walk_report_docx(walk, _findings(request, walk)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_report_name(walk, "docx")}"'
    return response


W = "councils/<slug:slug>/safety-walks/"
F = W + "<int:pk>/findings/<int:finding_pk>/"
urlpatterns: list[URLPattern] = [
    path(W, walk_list, name="walk_list"),
    path(f"{W}new/", walk_create, name="walk_create"),
    path(f"{W}<int:pk>/", walk_detail, name="walk_detail"),
    path(f"{W}<int:pk>/edit/", walk_edit, name="walk_edit"),
    path(f"{W}<int:pk>/delete/", walk_delete, name="walk_delete"),
    path(f"{W}<int:pk>/findings/new/", walk_finding_add, name="walk_finding_add"),
    path(f"{F}edit/", walk_finding_edit, name="walk_finding_edit"),
    path(f"{F}delete/", walk_finding_delete, name="walk_finding_delete"),
    path(f"{F}photo/", walk_finding_photo, name="walk_finding_photo"),
    path(f"{F}activity/", walk_finding_to_activity, name="walk_finding_to_activity"),
    path(f"{F}incident/", walk_finding_to_incident, name="walk_finding_to_incident"),
    path(f"{W}<int:pk>/report.pdf", walk_report_pdf_view, name="walk_report_pdf"),
    path(f"{W}<int:pk>/report.docx", walk_report_docx_view, name="walk_report_docx"),
]
