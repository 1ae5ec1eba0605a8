"""The council's plans: the cooperation agreement, the citizen promises, the implementation
plan with its activities and their status updates, and the yearly follow-up."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.organisations.models import Body, Council, Organisation, Person


class Party(models.TextChoices):
    MUNICIPALITY = "municipality", _("the municipality")
    POLICE = "police", _("the police")


class Agreement(TimeStampedModel):
    """Samverkansöverenskommelse between the municipality and the local police area."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="agreements"
    )
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    method = models.TextField(_("method and organisation"), blank=True)
    current_picture = models.TextField(_("current picture"), blank=True)
    commitments_intro = models.TextField(_("introduction to the commitments"), blank=True)
    enclosures = models.JSONField(_("enclosures"), default=list, blank=True)

    class Meta:
        ordering = ["-valid_to", "-signed_on", "-id"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="agreement_ends_after_it_starts",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("party"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["agreement", "position", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    """One numbered commitment (åtagande) of an agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("commitment"))

    class Meta:
        ordering = ["agreement", "number", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class GovernanceKind(models.TextChoices):
    STEERING_GROUP = "steering_group", _("steering group")
    PROJECT_GROUP = "project_group", _("project group")
    WORKING_GROUP = "working_group", _("working group")
    OTHER = "other", _("other")


class GovernanceBody(models.Model):
    """A group the agreement sets up: "styrgrupp (Brå AU)", linked to the body that is it."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="governance_bodies"
    )
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name in the agreement"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=GovernanceKind.choices)
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["agreement", "position", "id"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")

    def __str__(self) -> str:
        return self.name


class AgreementReminder(models.Model):
    """That the coordinators were reminded of the agreement's end, so it is sent once."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["agreement", "-days_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "days_before"], name="one_reminder_per_agreement_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} −{self.days_before}"


class PromiseSetStatus(models.TextChoices):
    """Where a promise set is in its lifecycle (docs/design/promises.md)."""

    DRAFT = "draft", _("draft")
    ANCHORING = "anchoring", _("anchoring")
    SIGNING = "signing", _("signing")
    PUBLISHED = "published", _("published")
    SUPERSEDED = "superseded", _("revised")


# Only these are ever shown outside the council: both parties signed them in the platform.
SIGNED_STATUSES = (PromiseSetStatus.PUBLISHED, PromiseSetStatus.SUPERSEDED)
# The text may change only before it goes out for signing.
EDITABLE_STATUSES = (PromiseSetStatus.DRAFT, PromiseSetStatus.ANCHORING)


class PromiseSet(TimeStampedModel):
    """Medborgarlöften for a validity period, usually a year.

    A set is private to the council's members until both parties have signed it and it is
    published (status); a revision is a new set that points at the one it revises.
    """

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="promise_sets"
    )
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    signed_on = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    background = models.TextField(_("background"), blank=True)
    current_picture = models.TextField(_("current picture"), blank=True)
    dialogues = models.TextField(_("citizen dialogues"), blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("cooperation agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promise_sets",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PromiseSetStatus.choices,
        default=PromiseSetStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("revision of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )

    class Meta:
        ordering = ["-valid_from", "-year", "-id"]
        verbose_name = _("citizen promises")
        verbose_name_plural = _("citizen promises")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="promise_set_ends_after_it_starts",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_signed(self) -> bool:
        return self.status in SIGNED_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class AnchoringComment(models.Model):
    """A comment on a promise set while it is anchored with the municipality's board and the
    police area: who wrote it, for whom, and when. Kept when the set is published."""

    promise_set = models.ForeignKey(
        PromiseSet, on_delete=models.CASCADE, related_name="anchoring_comments"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # As written when the comment was made, so that it reads the same after seats change.
    author_name = models.CharField(_("who"), max_length=200)
    organisation_name = models.CharField(_("for"), max_length=200, blank=True)
    text = models.TextField(_("comment"), max_length=4000)

    class Meta:
        ordering = ["promise_set", "at", "id"]
        verbose_name = _("anchoring comment")
        verbose_name_plural = _("anchoring comments")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"


class Promise(TimeStampedModel):
    """One citizen promise; the joint promise is the one both parties make together."""

    promise_set = models.ForeignKey(PromiseSet, on_delete=models.CASCADE, related_name="promises")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("promise"))
    parties = models.JSONField(_("parties"), default=list, blank=True)  # [Party]
    joint = models.BooleanField(_("joint promise"), default=False)
    outcome = models.TextField(_("outcome"), blank=True)
    # The promise of the earlier version this one is the revised counterpart of (set by
    # promise_set_revise): when the revision is published, running plans' activities move to it.
    revises = models.ForeignKey(
        "self",
        verbose_name=_("revises"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revised_as",
    )
    # The history shows the list's labels (core.audit).
    audit_choices = {"parties": Party.choices}

    class Meta:
        ordering = ["promise_set", "position", "id"]
        verbose_name = _("promise")
        verbose_name_plural = _("promises")

    def __str__(self) -> str:
        return self.text[:80]

    def party_labels(self) -> list[str]:
        labels = dict(Party.choices)
        return [str(labels[p]) for p in self.parties if p in labels]


class Signatory(models.Model):
    """Who signed an agreement or a promise set, with title and organisation as written."""

    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.CASCADE, related_name="signatories"
    )
    promise_set = models.ForeignKey(
        PromiseSet, null=True, blank=True, on_delete=models.CASCADE, related_name="signatories"
    )
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=120, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # For citizen promises signed in the platform: which party the signatory signs for, and
    # when the login linked to the person confirmed it.
    party = models.CharField(_("signs for"), max_length=20, choices=Party.choices, blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement__isnull=True, promise_set__isnull=False)
                | Q(agreement__isnull=False, promise_set__isnull=True),
                name="signatory_of_one_document",
            )
        ]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.name, self.title) if p)


# An åtgärdsplan runs at most four years: the mandate period, as the council chooses.
MAX_PLAN_YEARS = 4


class Plan(TimeStampedModel):
    """Genomförandeplan or åtgärdsplan (implementation or action plan) of a council.

    A plan runs from `year` to `end_year` (one to four years; a one-year plan has both the
    same, and a plan made before plans had an end year has none, read as its year: see
    `last_year`). A revision is a new plan pointing at the one it revises, which stays readable.
    """

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveIntegerField(_("first year"))
    end_year = models.PositiveIntegerField(_("last year"), null=True, blank=True)
    # The decision in minutes that adopted the plan, by the body the council names.
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name=_("adopted by decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("revision of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    promise_set = models.ForeignKey(
        PromiseSet,
        verbose_name=_("citizen promises"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("cooperation agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )

    class Meta:
        ordering = ["-year", "title", "-id"]
        verbose_name = _("implementation plan")
        verbose_name_plural = _("implementation plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | (
                    Q(end_year__gte=models.F("year"))
                    & Q(end_year__lt=models.F("year") + MAX_PLAN_YEARS)
                ),
                name="plan_runs_one_to_four_years",
                violation_error_message=_("A plan runs one to four years."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def last_year(self) -> int:
        return self.end_year or self.year

    @property
    def years(self) -> range:
        return range(self.year, self.last_year + 1)

    @property
    def period_label(self) -> str:
        """ "2027" or "2027–2030"."""
        return str(self.year) if self.last_year == self.year else f"{self.year}–{self.last_year}"


def running_in(year: int, prefix: str = "") -> Q:
    """The plans that run in `year` and are not revised (a revised plan is kept to be read,
    while its revision is the one followed up); `prefix` to filter from a related model
    ("plan__")."""
    return Q(
        Q(**{f"{prefix}year__lte": year}),
        Q(**{f"{prefix}end_year__gte": year})
        | Q(**{f"{prefix}end_year__isnull": True, f"{prefix}year": year}),
        **{f"{prefix}revisions__isnull": True},
    )


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DELAYED = "delayed", _("delayed")
    STOPPED = "stopped", _("stopped")
    ONGOING = "ongoing", _("ongoing")


class Grade(models.TextChoices):
    """The follow-up grade of the action-plan form Brå recommends."""

    GREEN = "green", _("green: done, with effect")
    YELLOW = "yellow", _("yellow: partly done or late")
    RED = "red", _("red: not done")


class TargetGroup(models.TextChoices):
    """Whom a measure is for: the same kinds as an incident's target group (incidents'
    `TargetGroup`, which plans does not import: the values must stay the same)."""

    SCHOOL = "school", _("a school")
    HOUSING = "housing", _("a housing company")
    BUSINESS = "business", _("a business")
    PRIVATE = "private", _("a private person")
    STAFF = "staff", _("staff at work")
    PUBLIC_PLACE = "public_place", _("a public place")


class Activity(TimeStampedModel):
    """One row of the plan: what is done, by whom, when, for which promises, how far it got."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("activity"), max_length=4000)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("responsible"), blank=True, related_name="activities"
    )
    # The responsible cell as the document wrote it ("Polisen + KBAB + Köpings kommun").
    responsible_text = models.CharField(_("responsible as written"), max_length=300, blank=True)
    lead = models.ForeignKey(
        Person,
        verbose_name=_("lead person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_activities",
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    promises = models.ManyToManyField(
        Promise, verbose_name=_("promises"), blank=True, related_name="activities"
    )
    # The lägesbild's problems the measure answers (by name: the lägesbild is a floor above).
    problems = models.ManyToManyField(
        "insights.Problem", verbose_name=_("problems"), blank=True, related_name="measures"
    )
    # The place the measure works at (by name: plans may not read incidents); its figures
    # before and after the start are computed in insights (insights/selectors/measure_effect.py).
    place = models.ForeignKey(
        "incidents.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, blank=True
    )
    status_note = models.TextField(_("status note"), blank=True)
    status_on = models.DateField(_("status date"), null=True, blank=True)
    # The fuller action-plan form (Brå): cause, measure, operational goal, when, who, grade.
    cause = models.TextField(_("cause"), blank=True)
    measure = models.TextField(_("measure"), blank=True)
    goal = models.TextField(_("operational goal"), blank=True)
    when_text = models.CharField(_("when"), max_length=200, blank=True)
    grade = models.CharField(_("follow-up grade"), max_length=10, choices=Grade.choices, blank=True)
    # The åtgärdsplan's measure: whom it is for and what it costs.
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, blank=True
    )
    resource_hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    resource_kronor = models.PositiveIntegerField(_("kronor"), null=True, blank=True)
    # Made from content not for publication (OSL 18:8): a decision of an item not for
    # publication. Masked as such items are for viewers without view_restricted
    # (plans/masking.py); set by activity_create, changed only by those who keep the plan.
    not_for_publication = models.BooleanField(_("not for publication"), default=False)
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )

    # Links to the promises served are recorded on the activity (activity_promises_change).
    audit_labels = {"promises": _("promises")}
    # The many-to-many links the activity's form and services handle themselves; any other
    # many-to-many field added here (the lägesbild's `problems = models.ManyToManyField(
    # "insights.Problem", blank=True)`) is a council's own choice list on the form, checked,
    # audited and carried over by plans.services.activities (see `council_links`).
    OWN_LINKS = ("organisations", "promises")

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(due_on__gte=models.F("starts_on")),
                name="activity_due_after_it_starts",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


def council_links() -> list[tuple[models.ManyToManyField[Any, Any], str]]:
    """The activity's other many-to-many links, each with the lookup from the linked model
    to its council ("council", or "report__council" one step away): found, not declared, so
    that adding a link to the lägesbild's problems is one field line on Activity."""
    links = []
    for link in Activity._meta.many_to_many:
        if link.name in Activity.OWN_LINKS or not isinstance(link, models.ManyToManyField):
            continue
        path = _council_path(link.related_model)
        if path:
            links.append((link, path))
    return links


def _council_path(model: Any) -> str:
    fields = [f for f in model._meta.get_fields() if f.many_to_one and f.concrete]
    for f in fields:
        if f.related_model is Council:
            return str(f.name)
    for f in fields:
        for g in f.related_model._meta.get_fields():
            if g.many_to_one and g.concrete and g.related_model is Council:
                return f"{f.name}__{g.name}"
    return ""


class StatusUpdate(models.Model):
    """A dated status report on an activity, kept for ever with who made it."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True, max_length=4000)
    # Internal notes are for the council only: never in a public page or a public export.
    internal = models.BooleanField(_("internal note"), default=False)
    figure_label = models.CharField(_("what was counted"), max_length=200, blank=True)
    figure = models.IntegerField(_("number"), null=True, blank=True)
    # A partner's report (one who does not keep the plan) reaches the public page only once a
    # coordinator has reviewed it; until then the public page shows the last reviewed one.
    needs_review = models.BooleanField(_("waits for review"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["activity", "-at", "-id"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.status}"


class FollowUp(TimeStampedModel):
    """The yearly follow-up (uppföljning) of a plan and its promises."""

    plan = models.OneToOneField(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="follow_up"
    )
    summary = models.TextField(_("summary"), blank=True, max_length=20000)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return str(self.plan)


# A measure's indicators and their outcomes, in a module of their own (the same app's models).
# That a plan document was imported (never twice), in a module of its own.
from samverkan.plans.models.importing import (  # noqa: E402
    DocumentImport as DocumentImport,
)
from samverkan.plans.models.importing import (  # noqa: E402
    DocumentKind as DocumentKind,
)
from samverkan.plans.models.indicators import (  # noqa: E402, F401
    Indicator as Indicator,
)
from samverkan.plans.models.indicators import (  # noqa: E402
    IndicatorOutcome as IndicatorOutcome,
)
from samverkan.plans.models.indicators import (  # noqa: E402
    OutcomePeriod as OutcomePeriod,
)
