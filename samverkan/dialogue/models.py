"""Citizen dialogue: the safety survey (trygghetsenkät) with its questions and anonymous answers.

Privacy by construction: a `Response` and its `Answer` rows hold no IP address, no user and no
time finer than the day (`answered_on` is a date). They are not time-stamped and their creation
is not written to the audit trail, whose events carry a time and an actor.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.organisations.models import Council

SCALE_MIN = 1
SCALE_MAX = 5
TEXT_MAX = 2000


def new_token() -> str:
    return secrets.token_urlsafe(12)


def in_language(sv: str, en: str) -> str:
    """The English text for an English reader when there is one, else the Swedish."""
    if (get_language() or "sv").startswith("en") and en:
        return en
    return sv


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CLOSED = "closed", _("closed")


class Survey(TimeStampedModel):
    """One safety survey of a council; also an earlier survey whose results were imported."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="surveys"
    )
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_sv = models.TextField(_("introduction (Swedish)"), blank=True, max_length=4000)
    intro_en = models.TextField(_("introduction (English)"), blank=True, max_length=4000)
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    # The secret part of the public link; a new survey gets a fresh one.
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    # The areas a respondent may say they live in, and the respondent groups (e.g. ages).
    areas = models.JSONField(_("areas"), default=list, blank=True)
    groups = models.JSONField(_("respondent groups"), default=list, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous survey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # An earlier survey held outside the platform: only its aggregate results are kept.
    imported = models.BooleanField(_("imported results"), default=False)
    # Whether a place question takes a point on the map as well as a named place. Off unless
    # chosen: a point says more about a respondent than a place (docs/design/surveys.md).
    place_points = models.BooleanField(_("points on the map in place questions"), default=False)

    # Changes recorded on the survey that none of its fields show (core.audit.audit_change).
    audit_labels = {"free_text_blanked": _("free-text answers blanked")}

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("safety survey")
        verbose_name_plural = _("safety surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
                violation_error_message=_("The closing date must not be before the opening date."),
            )
        ]

    def __str__(self) -> str:
        return self.title_sv

    @property
    def title(self) -> str:
        return in_language(self.title_sv, self.title_en)

    @property
    def intro(self) -> str:
        return in_language(self.intro_sv, self.intro_en)


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    title_sv = models.CharField(_("heading (Swedish)"), max_length=200)
    title_en = models.CharField(_("heading (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["survey", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title_sv

    @property
    def title(self) -> str:
        return in_language(self.title_sv, self.title_en)


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("scale 1–5")
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    TEXT = "text", _("free text")
    PLACE = "place", _("place")


class Question(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text_sv = models.CharField(_("question (Swedish)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    help_sv = models.CharField(_("help text (Swedish)"), max_length=500, blank=True)
    help_en = models.CharField(_("help text (English)"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # The words at the two ends of a 1–5 scale, e.g. "no problem at all" … "a big problem".
    low_label_sv = models.CharField(_("label of 1 (Swedish)"), max_length=100, blank=True)
    low_label_en = models.CharField(_("label of 1 (English)"), max_length=100, blank=True)
    high_label_sv = models.CharField(_("label of 5 (Swedish)"), max_length=100, blank=True)
    high_label_en = models.CharField(_("label of 5 (English)"), max_length=100, blank=True)

    class Meta:
        ordering = ["section", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text_sv

    @property
    def text(self) -> str:
        return in_language(self.text_sv, self.text_en)

    @property
    def help(self) -> str:
        return in_language(self.help_sv, self.help_en)

    @property
    def low_label(self) -> str:
        return in_language(self.low_label_sv, self.low_label_en)

    @property
    def high_label(self) -> str:
        return in_language(self.high_label_sv, self.high_label_en)

    @property
    def has_options(self) -> bool:
        return self.kind in {QuestionKind.SINGLE, QuestionKind.MULTIPLE}


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField(default=0)
    text_sv = models.CharField(_("option (Swedish)"), max_length=200)
    text_en = models.CharField(_("option (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["question", "position", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text_sv

    @property
    def text(self) -> str:
        return in_language(self.text_sv, self.text_en)


class ResponseSource(models.TextChoices):
    WEB = "web", _("web")
    PAPER = "paper", _("paper form")


class Response(models.Model):
    """One anonymous filled-in survey. Deliberately no time stamp, address or user: see above."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    answered_on = models.DateField(_("answered on"))
    area = models.CharField(_("area"), max_length=100, blank=True)
    group = models.CharField(_("respondent group"), max_length=100, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=ResponseSource.choices, default=ResponseSource.WEB
    )

    class Meta:
        ordering = ["survey", "answered_on", "id"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.survey_id} {self.answered_on:%Y-%m-%d}"


class Answer(models.Model):
    """One answer to one question; a multiple choice gives one row per chosen option."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    # Free text, or the named area of a place question.
    text = models.TextField(blank=True, max_length=TEXT_MAX)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        ordering = ["response", "question", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=SCALE_MIN, value__lte=SCALE_MAX),
                name="answer_value_on_the_scale",
                violation_error_message=_("A scale answer is a number from 1 to 5."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.option_id or self.value or self.text[:20]}"


class ImportedCount(models.Model):
    """An aggregate figure of an earlier survey, imported from CSV so a trend reaches back.

    Matched to questions by their Swedish text, as the questions of two surveys are compared.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="imported_counts")
    question_sv = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    # The option's Swedish text, or the scale value as text ("1" … "5").
    answer = models.CharField(max_length=200)
    area = models.CharField(max_length=100, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["survey", "id"]

    def __str__(self) -> str:
        return f"{self.question_sv[:30]} {self.answer} {self.area}: {self.count}"


# Dialogue meetings (medborgardialog) ------------------------------------------------------


class Announcement(models.TextChoices):
    WEBSITE = "website", _("the municipality's website")
    FACEBOOK = "facebook", _("Facebook page")
    NEWSPAPER = "newspaper", _("local newspaper advertisement")
    POSTERS = "posters", _("posters")


class Theme(models.Model):
    """A short tag for what residents talked about; each council builds up its own list."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="dialogue_themes")
    name = models.CharField(_("theme"), max_length=60)

    class Meta:
        ordering = ["council", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="theme_unique_in_council")
        ]

    def __str__(self) -> str:
        return self.name


class Dialogue(TimeStampedModel):
    """A citizen dialogue meeting: where and when, who organised it and how it was announced."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="dialogues"
    )
    held_on = models.DateField(_("date"))
    place_text = models.CharField(_("place"), max_length=200, blank=True)
    place = models.ForeignKey(
        "incidents.Place",
        verbose_name=_("place on the map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisers = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("organisers"), blank=True, related_name="+"
    )
    # Announcement values; `announced_other` says how else it was made known.
    announced_via = models.JSONField(_("announced via"), default=list, blank=True)
    announced_other = models.CharField(_("announced otherwise"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    # The history shows the list's labels (core.audit).
    audit_choices = {"announced_via": Announcement.choices}

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("dialogue meeting")
        verbose_name_plural = _("dialogue meetings")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.place_name}".strip()

    @property
    def place_name(self) -> str:
        return self.place_text or (self.place.name if self.place_id and self.place else "")

    def announcement_labels(self) -> list[str]:
        labels = dict(Announcement.choices)
        names = [str(labels[value]) for value in self.announced_via if value in labels]
        return names + ([self.announced_other] if self.announced_other else [])


class DialogueInput(TimeStampedModel):
    """One thing heard at a dialogue; it may become a plan activity or a promise draft."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="inputs")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("what was said"), max_length=4000)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL
    )
    place = models.ForeignKey(
        "incidents.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.ForeignKey(
        "incidents.Category",
        verbose_name=_("incident category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activity = models.ForeignKey(
        "plans.Activity",
        verbose_name=_("plan activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_inputs",
    )
    promise = models.ForeignKey(
        "plans.Promise",
        verbose_name=_("promise draft"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_inputs",
    )

    class Meta:
        ordering = ["dialogue", "position", "id"]
        verbose_name = _("dialogue input")
        verbose_name_plural = _("dialogue inputs")

    def __str__(self) -> str:
        return self.text[:80]


# Safety walks (trygghetsvandring) ---------------------------------------------------------


class FindingKind(models.TextChoices):
    LIGHTING = "lighting", _("lighting")
    VEGETATION = "vegetation", _("vegetation")
    GRAFFITI = "graffiti", _("graffiti")
    DAMAGE = "damage", _("damage")
    LAYOUT = "layout", _("layout")
    OTHER = "other", _("other")


class SafetyWalk(TimeStampedModel):
    """A safety walk: the area, the day, who walked and the route as a GeoJSON LineString."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="safety_walks"
    )
    walked_on = models.DateField(_("date"))
    # When the walk sets off; an incident reported from a finding happened then (noon if unknown).
    starts_at = models.TimeField(_("start time"), null=True, blank=True)
    area_text = models.CharField(_("area"), max_length=200, blank=True)
    place = models.ForeignKey(
        "incidents.Place",
        verbose_name=_("area on the map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="+",
    )
    residents = models.PositiveIntegerField(_("number of residents"), default=0)
    route = models.JSONField(_("route (GeoJSON)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)

    class Meta:
        ordering = ["-walked_on", "-id"]
        verbose_name = _("safety walk")
        verbose_name_plural = _("safety walks")

    def __str__(self) -> str:
        return f"{self.walked_on:%Y-%m-%d} {self.area_name}".strip()

    @property
    def area_name(self) -> str:
        return self.area_text or (self.place.name if self.place_id and self.place else "")

    def route_points(self) -> list[tuple[float, float]]:
        """The route as (latitude, longitude) pairs; GeoJSON keeps longitude first."""
        if not isinstance(self.route, dict):
            return []
        return [(float(lat), float(lon)) for lon, lat in self.route.get("coordinates", [])]


class Finding(TimeStampedModel):
    """Something found on a walk, at a point; it may become a plan activity or an incident."""

    walk = models.ForeignKey(SafetyWalk, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveIntegerField(default=0)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    kind = models.CharField(_("what is wrong"), max_length=20, choices=FindingKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    suggestion = models.TextField(_("suggestion"), blank=True, max_length=2000)
    # Re-encoded on upload, so no EXIF or GPS data is kept.
    photo = models.FileField(_("photo"), upload_to="dialogue/findings/%Y/%m/", blank=True)
    photo_type = models.CharField(max_length=40, blank=True)
    activity = models.ForeignKey(
        "plans.Activity",
        verbose_name=_("plan activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="walk_findings",
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        verbose_name=_("incident"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="walk_findings",
    )

    class Meta:
        ordering = ["walk", "position", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.position + 1}. {self.get_kind_display()}"

    @property
    def number(self) -> int:
        return self.position + 1
