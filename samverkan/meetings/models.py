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
    notice_text = models.TextField(_("notice text"), blank=True)

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
    # Omedelbar justering: the item was adjusted at the meeting and may be acted on at once.
    adjusted_immediately = models.BooleanField(_("adjusted at the meeting"), default=False)

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
    # Choosing a person for a task of the meeting (the adjuster, a chair for the day): a
    # decision of procedure, not a task given to someone.
    ELECTED = "elected", _("elected")
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
    # The registered person behind the name: approval is by this person's login, never by name.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="signatures"
    )
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
    # As for items: the title stays in public versions, the text is masked.
    not_for_publication = models.BooleanField(_("not for publication"), default=False)

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


# --- Added for the full meeting cycle ------------------------------------------------------


class AgendaTemplateItem(TimeStampedModel):
    """A standard item every notice of the council starts or ends with."""

    class Placement(models.TextChoices):
        OPENING = "opening", _("at the start")
        CLOSING = "closing", _("at the end")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="agenda_template")
    placement = models.CharField(_("placement"), max_length=10, choices=Placement.choices)
    position = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["council", "placement", "position", "id"]
        verbose_name = _("standard item")
        verbose_name_plural = _("standard items")

    def __str__(self) -> str:
        return self.title


class ItemFile(TimeStampedModel):
    """A file attached to an agenda item: PDF, DOCX, XLSX or an image, type and size checked."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="meetings/%Y/")
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["item", "id"]
        verbose_name = _("item file")
        verbose_name_plural = _("item files")

    def __str__(self) -> str:
        return self.filename


class NoticeDispatch(TimeStampedModel):
    """That the notice of a meeting was sent, when, by whom and to how many."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="dispatches")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_count = models.PositiveIntegerField()
    # Members without an e-mail address, by name, so the secretary can reach them otherwise.
    without_email = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.meeting} {self.created_at:%Y-%m-%d %H:%M}"


class ItemRecordKind(models.TextChoices):
    MOTION = "motion", _("motion")
    PROPOSAL_ORDER = "proposal_order", _("order of putting proposals")
    VOTE = "vote", _("vote")
    RESERVATION = "reservation", _("reservation")
    REMARK = "remark", _("recorded remark")


class ItemRecord(TimeStampedModel):
    """The Act's parts of an item: motions (yrkanden), votes, reservations, remarks."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(_("kind"), max_length=20, choices=ItemRecordKind.choices)
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("who"), max_length=200, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["item", "position", "id"]
        verbose_name = _("item record")
        verbose_name_plural = _("item records")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class MinutesRevision(TimeStampedModel):
    """A frozen version of a meeting's minutes. Once adjusted it never changes; a correction
    is a new revision that names the one it corrects and why."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    content_hash = models.CharField(max_length=64)
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="correction"
    )
    reason = models.TextField(_("reason for the correction"), blank=True)
    # Who must approve, frozen with the content: [{"role", "name", "person_id"}]. Changing the
    # body's settings or the signatures afterwards does not change who approves this revision.
    approvers = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adjusted_at = models.DateTimeField(_("adjusted"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} rev. {self.number}"


class Approval(TimeStampedModel):
    """An adjuster's or the chair's approval of the exact content of a revision."""

    revision = models.ForeignKey(
        MinutesRevision, on_delete=models.PROTECT, related_name="approvals"
    )
    role = models.CharField(_("role"), max_length=20, choices=SignatureRole.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["revision", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "role", "user"], name="approve_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Posting(TimeStampedModel):
    """The notice on the digital notice board (anslag) that adjusted minutes are available."""

    revision = models.OneToOneField(
        MinutesRevision, on_delete=models.PROTECT, related_name="posting"
    )
    posted_on = models.DateField(_("posted"))
    removed_on = models.DateField(_("taken down"))
    kept_at = models.CharField(_("where the minutes are kept"), max_length=200)

    class Meta:
        ordering = ["-posted_on", "-id"]
        verbose_name = _("notice board posting")
        verbose_name_plural = _("notice board postings")

    def __str__(self) -> str:
        return f"{self.revision.meeting} {self.posted_on:%Y-%m-%d}"


class CalendarFeed(TimeStampedModel):
    """A private, revocable iCalendar address for a body's meetings."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="calendar_feeds")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.body} ({self.user})"
