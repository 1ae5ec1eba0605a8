"""Forms of the plan pages: a plan, an activity, a status update, and the plan's filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from samverkan.meetings.forms import DateInput
from samverkan.meetings.models import Decision
from samverkan.organisations.models import Council, Organisation, Person
from samverkan.plans.models import (
    MAX_PLAN_YEARS,
    Activity,
    ActivityStatus,
    Grade,
    Plan,
    Promise,
    PromiseSet,
    TargetGroup,
    council_links,
)
from samverkan.plans.selectors.activities import NO_STATUS
from samverkan.plans.services.activities import MAX_FIGURE, MAX_YEAR, MIN_YEAR, ActivityFields


class PlanDateField(forms.DateField):
    """A date of the plan, between 1900 and 2100; a date that does not exist is refused."""

    widget = DateInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            validators=[
                MinValueValidator(dt.date(1900, 1, 1)),
                MaxValueValidator(dt.date(2100, 12, 31)),
            ],
            **kwargs,
        )


class OrganisationChoiceField(forms.ModelMultipleChoiceField[Organisation]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PromiseChoiceField(forms.ModelMultipleChoiceField[Promise]):
    def label_from_instance(self, obj: Any) -> str:
        text = str(obj.text)
        return f"{obj.position + 1}. {text[:100]}{'…' if len(text) > 100 else ''}"


class DecisionChoiceField(forms.ModelChoiceField[Decision]):
    def label_from_instance(self, obj: Any) -> str:
        meeting = obj.item.meeting
        text = str(obj.text)
        return (
            f"{meeting.body.name} {meeting.date:%Y-%m-%d} § {obj.item.number}: "
            f"{text[:80]}{'…' if len(text) > 80 else ''}"
        )


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(label=_("First year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    end_year = forms.IntegerField(
        label=_("Last year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=False,
        help_text=_(
            "An åtgärdsplan runs one to four years, e.g. the mandate period. "
            "Left empty, the plan is for the first year only."
        ),
    )
    promise_set = forms.ModelChoiceField(
        label=_("Citizen promises"),
        queryset=PromiseSet.objects.none(),
        required=False,
        help_text=_("The promises' implementation plan the plan contains, if any."),
    )
    decision = DecisionChoiceField(
        label=_("Adopted by decision"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=_("The decision in the minutes of the body that adopted the plan."),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["promise_set"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = PromiseSet.objects.filter(council=council)
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        decision.queryset = (
            Decision.objects.filter(item__meeting__body__council=council)
            .select_related("item__meeting__body")
            .order_by("-item__meeting__date", "item__number", "position", "id")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, end_year = data.get("year"), data.get("end_year")
        if (
            year is not None
            and end_year is not None
            and not year <= end_year < year + MAX_PLAN_YEARS
        ):
            self.add_error(
                "end_year",
                _("A plan runs one to four years: the last year is from %(first)s to %(last)s.")
                % {"first": year, "last": year + MAX_PLAN_YEARS - 1},
            )
        return data


class ActivityForm(forms.Form):
    text = forms.CharField(
        label=_("Activity"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    organisations = OrganisationChoiceField(
        label=_("Responsible organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible_text = forms.CharField(
        label=_("Responsible as written"),
        max_length=300,
        required=False,
        help_text=_("Left empty, the organisations' names are used."),
    )
    lead = forms.ModelChoiceField(
        label=_("Lead person"), queryset=Person.objects.none(), required=False
    )
    starts_on = PlanDateField(label=_("From"), required=False)
    due_on = PlanDateField(label=_("Due"), required=False)
    promises = PromiseChoiceField(
        label=_("Promises served"),
        queryset=Promise.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Activity.objects.none(),
        required=False,
        help_text=_(
            "Where the measure works, if at one of the council's places: the follow-up shows "
            "the incidents there before and after its start."
        ),
    )
    cause = forms.CharField(
        label=_("Cause"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the activity is needed: the problem and its causes."),
    )
    measure = forms.CharField(
        label=_("Measure"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    goal = forms.CharField(
        label=_("Operational goal"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Specific, measurable, accepted, realistic and timed (SMART)."),
    )
    when_text = forms.CharField(
        label=_("When"),
        max_length=200,
        required=False,
        help_text=_("In words, e.g. “autumn 2018” or “every Friday evening”."),
    )
    grade = forms.ChoiceField(
        label=_("Follow-up grade"),
        required=False,
        choices=[("", _("Not graded")), *Grade.choices],
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("Not given")), *TargetGroup.choices],
    )
    resource_hours = forms.IntegerField(
        label=_("Resources: hours"), required=False, min_value=0, max_value=MAX_FIGURE
    )
    resource_kronor = forms.IntegerField(
        label=_("Resources: kronor"), required=False, min_value=0, max_value=MAX_FIGURE
    )
    not_for_publication = forms.BooleanField(
        label=_("Not for publication"),
        required=False,
        help_text=_(
            "Partners' reporters and the public page see only that the activity exists, as "
            "with agenda items not for publication. Set for an activity from such an item."
        ),
    )

    def __init__(
        self, *args: Any, plan: Plan | None, council: Council, with_lead: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_queryset("organisations", Organisation.objects.filter(council=council))
        # The council's places, named by the field (plans may not import incidents).
        places: Any = Activity._meta.get_field("place").related_model
        self._set_queryset("place", places._default_manager.filter(council=council))
        if with_lead:
            self._set_queryset("lead", Person.objects.filter(councils=council))
        else:
            del self.fields["lead"]
        if plan is not None and plan.promise_set_id is not None:
            self._set_queryset("promises", Promise.objects.filter(promise_set=plan.promise_set_id))
        else:
            del self.fields["promises"]
        # The other links of an activity (models.council_links): the council's own to choose.
        self.link_names = []
        for link, path in council_links():
            model: Any = link.related_model
            self.fields[link.name] = forms.ModelMultipleChoiceField(
                label=str(link.verbose_name).capitalize(),
                queryset=model._default_manager.filter(**{path: council}),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.link_names.append(link.name)

    def _set_queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, due_on = data.get("starts_on"), data.get("due_on")
        if starts_on and due_on and due_on < starts_on:
            self.add_error("due_on", _("The end date must not be before the start date."))
        return data

    def activity_fields(self, *, keep_lead: Person | None = None) -> ActivityFields:
        """The cleaned input; without the lead field (no right to see people) keep_lead stays."""
        data = self.cleaned_data
        return ActivityFields(
            text=data["text"],
            organisations=list(data.get("organisations") or []),
            responsible_text=data.get("responsible_text", ""),
            lead=data.get("lead") if "lead" in self.fields else keep_lead,
            starts_on=data.get("starts_on"),
            due_on=data.get("due_on"),
            promises=list(data.get("promises") or []),
            place=data.get("place"),
            cause=data.get("cause", ""),
            measure=data.get("measure", ""),
            goal=data.get("goal", ""),
            when_text=data.get("when_text", ""),
            grade=data.get("grade", ""),
            not_for_publication=bool(data.get("not_for_publication")),
            target_group=data.get("target_group", ""),
            resource_hours=data.get("resource_hours"),
            resource_kronor=data.get("resource_kronor"),
            links={name: list(data.get(name) or []) for name in self.link_names},
        )


class FromDecisionForm(ActivityForm):
    """An activity from a decision of the minutes: into which plan, and the usual fields."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())

    field_order = ["plan", "text"]

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, plan=None, council=council, with_lead=False, **kwargs)
        self._set_queryset("plan", Plan.objects.filter(council=council))


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Choose a status")), *ActivityStatus.choices]
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What has been done, what is next."),
    )
    internal = forms.BooleanField(
        label=_("Internal note (never shown on the public page)"), required=False
    )
    figure_label = forms.CharField(
        label=_("What was counted"),
        max_length=200,
        required=False,
        help_text=_("For the follow-up, e.g. “checks made”."),
    )
    figure = forms.IntegerField(
        label=_("Number"), required=False, min_value=-MAX_FIGURE, max_value=MAX_FIGURE
    )


class PlanFilterForm(forms.Form):
    """The plan's filters, read from the address; a value that makes no sense is ignored."""

    promise = forms.TypedChoiceField(
        label=_("Promise"), required=False, coerce=int, empty_value=None
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    mine = forms.BooleanField(label=_("My organisation's activities"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    stale = forms.BooleanField(label=_("Unchanged for long"), required=False)

    def __init__(
        self, *args: Any, plan: Plan, organisations: list[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        any_choice = ("", _("All"))
        promises = list(plan.promise_set.promises.all()) if plan.promise_set else []
        promise_field = self.fields["promise"]
        assert isinstance(promise_field, forms.ChoiceField)  # noqa: S101 (narrows the type)
        promise_field.choices = [
            any_choice,
            *((p.pk, f"{p.position + 1}. {p.text[:60]}") for p in promises),
        ]
        if not promises:
            del self.fields["promise"]
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ChoiceField)  # noqa: S101
        organisation_field.choices = [any_choice, *((o.pk, o.name) for o in organisations)]
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)  # noqa: S101
        status_field.choices = [any_choice, (NO_STATUS, _("No status")), *ActivityStatus.choices]

    def values(self) -> dict[str, Any]:
        """The valid filters; an invalid one is left out rather than refusing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}
