"""Meetings of a body: schedule, agenda items, attendance, decisions, signatures, attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.organisations.models import Body, Council, Person


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class Meeting(TimeStampedModel):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"), null=True, blank=True)
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )

    class Meta:
        ordering = ["-date", "-start_time", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["body", "date"])]

    def __str__(self) -> str:
        return f"{self.body.name} {self.date:%Y-%m-%d}"


class AgendaItem(TimeStampedModel):
    """A numbered item (§) of a meeting: its text, and in the minutes its decisions."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    planned_time = models.TimeField(_("planned time"), null=True, blank=True)
    reference = models.CharField(_("reference number (Dnr)"), max_length=60, blank=True)
    text = models.TextField(_("text"), blank=True)
    # Secret under OSL 18:8 (camera sites, guard rounds): masked in every public version.
    not_for_publication = models.BooleanField(_("not for publication"), default=False)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="item_number_unique")
        ]

    def __str__(self) -> str:
        return f"§ {self.number} {self.title}"


class DecisionKind(models.TextChoices):
    NOTED = "noted", _("noted")
    APPROVED = "approved", _("approved")
    ADOPTED = "adopted", _("adopted")
    ASSIGNED = "assigned", _("assigned")
    OTHER = "other", _("other")


class Decision(TimeStampedModel):
    """One "att"-clause: "Brottsförebyggande rådet beslutar att notera informationen …"."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="decisions"
    )
    position = models.PositiveIntegerField(default=1)
    text = models.TextField(_("decision"))
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]


class AttendanceKind(models.TextChoices):
    PRESENT = "present", _("present")
    GUEST = "guest", _("guest")
    ABSENT = "absent", _("absent")


class Attendance(TimeStampedModel):
    """Who was there, with the affiliation as it was on the day (a snapshot, not a link)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendance",
    )
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    kind = models.CharField(_("attendance"), max_length=10, choices=AttendanceKind.choices)
    role = models.CharField(_("role"), max_length=20, blank=True)
    serving_for = models.CharField(_("serving for"), max_length=200, blank=True)
    partial_note = models.CharField(_("partial attendance"), max_length=100, blank=True)

    class Meta:
        ordering = ["meeting", "kind", "position", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class SignatureRole(models.TextChoices):
    SECRETARY = "secretary", _("secretary")
    CHAIR = "chair", _("chair")
    ADJUSTER = "adjuster", _("adjuster")


class Signature(TimeStampedModel):
    """A name in the minutes' signature block; the adjuster is chosen in the item about it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="signatures")
    role = models.CharField(_("role"), max_length=20, choices=SignatureRole.choices)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class Attachment(TimeStampedModel):
    """A document belonging to a meeting (bilaga): imported text, or a file."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class MinutesImport(TimeStampedModel):
    """One imported file, by its SHA-256, so that the same file is never imported twice."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="minutes_imports")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(_("file"), max_length=255)
    meeting = models.ForeignKey(
        Meeting, null=True, on_delete=models.SET_NULL, related_name="imports"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["council", "sha256"], name="import_once_per_council")
        ]

    def __str__(self) -> str:
        return self.filename


class PendingImport(TimeStampedModel):
    """An uploaded file waiting for the user to confirm its preview. Deleted when imported."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    data = models.BinaryField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
