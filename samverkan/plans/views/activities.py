"""Pages of the plans app: the plans of a council, a plan as a table or a board with its
filters and exports, activities, and the status updates partners post from a phone."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import (
    Capability,
    access_council,
    can,
    council_context,
    masked_for,
)
from samverkan.core import exports
from samverkan.core.audit import history_of
from samverkan.core.errors import ForbiddenError, ServiceError
from samverkan.core.pages import paginate, posted, run_service
from samverkan.organisations.models import Council, Organisation
from samverkan.plans.access import can_report_on, my_organisation_ids
from samverkan.plans.forms.activities import (
    ActivityForm,
    FromDecisionForm,
    PlanFilterForm,
    PlanForm,
    StatusForm,
)
from samverkan.plans.masking import mask_activities
from samverkan.plans.models import Activity, Plan, council_links
from samverkan.plans.selectors.activities import (
    EXPORT_HEADERS,
    PlanFilters,
    PlanRow,
    activities_from_decision,
    activity_in,
    activity_is_overdue,
    board_columns,
    decision_in,
    export_rows,
    filtered_activities,
    plan_for_year,
    plan_in,
    plans_of,
    status_update_in,
    updates_of,
)
from samverkan.plans.selectors.agreements import agreements_of
from samverkan.plans.selectors.indicators import indicators_of
from samverkan.plans.selectors.promises import promise_sets_visible_to
from samverkan.plans.services import activities


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


# The council's plans ------------------------------------------------------------------------


@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    """The council's agreements, promises and plans, a year at a time, newest first."""
    council = access_council(request.user, slug)
    plans = plans_of(council).annotate(activity_count=Count("activities"))
    promise_sets = promise_sets_visible_to(request.user, council)
    agreements = agreements_of(council)
    years: dict[int, dict[str, list[Any]]] = defaultdict(
        lambda: {"plans": [], "promise_sets": [], "agreements": []}
    )
    for plan in plans:
        years[plan.year]["plans"].append(plan)
    for promise_set in promise_sets:
        year = promise_set.year or (promise_set.valid_from.year if promise_set.valid_from else 0)
        years[year]["promise_sets"].append(promise_set)
    for agreement in agreements:
        start = agreement.valid_from or agreement.signed_on
        years[start.year if start else 0]["agreements"].append(agreement)
    ordered = sorted(years.items(), key=lambda item: -item[0])
    page = Paginator(ordered, 10).get_page(request.GET.get("page"))
    return render(request, "plans/index.html", _context(request, council, page=page))


@login_required
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    form = PlanForm(posted(request), council=council, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        plan = run_service(
            form,
            lambda: activities.plan_create(
                actor=request.user, council=council, **form.cleaned_data
            ),
        )
        if plan is not None:
            messages.success(request, _("The plan was created."))
            return redirect("plans:plan_detail", slug=slug, pk=plan.pk)
    return render(
        request,
        "plans/plan_form.html",
        _context(request, council, form=form),
        status=400 if form.is_bound else 200,
    )


@login_required
def plan_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The plan's title, years, promises, and the decision that adopted it."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    plan = plan_in(council, pk)
    initial = {
        "title": plan.title,
        "year": plan.year,
        "end_year": plan.end_year,
        "promise_set": plan.promise_set,
        "decision": plan.decision,
    }
    form = PlanForm(posted(request), council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: activities.plan_update(actor=request.user, plan=plan, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, _("The plan was saved."))
            return redirect("plans:plan_detail", slug=slug, pk=plan.pk)
    return render(
        request,
        "plans/plan_form.html",
        _context(request, council, form=form, plan=plan),
        status=400 if form.is_bound else 200,
    )


# A plan: table, board, export ------------------------------------------------------------


def _filters(
    request: HttpRequest, council: Council, plan: Plan
) -> tuple[PlanFilterForm, PlanFilters]:
    organisations = list(Organisation.objects.filter(council=council).order_by("name"))
    form = PlanFilterForm(request.GET or None, plan=plan, organisations=organisations)
    values = form.values() if request.GET else {}
    filters = PlanFilters(
        promise=values.get("promise"),
        organisation=values.get("organisation"),
        status=values.get("status") or "",
        mine=bool(values.get("mine")),
        overdue=bool(values.get("overdue")),
        stale=bool(values.get("stale")),
        my_organisations=my_organisation_ids(request.user, council),
    )
    return form, filters


@login_required
def plan_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    plan = plan_in(council, pk)
    form, filters = _filters(request, council, plan)
    board = request.GET.get("view") == "board"
    page = paginate(request, filtered_activities(plan, filters))
    mask_activities(page.object_list, public=masked_for(request.user, council))
    manager = can(request.user, council, Capability.MANAGE_PLANS)
    today = timezone.localdate()
    items = [
        PlanRow(
            activity=a,
            overdue=activity_is_overdue(a, today),
            can_report=manager
            or any(o.pk in filters.my_organisations for o in a.organisations.all()),
        )
        for a in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    # The report form sends the reporter back to this list, filters and view kept.
    report_query = query.urlencode()
    query.pop("view", None)
    return render(
        request,
        "plans/plan_detail.html",
        _context(
            request,
            council,
            plan=plan,
            form=form,
            page=page,
            items=items,
            board=board,
            columns=board_columns(items) if board else [],
            filtered=bool(request.GET.keys() - {"page", "view"}),
            query=query.urlencode(),
            report_query=report_query,
            mine_requested=filters.mine,
            has_organisations=bool(filters.my_organisations),
            stale_days=settings.PLAN_STALE_DAYS,
        ),
    )


def _export_rows(request: HttpRequest, council: Council, pk: int) -> tuple[Plan, list[Any]]:
    plan = plan_in(council, pk)
    _form, filters = _filters(request, council, plan)
    with_people = can(request.user, council, Capability.VIEW_PEOPLE)
    chosen = list(filtered_activities(plan, filters))
    mask_activities(chosen, public=masked_for(request.user, council))
    return plan, export_rows(chosen, with_people=with_people)


def _export_table(request: HttpRequest, slug: str, pk: int) -> tuple[Plan, exports.Table]:
    council = access_council(request.user, slug)
    plan, table = _export_rows(request, council, pk)
    return plan, exports.Table(
        header=EXPORT_HEADERS,
        rows=table,
        name="Genomförandeplan",
        title=plan.title,
        widths=(60, 30, 14, 12, 12, 10, 40),
    )


@login_required
def plan_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The (filtered) plan as CSV, which `samverkan import-document` reads back."""
    plan, table = _export_table(request, slug, pk)
    return exports.csv_response(table, filename=f"genomforandeplan-{plan.year}-{plan.pk}.csv")


@login_required
def plan_xlsx(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, table = _export_table(request, slug, pk)
    return exports.xlsx_response(table, filename=f"genomforandeplan-{plan.year}-{plan.pk}.xlsx")


# Activities -------------------------------------------------------------------------------


def _activity_form_page(
    request: HttpRequest,
    council: Council,
    form: ActivityForm,
    *,
    plan: Plan | None,
    title: str,
    activity: Activity | None = None,
    decision: Any = None,
) -> HttpResponse:
    return render(
        request,
        "plans/activity_form.html",
        _context(
            request,
            council,
            form=form,
            plan=plan,
            title=title,
            activity=activity,
            decision=decision,
        ),
        status=400 if form.is_bound else 200,
    )


@login_required
def activity_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    plan = plan_in(council, pk)
    form = ActivityForm(posted(request), plan=plan, council=council, with_lead=True)
    if request.method == "POST" and form.is_valid():
        activity = run_service(
            form,
            lambda: activities.activity_create(
                actor=request.user, plan=plan, fields=form.activity_fields()
            ),
        )
        if activity is not None:
            messages.success(request, _("The activity was added to the plan."))
            return redirect("plans:activity_detail", slug=slug, pk=activity.pk)
    return _activity_form_page(request, council, form, plan=plan, title=_("New activity"))


@login_required
def activity_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    activity = activity_in(council, pk)
    see_people = can(request.user, council, Capability.VIEW_PEOPLE)
    public = masked_for(request.user, council)
    siblings = (
        list(activities_from_decision(activity.decision).exclude(pk=activity.pk))
        if activity.decision is not None
        else []
    )
    carried_to = list(activity.carried_to.select_related("plan"))
    restricted = public and (
        activity.not_for_publication
        or (activity.decision is not None and activity.decision.item.not_for_publication)
    )
    mask_activities([activity, activity.carried_from, *siblings, *carried_to], public=public)
    return render(
        request,
        "plans/activity_detail.html",
        _context(
            request,
            council,
            activity=activity,
            plan=activity.plan,
            # Internal notes are for those who read restricted content, as in the reports.
            updates=paginate(
                request,
                updates_of(activity, public=public).select_related("author__person"),
            ),
            overdue=activity_is_overdue(activity),
            can_report=can_report_on(request.user, council, activity),
            siblings=siblings,
            carried_to=carried_to,
            indicators=indicators_of(activity, public=public),
            # Who changed what names people: shown to those who may see people; the history
            # holds the texts as they were, so not to those who read a restricted one masked.
            history=history_of(activity)[:50] if see_people and not restricted else None,
        ),
    )


@login_required
def activity_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    activity = activity_in(council, pk)
    with_lead = can(request.user, council, Capability.VIEW_PEOPLE)
    initial = {
        "text": activity.text,
        "organisations": list(activity.organisations.all()),
        "responsible_text": activity.responsible_text,
        "lead": activity.lead,
        "starts_on": activity.starts_on,
        "due_on": activity.due_on,
        "promises": list(activity.promises.all()),
        "place": activity.place,
        "cause": activity.cause,
        "measure": activity.measure,
        "goal": activity.goal,
        "when_text": activity.when_text,
        "grade": activity.grade,
        "not_for_publication": activity.not_for_publication,
        "target_group": activity.target_group,
        "resource_hours": activity.resource_hours,
        "resource_kronor": activity.resource_kronor,
        **{link.name: list(getattr(activity, link.name).all()) for link, _path in council_links()},
    }
    form = ActivityForm(
        posted(request), initial=initial, plan=activity.plan, council=council, with_lead=with_lead
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: activities.activity_update(
                actor=request.user,
                activity=activity,
                fields=form.activity_fields(keep_lead=activity.lead),
            ),
        )
        if done is not None:
            messages.success(request, _("The activity was saved."))
            return redirect("plans:activity_detail", slug=slug, pk=activity.pk)
    return _activity_form_page(
        request, council, form, plan=activity.plan, title=_("Edit activity"), activity=activity
    )


@login_required
def activity_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    activity = activity_in(council, pk)
    if request.method == "POST":
        plan = activity.plan
        activities.activity_delete(actor=request.user, activity=activity)
        messages.success(request, _("The activity was deleted."))
        return redirect("plans:plan_detail", slug=slug, pk=plan.pk)
    return render(
        request,
        "plans/activity_delete.html",
        _context(request, council, activity=activity, plan=activity.plan),
    )


def _plan_list_url(request: HttpRequest, slug: str, plan: Plan) -> str:
    """The plan's list as the reporter left it: only the filters and the view are kept from
    the address, so nothing else can be slipped into the redirect."""
    kept = QueryDict(mutable=True)
    for name in (*PlanFilterForm.base_fields, "view"):
        for value in request.GET.getlist(name)[:1]:
            kept[name] = value[:100]
    url = reverse("plans:plan_detail", kwargs={"slug": slug, "pk": plan.pk})
    return f"{url}?{kept.urlencode()}" if kept else url


@login_required
def activity_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Report the status: for those who manage plans and members of a responsible party."""
    council = access_council(request.user, slug)
    activity = activity_in(council, pk)
    if not can_report_on(request.user, council, activity):
        raise ForbiddenError
    mask_activities([activity], public=masked_for(request.user, council))
    form = StatusForm(posted(request), initial={"status": activity.status})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        update = run_service(
            form,
            lambda: activities.activity_update_status(
                actor=request.user,
                activity=activity,
                status=data["status"],
                note=data["note"],
                internal=data["internal"],
                figure_label=data["figure_label"],
                figure=data["figure"],
            ),
        )
        if update is not None:
            messages.success(request, _("The status was reported."))
            return redirect(_plan_list_url(request, slug, activity.plan))
    return render(
        request,
        "plans/activity_status.html",
        _context(
            request,
            council,
            form=form,
            activity=activity,
            plan=activity.plan,
            plan_url=_plan_list_url(request, slug, activity.plan),
        ),
        status=400 if form.is_bound else 200,
    )


@login_required
def activity_from_decision(request: HttpRequest, slug: str, decision_pk: int) -> HttpResponse:
    """An activity from a decision in the minutes, into the plan of the meeting's year."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    decision = decision_in(council, decision_pk)
    default_plan = plan_for_year(council, decision.item.meeting.date.year)
    form = FromDecisionForm(
        posted(request),
        council=council,
        initial={
            "text": decision.text,
            "plan": default_plan,
            # The restriction follows the text it offers (and the service sets it anyway).
            "not_for_publication": decision.item.not_for_publication,
        },
    )
    if request.method == "POST" and form.is_valid():
        activity = run_service(
            form,
            lambda: activities.activity_create(
                actor=request.user,
                plan=form.cleaned_data["plan"],
                fields=form.activity_fields(),
                decision=decision,
            ),
        )
        if activity is not None:
            messages.success(request, _("The activity was added to the plan."))
            return redirect("plans:activity_detail", slug=slug, pk=activity.pk)
    return _activity_form_page(
        request,
        council,
        form,
        plan=None,
        title=_("New activity from a decision"),
        decision=decision,
    )


@login_required
@require_POST
def status_update_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Let a partner's status report through to the public page."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    update = status_update_in(council, pk)
    try:
        activities.status_update_approve(actor=request.user, update=update)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The report now shows on the public page."))
    return redirect("plans:activity_detail", slug=slug, pk=update.activity_id)


p = "councils/<slug:slug>/plans/"
a = p + "activities/<int:pk>/"
urlpatterns: list[URLPattern] = [
    path(p, index, name="index"),
    path(p + "new/", plan_create, name="plan_create"),
    path(p + "<int:pk>/", plan_detail, name="plan_detail"),
    path(p + "<int:pk>/edit/", plan_edit, name="plan_edit"),
    path(p + "<int:pk>/genomforandeplan.csv", plan_csv, name="plan_csv"),
    path(p + "<int:pk>/genomforandeplan.xlsx", plan_xlsx, name="plan_xlsx"),
    path(p + "<int:pk>/activities/new/", activity_create, name="activity_create"),
    path(a, activity_detail, name="activity_detail"),
    path(a + "edit/", activity_edit, name="activity_edit"),
    path(a + "delete/", activity_delete, name="activity_delete"),
    path(a + "status/", activity_status, name="activity_status"),
    path(
        p + "from-decision/<int:decision_pk>/",
        activity_from_decision,
        name="activity_from_decision",
    ),
    path(
        p + "status-updates/<int:pk>/approve/", status_update_approve, name="status_update_approve"
    ),
]
