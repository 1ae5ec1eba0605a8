"""What the insights store: the lägesbild (SituationReport) with its written sections, the
council's source tables and the analysed problems, and the older problem picture's analysis;
every figure is computed from the areas below."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.organisations.models import Council


class ProblemPicture(TimeStampedModel):
    """The coordinator's analysis beside a year's figures; the figures themselves are computed."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    analysis = models.TextField(_("analysis"), blank=True, max_length=20000)

    class Meta:
        ordering = ["council", "-year"]
        verbose_name = _("problem picture")
        verbose_name_plural = _("problem pictures")
        # Made in dialogue; moved here without re-creating the table.
        db_table = "dialogue_problempicture"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"], name="problem_picture_one_per_council_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}"


# The lägesbild (Lag 2023:196 § 4 ff.) ------------------------------------------------------


class SituationReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    DECIDED = "decided", _("decided")
    PUBLISHED = "published", _("published")


class SituationReport(TimeStampedModel):
    """A council's lägesbild of a year: written sections, the council's source tables and the
    structured problems; the kartläggning's figures are computed live and frozen only in the
    PDF attached to the agenda item it was decided under (with the PDF's checksum).

    A draft is read only by the council's members (view_restricted); it is public only once
    published, and only when the council publishes (docs/design/lagesbild.md)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SituationReportStatus.choices,
        default=SituationReportStatus.DRAFT,
    )
    decided_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("decided under"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_file = models.ForeignKey(
        "meetings.ItemFile",
        verbose_name=_("decided document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The frozen copy kept with the report: its public PDF stays whole even if the file is
    # later removed from the agenda item (possible until the minutes are adjusted).
    decided_pdf = models.FileField(_("decided PDF"), upload_to="lagesbilder/%Y/", blank=True)
    # SHA-256 of the decided PDF as attached: what was decided can be shown to be unchanged.
    decided_checksum = models.CharField(_("checksum (SHA-256)"), max_length=64, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["council", "-year"]
        verbose_name = _("situation report")
        verbose_name_plural = _("situation reports")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"], name="situation_report_one_per_council_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"Lägesbild {self.year}"


class SectionKey(models.TextChoices):
    """The written sections, in the order of the document; the police write their own."""

    SUMMARY = "summary", _("Summary")
    CONSEQUENCES = "consequences", _("Consequences")
    POLICE = "police", _("The police's assessment")
    ANALYSIS = "analysis", _("Analysis")
    SOURCES = "sources", _("Sources and limitations")
    # Never in the copy for publication, nor in the decided (attached) document.
    INTERNAL = "internal", _("Internal notes")


class ReportSection(models.Model):
    """One written section of a situation report, with who last wrote it and when."""

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("section"), max_length=20, choices=SectionKey.choices)
    text = models.TextField(_("text"), blank=True, max_length=20000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written"), null=True, blank=True)

    class Meta:
        ordering = ["report", "key"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_section_once")
        ]

    def __str__(self) -> str:
        return str(self.get_key_display())


class SourceKind(models.TextChoices):
    OTHER = "other", _("Other information")
    POLICE = "police", _("The police's figures")


class SourceTable(models.Model):
    """A small table a council adds from another source (the national crime survey, a school
    survey, the fire service's deliberate fires): a title, the source and label/value rows."""

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="tables")
    kind = models.CharField(
        _("section"), max_length=10, choices=SourceKind.choices, default=SourceKind.OTHER
    )
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(_("source"), max_length=300)
    # [[label, value], ...], each a string as written.
    rows = models.JSONField(_("rows"), default=list)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written"), null=True, blank=True)

    class Meta:
        ordering = ["report", "kind", "id"]
        verbose_name = _("source table")
        verbose_name_plural = _("source tables")

    def __str__(self) -> str:
        return self.title


class Problem(models.Model):
    """One analysed problem of a situation report, in the problem-analysis triangle; the
    prioritised ones, in their order, are what the åtgärdsplan's measures answer."""

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="problems")
    title = models.CharField(_("problem"), max_length=200)
    what = models.TextField(_("what"), blank=True, max_length=4000)
    where = models.TextField(_("where"), blank=True, max_length=4000)
    when = models.TextField(_("when"), blank=True, max_length=4000)
    affected = models.TextField(_("who is affected"), blank=True, max_length=4000)
    causes = models.TextField(_("causes"), blank=True, max_length=4000)
    risk_factors = models.TextField(_("risk factors"), blank=True, max_length=4000)
    protective_factors = models.TextField(_("protective factors"), blank=True, max_length=4000)
    offender = models.TextField(_("offender"), blank=True, max_length=4000)
    place = models.TextField(_("place"), blank=True, max_length=4000)
    target = models.TextField(_("target"), blank=True, max_length=4000)
    prioritised = models.BooleanField(_("prioritised"), default=False)
    priority = models.PositiveSmallIntegerField(_("priority order"), null=True, blank=True)
    rationale = models.TextField(_("rationale"), blank=True, max_length=4000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written"), null=True, blank=True)

    class Meta:
        ordering = ["report", "-prioritised", "priority", "id"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(prioritised=True) | models.Q(priority=None),
                name="problem_priority_only_when_prioritised",
            )
        ]

    def __str__(self) -> str:
        return self.title
