"""Incident reports, their categories and places, photos, and partners' period totals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.incidents.kolada import key_figure_name
from samverkan.organisations.models import Council, Organisation


class Category(TimeStampedModel):
    """A kind of incident; one with a parent is a subcategory (glaskross under skadegörelse)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The stable code of a default category (domain.md); empty for the council's own ones.
    code = models.SlugField(_("code"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "code"],
                condition=~Q(code=""),
                name="category_code_unique_in_council",
                violation_error_message=_("The council already has a category with this code."),
            ),
            models.UniqueConstraint(
                fields=["council", "parent", "name"],
                name="category_name_unique_in_group",
                violation_error_message=_("The group already has a category with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlaceKind(models.TextChoices):
    AREA = "area", _("area")
    SCHOOL = "school", _("school")
    PASSAGE = "passage", _("passage")
    STATION = "station", _("station")
    CENTRE = "centre", _("centre")


class Place(TimeStampedModel):
    """A named place with a GeoJSON geometry (a Point or a Polygon, longitude first)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    geometry = models.JSONField(_("geometry (GeoJSON)"))

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="place_name_unique_in_council",
                violation_error_message=_("The council already has a place with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    """An address of the council's address register (the municipality's own, or Lantmäteriet's
    open address data), for finding a place by typing it and for naming the point tapped on a
    map. The register is replaced as a whole by each import; addresses are public facts, no
    personal data."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )
    street = models.CharField(_("street"), max_length=200)
    number = models.CharField(_("number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    # "storgatan 12": what a search is matched against (lower case, one space), so that the
    # prefix search uses the index on every database.
    search_key = models.CharField(max_length=240, editable=False)

    class Meta:
        ordering = ["search_key", "id"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        indexes = [
            models.Index(fields=["council", "search_key"], name="address_search"),
            models.Index(fields=["council", "latitude"], name="address_latitude"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Storgatan 12, Köping": street and number, then the locality."""
        first = f"{self.street} {self.number}".strip()
        return f"{first}, {self.locality}" if self.locality else first


class IncidentSource(models.TextChoices):
    PARTNER = "partner", _("partner")
    CITIZEN = "citizen", _("citizen")
    IMPORT = "import", _("import")


class TargetGroup(models.TextChoices):
    """Who is affected by an event (the lägesbild's "vem drabbas"): a kind, never a person."""

    SCHOOL = "school", _("a school")
    HOUSING = "housing", _("a housing company")
    BUSINESS = "business", _("a business")
    PRIVATE = "private", _("a private person")
    STAFF = "staff", _("staff at work")
    PUBLIC_PLACE = "public_place", _("a public place")


class IncidentStatus(models.TextChoices):
    NEW = "new", _("new")
    HANDLED = "handled", _("handled")
    # A citizen's report waits for a coordinator; nothing of it is public before it is published.
    PENDING = "pending", _("awaiting moderation")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")


# Reports that count in figures: not waiting, not rejected (merged ones are left out apart).
COUNTED_STATUSES = (IncidentStatus.NEW, IncidentStatus.HANDLED, IncidentStatus.PUBLISHED)


class Incident(TimeStampedModel):
    """One reported event: what, where, when, what it cost. Describes events, not people."""

    # No index of its own: the (council, occurred_from) index serves every lookup by council,
    # and each index more slows a bulk import.
    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="incidents"
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    address = models.CharField(_("address or place description"), max_length=200, blank=True)
    # The H3 cell (resolution 9) of the point, or of the place when there is no point. Indexed
    # in Meta, byte-wise.
    h3_cell = models.CharField(_("map cell"), max_length=16, blank=True)
    occurred_from = models.DateTimeField(_("happened"))  # indexed with the council
    # occurred_from in the council's time zone, for grouping without a time-zone function per
    # row; set by services.tallies.local_parts_fill in every write path.
    local_month = models.DateField(_("month"))  # the first of the month
    local_weekday = models.PositiveSmallIntegerField(_("weekday"))  # ISO: 1 is Monday
    local_hour = models.PositiveSmallIntegerField(_("hour"))
    occurred_to = models.DateTimeField(_("happened until"), null=True, blank=True)
    cost = models.PositiveIntegerField(_("cost (kr)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    # A database default too: the bulk import and the bench's generator insert named columns.
    target_group = models.CharField(
        _("who is affected"),
        max_length=20,
        choices=TargetGroup.choices,
        blank=True,
        default="",
        db_default="",
    )
    source = models.CharField(_("source"), max_length=20, choices=IncidentSource.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("reporting organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A citizen's address for feedback; never shown publicly.
    contact_email = models.EmailField(_("e-mail for feedback"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.NEW
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    # The import run that created the report: its audit record (who, when, which file).
    import_batch = models.ForeignKey(
        "ImportBatch",
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )

    # The history leaves out the local time parts (they only repeat the time, kept by
    # services/tallies.py) and says only that a citizen's address was given: it is purged
    # after a while (services/retention.py), the audit trail never is (core/audit.py).
    audit_skipped = frozenset({"local_month", "local_weekday", "local_hour"})
    audit_masked = frozenset({"contact_email"})

    class Meta:
        ordering = ["-occurred_from", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [
            models.Index(fields=["council", "occurred_from"], name="incident_council_time"),
            # One byte-wise index for the map's `h3_cell IN (…)` on PostgreSQL, instead of the two
            # of db_index (a collation-aware one cost 40% of a bulk import's insert time there).
            models.Index(
                fields=["h3_cell"], name="incident_h3_cell", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_to__isnull=True)
                | Q(occurred_to__gte=models.F("occurred_from")),
                name="incident_span_ordered",
                violation_error_message=_("The end of the span must not be before its start."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="incident_point_complete",
                violation_error_message=_("A point needs both latitude and longitude."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.occurred_from:%Y-%m-%d} (#{self.pk})"


# --- Tallies: the situational picture's figures counted ahead, per council and local month -------
# Only counted reports (COUNTED_STATUSES, not merged) are in them. services/tallies.py keeps them
# current in the transaction of every write; `samverkan rebuild-tallies` counts them afresh.


class CategoryTally(models.Model):
    """Counted reports and their cost per month, category, organisation, source and who was
    affected."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    # Zero for no organisation, so that the unique constraint (and the upsert) holds.
    organisation_key = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=20)
    target_group = models.CharField(max_length=20, default="")  # "" where the report does not say
    count = models.IntegerField(default=0)
    cost = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["month", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "council",
                    "month",
                    "category",
                    "organisation_key",
                    "source",
                    "target_group",
                ],
                name="category_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.category_id}: {self.count}"


class PlaceTally(models.Model):
    """Counted reports at a named place and their cost per month and category."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    count = models.IntegerField(default=0)
    cost = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["month", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "month", "place", "category"], name="place_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.place_id}: {self.count}"


class HourTally(models.Model):
    """Counted reports per month, category, ISO weekday and hour of the day (local time)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField()
    hour = models.PositiveSmallIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        ordering = ["month", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "month", "category", "weekday", "hour"],
                name="hour_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.weekday} {self.hour}: {self.count}"


class CellTally(models.Model):
    """Counted reports per month, map cell (resolution 9) and category."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    h3_cell = models.CharField(max_length=16)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    count = models.IntegerField(default=0)

    class Meta:
        ordering = ["month", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "month", "h3_cell", "category"], name="cell_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.h3_cell}: {self.count}"


class Photo(TimeStampedModel):
    """A photo of an incident, re-encoded on upload so that no camera or location data is kept."""

    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("image"), upload_to="incidents/photos/%Y/%m/")
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return f"{self.content_type} {self.width}×{self.height}"


class AggregateReport(TimeStampedModel):
    """A partner's total for one category over a period, reported without single incidents."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("reporting organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="aggregates"
    )
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("to"))
    count = models.PositiveIntegerField(_("number of incidents"), null=True, blank=True)
    cost = models.PositiveIntegerField(_("cost (kr)"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-period_from", "organisation__name", "category__position", "id"]
        verbose_name = _("period total")
        verbose_name_plural = _("period totals")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "category", "period_from", "period_to"],
                name="aggregate_unique_per_period",
                violation_error_message=_(
                    "This organisation has already reported this category for this period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_to__gte=models.F("period_from")),
                name="aggregate_period_ordered",
                violation_error_message=_("The period must not end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.period_from:%Y-%m-%d}–{self.period_to:%Y-%m-%d}"


MEDIA_URL_MAX = 1000


class Open311Key(TimeStampedModel):
    """An app's key for creating requests over Open311. Only a hash of the key is kept."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    prefix = models.CharField(_("key prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=128)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Open311 key")
        verbose_name_plural = _("Open311 keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Open311Request(TimeStampedModel):
    """Marks a report created over Open311: the app may read it back while it awaits moderation."""

    incident = models.OneToOneField(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.CASCADE,
        related_name="open311",
    )
    key = models.ForeignKey(
        Open311Key, verbose_name=_("Open311 key"), on_delete=models.PROTECT, related_name="+"
    )
    # The specification's token, which an app may trade for the id (GET tokens/{token}). Rows
    # from before tokens have none.
    token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # An image the app says belongs to the report: stored as given, never fetched by the server.
    media_url = models.URLField(_("media URL"), max_length=MEDIA_URL_MAX, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Open311 request")
        verbose_name_plural = _("Open311 requests")

    def __str__(self) -> str:
        return f"Open311 #{self.incident_id}"


# --- Data from others: bulk imports, reported-crime statistics, key figures ----------------


class ImportBatch(TimeStampedModel):
    """One run of an incident import: who imported which file, when, and what came of it.

    The run is audited once, as this record, instead of once per incident: each incident it
    created links back here (`Incident.import_batch`), and its page says who imported it, when
    and from which file. Later changes of such an incident are audited as usual.
    """

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("reporting organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    rows = models.PositiveIntegerField(_("rows in the file"))
    created = models.PositiveIntegerField(_("incidents created"))
    skipped = models.PositiveIntegerField(_("rows already imported"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("incident import")
        verbose_name_plural = _("incident imports")

    def __str__(self) -> str:
        return self.filename


class ImportedIncident(models.Model):
    """An incident's id in the system it was imported from: the same id is never imported twice
    for the same organisation (or, without one, the same council)."""

    incident = models.OneToOneField(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="imported"
    )
    # Indexed through the unique constraint, which starts with the council.
    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    # Zero when the import named no organisation, so that the unique constraint holds.
    organisation_key = models.PositiveIntegerField(_("organisation"), default=0)
    source_id = models.CharField(_("id in the source"), max_length=100)

    class Meta:
        ordering = ["id"]
        verbose_name = _("imported incident")
        verbose_name_plural = _("imported incidents")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "organisation_key", "source_id"],
                name="imported_incident_unique_source_id",
                violation_error_message=_("This id has already been imported."),
            )
        ]

    def __str__(self) -> str:
        return self.source_id


class StatisticArea(models.TextChoices):
    """Whose figure a reported-crime row is: the council's municipality or an area compared."""

    MUNICIPALITY = "municipality", _("the municipality")
    COUNTY = "county", _("the county")
    GROUP = "group", _("the municipality group")
    COUNTRY = "country", _("the country")


class CrimeStatistic(TimeStampedModel):
    """Reported crimes (anmälda brott) per offence type, from Brå's tables: the council's
    municipality's own, or a comparison area's (its county, its municipality group, the country).
    """

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )
    area = models.CharField(
        _("area"), max_length=20, choices=StatisticArea.choices, default=StatisticArea.MUNICIPALITY
    )
    # The area's name as the file wrote it ("Västmanlands län"); empty for the municipality.
    area_name = models.CharField(_("name of the area"), max_length=200, blank=True)
    year = models.PositiveIntegerField(_("year"))
    # 0 for a whole year's figure, else 1–12.
    month = models.PositiveSmallIntegerField(_("month"), default=0)
    category = models.CharField(_("crime category"), max_length=200)
    count = models.PositiveIntegerField(_("number of reported crimes"), null=True, blank=True)
    # Reported crimes per 1,000 inhabitants when the file gives a rate (Brå's per 100,000 / 100).
    per_1000 = models.FloatField(_("per 1,000 inhabitants"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "month", "category", "id"]
        verbose_name = _("reported-crime figure")
        verbose_name_plural = _("reported-crime figures")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "area", "year", "month", "category"],
                name="crime_statistic_unique_per_area",
                violation_error_message=_("This figure is already recorded."),
            ),
            models.CheckConstraint(
                condition=models.Q(count__isnull=False) | models.Q(per_1000__isnull=False),
                name="crime_statistic_count_or_rate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.category} {self.year}-{self.month:02d}: {self.count}"


class KeyFigure(TimeStampedModel):
    """A key figure (KPI) of a municipality from Kolada, per year and gender (T = total)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )
    municipality_code = models.CharField(_("municipality code"), max_length=4)
    kpi = models.CharField(_("key figure"), max_length=20)
    year = models.PositiveIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=1, default="T")
    value = models.FloatField(_("value"), null=True, blank=True)

    class Meta:
        ordering = ["kpi", "year", "gender", "id"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "municipality_code", "kpi", "year", "gender"],
                name="key_figure_unique",
                violation_error_message=_("This key figure is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.municipality_code} {self.year} {self.gender}"

    @property
    def name(self) -> str:
        """The key figure's Swedish name when it is on the list of incidents/kolada.py."""
        return key_figure_name(self.kpi)


class Population(TimeStampedModel):
    """The number of inhabitants of the council's municipality in a year (for per-100,000 rates)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    count = models.PositiveIntegerField(_("inhabitants"))

    class Meta:
        ordering = ["year", "id"]
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"],
                name="population_unique_per_year",
                violation_error_message=_("The population of this year is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.count}"


# The police events feed lives in its own module (incidents/police/).
from samverkan.incidents.police.models import PoliceEvent, PoliceFeed  # noqa: E402, F401
