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
