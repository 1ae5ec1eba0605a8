"""Who takes part: municipalities, councils, organisations, bodies, people and their seats."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel


class Municipality(TimeStampedModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    # The four-digit municipality code of SCB, e.g. 1983 for Köping.
    code = models.CharField(_("municipality code"), max_length=4, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Council(TimeStampedModel):
    """A local crime-prevention council (lokalt Brå); each council's data is its own."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="councils",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    # Adjusted minutes, citizen promises, the public situational picture, citizens' reports and
    # Open311 are public only when this is on; the notice board always is.
    publishes = models.BooleanField(_("publishes publicly"), default=False)
    # The council's own look (organisations/look.py): on its public pages, PDFs and Word files.
    # The logo and the Word template are kept in CouncilLookFile; here what they are, so that a
    # page needs no second query to show them.
    display_name = models.CharField(_("name as shown"), max_length=200, blank=True)
    colour = models.CharField(_("main colour"), max_length=7, blank=True)
    contact_line = models.CharField(_("contact line"), max_length=300, blank=True)
    logo_type = models.CharField(_("logo"), max_length=20, blank=True)
    logo_checksum = models.CharField(_("logo checksum"), max_length=64, blank=True)
    template_name = models.CharField(_("Word template"), max_length=200, blank=True)

    # Changes of the council's records recorded on it (incidents/services/retention.py).
    audit_labels = {"contact_emails_blanked": _("citizens' e-mail addresses blanked")}

    class Meta:
        ordering = ["name", "municipality__name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return f"{self.name}, {self.municipality.name}"


class CouncilLookFile(TimeStampedModel):
    """The council's logo or Word template, as checked and cleaned (organisations/look.py)."""

    class Kind(models.TextChoices):
        LOGO = "logo", _("logo")
        TEMPLATE = "template", _("Word template")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="look_files"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    data = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("file of the council's look")
        verbose_name_plural = _("files of the council's look")
        constraints = [
            models.UniqueConstraint(fields=["council", "kind"], name="one_look_file_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.council_id}"


class OrganisationKind(models.TextChoices):
    """What kind of party an organisation is. The police's members keep the citizen promises
    and the agreement with the coordinator (accounts/access.py)."""

    OTHER = "other", _("other party")
    MUNICIPALITY = "municipality", _("the municipality")
    POLICE = "police", _("the police")


class Organisation(TimeStampedModel):
    """A party to the council's work; a unit (office, förvaltning) has a parent."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="organisation_name_unique_in_council"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("council")
    WORKING_COMMITTEE = "working_committee", _("working committee")
    STEERING_GROUP = "steering_group", _("steering group")
    PROJECT_GROUP = "project_group", _("project group")
    WORKING_GROUP = "working_group", _("working group")


class BodyMandate(models.TextChoices):
    """Whether a body decides as a committee under the Local Government Act (its decisions may
    be appealed, kommunallagen 13 kap.) or gives advice (most councils: nothing to appeal)."""

    ADVISES = "advises", _("advises (a consultative body)")
    DECIDES = "decides", _("decides under the Local Government Act")


class Body(TimeStampedModel):
    """A group that meets: the council itself, its working committee, a project group."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="bodies"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    # How the body keeps its minutes. A council is often a consultative body, not a committee
    # under the Local Government Act, so the Act's forms are a choice (docs/design/minutes.md).
    formal_rules = models.BooleanField(
        _("follows the forms of the Local Government Act"),
        default=False,
        help_text=_("Motions, votes, reservations, deputies and reference numbers in the minutes."),
    )
    adjusts_minutes = models.BooleanField(_("minutes are adjusted"), default=True)
    chair_adjusts = models.BooleanField(_("the chair approves the minutes too"), default=False)
    publishes_minutes = models.BooleanField(_("adjusted minutes are published"), default=True)
    # What the notice board says of appeal follows it: only a deciding body's decisions may be
    # appealed, so an advisory body's notice must not invite appeals.
    mandate = models.CharField(
        _("mandate"),
        max_length=10,
        choices=BodyMandate.choices,
        default=BodyMandate.ADVISES,
        help_text=_(
            "A council that gives advice makes no decisions that can be appealed; a committee "
            "(nämnd) under the Local Government Act does."
        ),
    )
    minutes_kept_at = models.CharField(
        _("where the minutes are kept"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the notice board, e.g. Kommunledningskontoret, Rådhuset."),
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="body_name_unique_in_council")
        ]

    def __str__(self) -> str:
        return self.name


class Person(TimeStampedModel):
    """A person who takes part. One person can sit in several councils."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    councils = models.ManyToManyField(Council, verbose_name=_("councils"), related_name="people")
    user = models.OneToOneField(
        "auth.User",
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # When the person's data was erased (organisations/personal_data.py): contact details and
    # the login's personal fields are gone, the name stays where the law keeps it.
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    # Changes recorded on the person that its fields do not show.
    audit_labels = {"personal_data_exported": _("personal data handed out")}

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice chair")
    SECRETARY = "secretary", _("secretary")
    COORDINATOR = "coordinator", _("coordinator")
    MEMBER = "member", _("member")
    DEPUTY = "deputy", _("deputy")
    ADJUNCT = "adjunct", _("co-opted")


class Membership(TimeStampedModel):
    """A person's seat on a body, for whom they sit, with role and dates."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("represents"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["body__name", "person__name", "-start_date", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.name}, {self.get_role_display()}, {self.body.name}"

    def affiliation(self) -> str:
        """The affiliation as the minutes print it: 'säkerhetschef, Köpings kommun'."""
        parts = [self.title, self.organisation.name if self.organisation else ""]
        return ", ".join(part for part in parts if part)

    def is_active_on(self, day: dt.date) -> bool:
        starts_ok = self.start_date is None or self.start_date <= day
        ends_ok = self.end_date is None or self.end_date >= day
        return starts_ok and ends_ok


class OrganisationAlias(TimeStampedModel):
    """Another name a council's documents use for one of its organisations: "KBAB"."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("other name"), max_length=200)
    # The name as it is compared: lower case, single spaces.
    key = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        constraints = [
            models.UniqueConstraint(fields=["council", "key"], name="alias_unique_in_council")
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.organisation.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.key = name_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def name_key(name: str) -> str:
    """How names are compared when documents are matched to records."""
    return " ".join(name.casefold().split())
