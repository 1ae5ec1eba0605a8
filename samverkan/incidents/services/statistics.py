"""Figures from others: reported crimes per offence type from Brå's tables (CSV or XLSX with a
column mapping; the municipality's own rows and its comparison areas', `crime_tables.py`),
Kolada's key figures (its API's JSON, fetched or as a saved file) and the population."""

from __future__ import annotations

import json
import math
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.core.audit import Actor, audit_create, audit_create_many, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.core.importing.tables import Table, parse_number
from samverkan.incidents import crime_tables
from samverkan.incidents.kolada import KEY_FIGURES, MAX_PAGES, POPULATION_KPI
from samverkan.incidents.models import CrimeStatistic, KeyFigure, Population, StatisticArea
from samverkan.incidents.services.bulk_import import Problem
from samverkan.organisations.models import Council

MAX_KOLADA_BYTES = 20 * 1024 * 1024
FETCH_TIMEOUT = 20

CRIME_FIELDS: dict[str, tuple[str, ...]] = {
    "period": ("period", "år", "year", "månad", "month", "tid", "år/månad"),
    "category": ("brottstyp", "brottskategori", "category", "kategori", "brott", "crime"),
    "count": ("antal", "count", "anmälda brott", "antal anmälda brott", "number", "värde", "value"),
    # Optional: the month in a column of its own, beside a period column holding the year.
    "month": ("månad", "month", "mån"),
    # Optional: whose figure a row is (a municipality, a county, a municipality group, Sweden).
    "region": ("region", "område", "kommun", "län", "area", "geografi", "region/område"),
    # Optional: the reported crimes per 1,000 (or per 100,000 as Brå writes) inhabitants.
    "rate": ("per 100 000 inv", "antal per 100 000 invånare", "per 1 000 invånare", "rate"),
}
CRIME_REQUIRED = ("period", "category")


def crime_field_labels() -> dict[str, str]:
    return {
        "period": _("Period (year or year-month)"),
        "category": _("Crime category"),
        "count": _("Number of reported crimes"),
        "month": _("Month, when it has a column of its own"),
        "region": _("Region (municipality, county, municipality group or the country)"),
        "rate": _("Reported crimes per 1,000 or per 100,000 inhabitants"),
    }


MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan", "january"),
            ("februari", "feb", "february"),
            ("mars", "mar", "march"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("augusti", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def parse_month(value: Any) -> int | None:
    """A month of its own column: 5, "05", "maj" or "May"; None when it is not one."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value if value is not None else "").strip().lower().rstrip(".")
    if text.isascii() and text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return MONTH_NAMES.get(text)


_PERIOD = re.compile(r"^(\d{4})(?:\s*[-/M]\s*(\d{1,2}))?$")


def parse_period(value: Any) -> tuple[int, int] | None:
    """(year, month) from "2018", "2018-05", "2018M05" or an Excel 2018; month 0 for a year."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    match = _PERIOD.match(str(value if value is not None else "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2) or 0)
    if not 1900 <= year <= 2200 or not 0 <= month <= 12:
        return None
    return year, month


@dataclass(frozen=True)
class Figure:
    count: int | None
    per_1000: float | None
    area_name: str


@dataclass
class CheckedStatistics:
    # (area, year, month, category) → the figure; never a sum of several rows.
    figures: dict[tuple[str, int, int, str], Figure] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Rows of other municipalities (and other counties), left out, with their names.
    left_out: int = 0
    left_out_names: list[str] = field(default_factory=list)


def crime_guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """The columns of a table of reported crimes, guessed from its headers."""
    return crime_tables.guess_columns(headers, CRIME_FIELDS)


def _whole(value: Any) -> tuple[bool, int | None]:
    """(ok, count) of a count cell: empty is (True, None); "1 234" and 12.0 are counts."""
    try:
        number = parse_number(value)
    except ValueError:
        return False, None
    if number is None:
        return True, None
    if not 0 <= number < 2**31 or not float(number).is_integer():
        return False, None
    return True, int(number)


def crime_statistics_check(
    *, council: Council, table: Table, mapping: dict[str, int | None]
) -> CheckedStatistics:
    """Check every row; each row is one figure of one area (a file is never summed).

    With a region column, the council's municipality's rows are its own figures, the county's,
    the municipality group's and the country's are comparison figures, and other
    municipalities' rows are left out and counted. Without one, every row is the municipality's.
    """
    for name in CRIME_REQUIRED:
        if mapping.get(name) is None:
            raise ServiceError(
                _("Choose the column of %(field)s.") % {"field": crime_field_labels()[name]},
                field=name,
            )
    if mapping.get("count") is None and mapping.get("rate") is None:
        raise ServiceError(
            _("Choose the column of the number of reported crimes, or of the rate."),
            field="count",
        )
    columns = {name: mapping.get(name) for name in CRIME_FIELDS}
    factor = 1.0
    if columns["rate"] is not None:
        header = table.headers[columns["rate"]] if columns["rate"] < len(table.headers) else ""
        found = crime_tables.rate_factor(header)
        if found is None:
            raise ServiceError(
                _(
                    "The header of the rate column must say its unit, such as “per 1 000 "
                    "invånare” or “per 100 000 inv”."
                ),
                field="rate",
            )
        factor = found
    municipality = council.municipality
    checked = CheckedStatistics()
    groups: set[str] = set()
    left_out: set[str] = set()

    def cell(row: list[Any], name: str) -> Any:
        index = columns[name]
        return row[index] if index is not None and index < len(row) else None

    for offset, row in enumerate(table.rows):
        number = offset + 2
        area, area_name = StatisticArea.MUNICIPALITY.value, ""
        if columns["region"] is not None:
            region = crime_tables.region_of(
                cell(row, "region"),
                municipality_name=municipality.name,
                municipality_code=municipality.code,
            )
            if region is None:
                checked.problems.append(Problem(number, _("The region is missing.")))
                continue
            if region.area is None:
                checked.left_out += 1
                left_out.add(region.name)
                continue
            area = region.area
            area_name = "" if area == StatisticArea.MUNICIPALITY else region.name[:200]
            if area == StatisticArea.GROUP:
                groups.add(crime_tables.normalise(region.name))
        period = parse_period(cell(row, "period"))
        if period is None:
            checked.problems.append(
                Problem(number, _("The period is not a year or a year-month (2018 or 2018-05)."))
            )
        elif columns["month"] is not None and cell(row, "month") not in (None, ""):
            month = parse_month(cell(row, "month"))
            if month is None or period[1]:
                checked.problems.append(
                    Problem(
                        number,
                        _(
                            "The month is not a month (1–12 or its name), or the period "
                            "already has one."
                        ),
                    )
                )
                period = None
            else:
                period = (period[0], month)
        category = str(cell(row, "category") or "").strip()[:200]
        if not category:
            checked.problems.append(Problem(number, _("The crime category is missing.")))
        ok, count = _whole(cell(row, "count"))
        rate: float | None = None
        if columns["rate"] is not None:
            try:
                value = parse_number(cell(row, "rate"))
            except ValueError:
                value = -1.0
            if value is not None and value < 0:
                checked.problems.append(
                    Problem(number, _("The rate is not a number of 0 or more."))
                )
                continue
            rate = None if value is None else value * factor
        if not ok or (count is None and (rate is None or area == StatisticArea.MUNICIPALITY)):
            checked.problems.append(
                Problem(number, _("The number is missing or not a whole number of 0 or more."))
            )
            continue
        if period is None or not category:
            continue
        key = (area, period[0], period[1], category)
        if key in checked.figures:
            checked.problems.append(Problem(number, _("The same area, period and category again.")))
            continue
        checked.figures[key] = Figure(count, rate, area_name)
    if len(groups) > 1:
        checked.problems.append(
            Problem(
                1,
                _(
                    "The file holds several municipality groups (%(names)s): keep only the "
                    "municipality's own group."
                )
                % {"names": ", ".join(sorted(groups))},
            )
        )
    checked.left_out_names = sorted(left_out)
    return checked


def left_out_text(checked: CheckedStatistics) -> str:
    """What the check left out, for the report: "3 rows of other areas are left out: Arboga"."""
    names = checked.left_out_names
    shown = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
    return ngettext(
        "%(count)d row of another municipality or county is left out: %(names)s.",
        "%(count)d rows of other municipalities or counties are left out: %(names)s.",
        checked.left_out,
    ) % {"count": checked.left_out, "names": shown}


@dataclass
class StatisticsResult:
    created: int
    updated: int
    left_out: int = 0


def crime_statistics_import(
    *,
    actor: Actor,
    council: Council,
    table: Table,
    mapping: dict[str, int | None],
    source: str = "",
) -> StatisticsResult:
    """Save all figures or none; a figure already there for the area, period and category is
    replaced."""
    checked = crime_statistics_check(council=council, table=table, mapping=mapping)
    if checked.problems:
        raise ServiceError(
            _("%(count)d problems in the file; nothing was imported.")
            % {"count": len(checked.problems)}
        )
    if not checked.figures:
        raise ServiceError(
            _("The file holds no figures of the municipality or its comparison areas."),
            field="file",
        )
    existing = {
        (figure.area, figure.year, figure.month, figure.category): figure
        for figure in CrimeStatistic.objects.filter(council=council)
    }
    created: list[CrimeStatistic] = []
    updated = 0
    source = source[:200]
    with transaction.atomic():
        for (area, year, month, category), new in checked.figures.items():
            figure = existing.get((area, year, month, category))
            if figure is None:
                created.append(
                    CrimeStatistic(
                        council=council,
                        area=area,
                        area_name=new.area_name,
                        year=year,
                        month=month,
                        category=category,
                        count=new.count,
                        per_1000=new.per_1000,
                        source=source,
                    )
                )
                continue
            values = {
                "count": new.count,
                "per_1000": new.per_1000,
                "area_name": new.area_name,
                "source": source,
            }
            if all(getattr(figure, name) == value for name, value in values.items()):
                continue
            before = snapshot(figure)
            for name, value in values.items():
                setattr(figure, name, value)
            figure.save(update_fields=[*values, "updated_at"])
            audit_update(actor=actor, instance=figure, before=before, council_id=council.pk)
            updated += 1
        CrimeStatistic.objects.bulk_create(created)
        audit_create_many(actor=actor, instances=created, council_id=council.pk)
    return StatisticsResult(created=len(created), updated=updated, left_out=checked.left_out)


def _kolada_rows(data: bytes) -> list[tuple[str, str, int, str, float | None]]:
    """(kpi, municipality, year, gender, value) from Kolada API v2 JSON; refuses other shapes."""
    if len(data) > MAX_KOLADA_BYTES:
        raise ServiceError(_("The file is too large."), field="file")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ServiceError(_("The file is not JSON."), field="file") from exc
    wrong = ServiceError(
        _(
            'The file is not in Kolada\'s format: expected {"values": [{"kpi", '
            '"municipality", "period", "values": [{"gender", "value"}]}]}.'
        ),
        field="file",
    )
    if not isinstance(document, dict) or not isinstance(document.get("values"), list):
        raise wrong
    rows: list[tuple[str, str, int, str, float | None]] = []
    for item in document["values"]:
        if not isinstance(item, dict):
            raise wrong
        kpi, municipality, period, values = (
            item.get("kpi"),
            item.get("municipality"),
            item.get("period"),
            item.get("values"),
        )
        if not isinstance(kpi, str) or not kpi.strip() or len(kpi) > 20:
            raise wrong
        if not isinstance(municipality, str | int) or not str(municipality).strip():
            raise wrong
        if isinstance(period, str) and period.isdigit():
            period = int(period)
        if not isinstance(period, int) or isinstance(period, bool) or not 1900 <= period <= 2200:
            raise wrong
        if not isinstance(values, list):
            raise wrong
        for value in values:
            if not isinstance(value, dict):
                raise wrong
            gender = value.get("gender", "T")
            number = value.get("value")
            if gender not in ("T", "K", "M"):
                raise wrong
            if number is not None and (
                isinstance(number, bool)
                or not isinstance(number, int | float)
                or not math.isfinite(number)  # 1e400 in JSON reads as infinity
            ):
                raise wrong
            rows.append(
                (
                    kpi.strip(),
                    str(municipality).strip().zfill(4)[:4],
                    period,
                    gender,
                    None if number is None else float(number),
                )
            )
    return rows


def key_figures_import(*, actor: Actor, council: Council, data: bytes) -> StatisticsResult:
    """Import key figures of the council's municipality from a Kolada API v2 JSON file, all or
    nothing; N01951 (inhabitants, total) also gives the population of the year."""
    rows = _kolada_rows(data)
    code = (council.municipality.code or "").strip() if council.municipality_id else ""
    if code:
        rows = [row for row in rows if row[1] == code.zfill(4)]
    if not rows:
        raise ServiceError(
            _("The file holds no figures for the municipality (code %(code)s).")
            % {"code": code or "–"},
            field="file",
        )
    existing = {
        (figure.municipality_code, figure.kpi, figure.year, figure.gender): figure
        for figure in KeyFigure.objects.filter(council=council)
    }
    created: list[KeyFigure] = []
    updated = 0
    with transaction.atomic():
        for kpi, municipality, year, gender, value in rows:
            figure = existing.get((municipality, kpi, year, gender))
            if figure is None:
                figure = KeyFigure(
                    council=council,
                    municipality_code=municipality,
                    kpi=kpi,
                    year=year,
                    gender=gender,
                    value=value,
                )
                existing[(municipality, kpi, year, gender)] = figure
                created.append(figure)
            elif figure.value != value:
                if figure.pk is None:
                    figure.value = value
                    continue
                before = snapshot(figure)
                figure.value = value
                figure.save(update_fields=["value", "updated_at"])
                audit_update(actor=actor, instance=figure, before=before, council_id=council.pk)
                updated += 1
            if kpi == POPULATION_KPI and gender == "T" and value is not None and value >= 0:
                population_set(actor=actor, council=council, year=year, count=round(value))
        KeyFigure.objects.bulk_create(created)
        audit_create_many(actor=actor, instances=created, council_id=council.pk)
    return StatisticsResult(created=len(created), updated=updated)


def kolada_url(*, kpis: list[str], municipality_code: str, years: list[int]) -> str:
    """The configured address (KOLADA_URL) asking for key figures of one municipality."""
    base = settings.KOLADA_URL.rstrip("/")
    return (
        f"{base}/data/kpi/{','.join(kpis)}/municipality/{municipality_code}"
        f"/year/{','.join(str(year) for year in years)}"
    )


def _download(url: str) -> bytes:
    """Kolada's answer, at most MAX_KOLADA_BYTES; a ServiceError with the reason when it fails."""
    if not url.startswith(("https://", "http://")):
        raise ServiceError(_("The address of Kolada must start with https://."))
    request = urllib.request.Request(  # noqa: S310 (checked to be http(s) above)
        url, headers={"User-Agent": settings.POLICE_EVENTS_USER_AGENT, "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as answer:  # noqa: S310
            data: bytes = answer.read(MAX_KOLADA_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc.__class__.__name__
        raise ServiceError(
            _("Kolada could not be reached: %(reason)s") % {"reason": reason}
        ) from exc
    if len(data) > MAX_KOLADA_BYTES:
        raise ServiceError(_("The file is too large."))
    return data


def key_figures_fetch(
    *, actor: Actor, council: Council, kpis: list[str], years: list[int]
) -> StatisticsResult:
    """Fetch key figures on the list for the council's municipality from the configured address
    and import them as a saved file is imported (all or nothing). Kolada's further pages are
    followed only at the same address."""
    unknown = sorted(set(kpis) - set(KEY_FIGURES))
    if not kpis or unknown:
        raise ServiceError(_("Choose key figures from the list."), field="kpis")
    if not years or any(not 1900 <= year <= 2200 for year in years) or len(years) > 30:
        raise ServiceError(_("Give years between 1900 and 2200, at most 30."), field="years")
    code = (council.municipality.code or "").strip()
    if not (code.isdigit() and len(code) == 4):
        raise ServiceError(
            _("The municipality has no municipality code (four digits) to ask Kolada for.")
        )
    url = kolada_url(kpis=kpis, municipality_code=code, years=sorted(set(years)))
    values: list[Any] = []
    for _page in range(MAX_PAGES):
        document = json.loads(_kolada_document(_download(url)))
        values += document.get("values") or []
        following = document.get("next_page")
        if not isinstance(following, str) or not following.startswith(
            settings.KOLADA_URL.rstrip("/")
        ):
            break
        url = following
    return key_figures_import(
        actor=actor, council=council, data=json.dumps({"values": values}).encode()
    )


def _kolada_document(data: bytes) -> str:
    """The text of one answer of Kolada, checked to be its shape (the import checks each row)."""
    _kolada_rows(data)  # raises a ServiceError naming what is wrong
    return data.decode("utf-8-sig")


def population_set(*, actor: Actor, council: Council, year: int, count: int) -> Population:
    """Enter or correct the number of inhabitants of a year."""
    if not 1900 <= year <= 2200:
        raise ServiceError(_("Give a year between 1900 and 2200."), field="year")
    if count <= 0:
        raise ServiceError(_("The population must be more than 0."), field="count")
    if count >= 2**31:  # the database's integer
        raise ServiceError(_("The population is too large."), field="count")
    with transaction.atomic():
        population = Population.objects.filter(council=council, year=year).first()
        if population is None:
            population = Population.objects.create(council=council, year=year, count=count)
            audit_create(actor=actor, instance=population, council_id=council.pk)
        elif population.count != count:
            before = snapshot(population)
            population.count = count
            population.save(update_fields=["count", "updated_at"])
            audit_update(actor=actor, instance=population, before=before, council_id=council.pk)
    return population
