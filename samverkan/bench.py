"""`make bench`: speed targets, printed as a table (median, p95, ratio to target).

Runs against a throw-away SQLite database under var/bench/ (or DATABASE_URL if set).
Tests never assert timings; this is where they are watched.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samverkan.organisations.models import Council

ROUNDS = 30


def measure(call: Callable[[], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """Return (median, p95) wall time in milliseconds over `rounds` calls, after one warm-up."""
    call()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


ARCHIVE_SLUG = "bench-archive"
ARCHIVE_MEETINGS, ARCHIVE_ITEMS_PER_MEETING = 10_000, 10
# Words of minutes, most common first: a word's share of the text falls with its rank (Zipf).
ARCHIVE_VOCABULARY = (
    "rådet beslutar att notera informationen till protokollet polisen kommunen trygghet "
    "skadegörelse skolan centrum ungdomar samverkan medborgarlöften handlingsplan uppföljning "
    "lägesbild insatser området kostnad glaskross klotter nedskräpning brand föreningar "
    "fritidsgården nattvandring kameraövervakning belysning parkering stationen trafik "
    "medborgardialog trygghetsvandring fältassistenter socialtjänsten räddningstjänsten "
    "bostadsbolaget fastighetsägare näringsidkare handlarna biblioteket idrottshallen simhallen "
    "skolgården busshållplatsen cykelstölder inbrott bedrägerier narkotika alkohol langning "
    "tobak spel våld hot ordningsstörning ofredande rån stöld snatteri missbruk anmälningar "
    "statistik rapport enkät budget ansökan bidrag projekt slutrapport delrapport remiss yttrande "
    "samordnare sekreterare ordförande ledamot ersättare justerare utskottet styrgruppen "
    "arbetsgruppen länsstyrelsen brottsofferjouren kyrkan vuxna föräldrar elever lärare rektor "
    "kuratorn personalen sommaren hösten vintern våren kvällar helger nätter"
)
ARCHIVE_WORDS = ARCHIVE_VOCABULARY.split()
ARCHIVE_RARE = "sprängdådet"  # in one item of about ten thousand


def archive_build() -> tuple[Council, float]:
    """Return the bench archive council (10,000 meetings, 100,000 items) and the build seconds.

    Built once and kept: a PostgreSQL bench database reuses it on the next run.
    """
    import datetime as dt
    import random

    from django.db import connection, transaction

    from samverkan.meetings.models import AgendaItem, Decision, DecisionKind, Meeting
    from samverkan.organisations import services
    from samverkan.organisations.models import BodyKind, Council

    total = ARCHIVE_MEETINGS * ARCHIVE_ITEMS_PER_MEETING
    council = Council.objects.filter(slug=ARCHIVE_SLUG).first()
    if council and AgendaItem.objects.filter(meeting__body__council=council).count() == total:
        return council, 0.0
    start = time.perf_counter()
    rng = random.Random(2018)  # noqa: S311 (test data, not secrets)
    weights = [1 / rank for rank in range(1, len(ARCHIVE_WORDS) + 1)]

    def words(n: int) -> str:
        return " ".join(rng.choices(ARCHIVE_WORDS, weights, k=n))

    with transaction.atomic():
        if council is None:
            council = services.council_create(
                actor=None, municipality_name="Benchby kommun", name="Brå", slug=ARCHIVE_SLUG
            )
            for name, kind in [
                ("Rådet", BodyKind.COUNCIL),
                ("Arbetsutskottet", BodyKind.WORKING_COMMITTEE),
                ("Projektgruppen centrum", BodyKind.PROJECT_GROUP),
            ]:
                services.body_create(actor=None, council=council, name=name, kind=kind)
        else:  # an archive of another size, from an older bench
            Decision.objects.filter(item__meeting__body__council=council).delete()
            AgendaItem.objects.filter(meeting__body__council=council).delete()
            Meeting.objects.filter(body__council=council).delete()
        bodies = list(council.bodies.order_by("id"))
        first = dt.date(1990, 1, 1)
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    body=bodies[n % len(bodies)],
                    date=first + dt.timedelta(days=rng.randrange(36 * 365)),
                    status="held",
                )
                for n in range(ARCHIVE_MEETINGS)
            ],
            batch_size=2000,
        )
        kinds = list(DecisionKind.values)
        for chunk in range(0, ARCHIVE_MEETINGS, 1000):
            items = AgendaItem.objects.bulk_create(
                [
                    AgendaItem(
                        meeting=meeting,
                        number=number,
                        title=words(4).capitalize(),
                        text=words(rng.randrange(20, 80))
                        + (f" {ARCHIVE_RARE}" if rng.random() < 1e-4 else ""),
                    )
                    for meeting in meetings[chunk : chunk + 1000]
                    for number in range(1, ARCHIVE_ITEMS_PER_MEETING + 1)
                ],
                batch_size=2000,
            )
            # Half the items have a decision.
            Decision.objects.bulk_create(
                [
                    Decision(item=item, text=f"att {words(10)}", kind=rng.choice(kinds))
                    for item in items
                    if item.number % 2
                ],
                batch_size=2000,
            )
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load: statistics for the planner (of every
        # table: a council's size is read from its bodies) and the GIN pending lists merged.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return council, time.perf_counter() - start


def archive_rows() -> list[tuple[str, Callable[[], object], float, int]]:
    """Rows for the archive: search and the decision register over 100,000 items."""
    from django.core.paginator import Paginator

    from samverkan.meetings.search import search_items, search_snippets
    from samverkan.meetings.selectors.archive import decisions_of

    council, seconds = archive_build()
    built = f"built in {seconds:.1f} s" if seconds else "kept from an earlier run"
    print(f"archive of 10,000 meetings and 100,000 items: {built}")

    def search_page(query: str, year: int | None = None) -> Callable[[], object]:
        # What the search page does: count, the first page, its snippets.
        def run() -> object:
            page = Paginator(search_items(council, query, year=year), 25).get_page(1)
            return search_snippets(list(page), query)

        return run

    def register_page(kind: str | None = None) -> Callable[[], object]:
        def run() -> object:
            return list(Paginator(decisions_of(council, kind=kind), 25).get_page(1))

        return run

    return [
        # Of the 100,000 items, these have the words: 11, 21,514, 73,283, 23,226 and 1,009.
        ("search: rare word", search_page(ARCHIVE_RARE), 100.0, ROUNDS),
        ("search: word in 1/5 of items", search_page("simhallen"), 100.0, ROUNDS),
        ("search: word in 3/4 of items", search_page("polisen"), 100.0, ROUNDS),
        ("search: two common words", search_page("skolan glaskross"), 100.0, ROUNDS),
        ("search: a word in one year", search_page("klotter", year=2015), 100.0, ROUNDS),
        ("decision register", register_page(), 100.0, ROUNDS),
        ("decision register, approved", register_page(kind="approved"), 100.0, ROUNDS),
    ]


INCIDENTS_SIZE = 1_000_000
# Köping's town centre, and viewports of a 1280 × 800 pixel map around it at two zooms.
KOPING = (59.5135, 15.9950)
VIEWPORTS = {12: (0.22, 0.06), 15: (0.0275, 0.0075)}  # zoom: half width, half height (degrees)
IMPORT_ROWS = 20_000
IMPORT_WHAT = f"CSV import, {IMPORT_ROWS:,} rows"


class _RollbackError(Exception):
    """Raised to roll a bench write back, so that it can run again."""


def _duckdb_load(council_id: int) -> tuple[Any, float]:
    """The council's reports in an in-memory DuckDB table, and the seconds it took.

    One SELECT through Django (local times, as the dashboard groups them), a CSV file written
    from Python, and DuckDB's own CSV reader: no extension to download, no pandas or pyarrow.
    """
    import csv
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from samverkan.incidents.models import Incident

    duckdb = importlib.import_module("duckdb")
    start = time.perf_counter()
    zone = ZoneInfo(settings.TIME_ZONE)
    rows = Incident.objects.filter(council_id=council_id).values_list(
        "category_id",
        "category__parent_id",
        "place_id",
        "occurred_from",
        "cost",
        "h3_cell",
        "status",
        "merged_into_id",
    )
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False) as file:
        writer = csv.writer(file)
        writer.writerow(["category", "parent", "place", "ts", "cost", "cell", "status", "merged"])
        for category, parent, place, at, cost, cell, status, merged in rows.iterator(10_000):
            local = at.astimezone(zone).replace(tzinfo=None).isoformat(" ")
            writer.writerow([category, parent, place, local, cost, cell, status, merged])
    database = duckdb.connect()
    database.execute(
        "CREATE TABLE incidents AS SELECT * FROM read_csv(?, header = true, columns = {"
        "'category': 'INTEGER', 'parent': 'INTEGER', 'place': 'INTEGER', 'ts': 'TIMESTAMP', "
        "'cost': 'INTEGER', 'cell': 'VARCHAR', 'status': 'VARCHAR', 'merged': 'INTEGER'})",
        [file.name],
    )
    Path(file.name).unlink()
    return database, time.perf_counter() - start


def _duckdb_dashboard(database: Any, f: Any, places: dict[int, str]) -> object:
    """The dashboard's figures for the filter (figures.dashboard), computed by DuckDB."""
    import datetime as dt

    import h3  # type: ignore[import-untyped]

    from samverkan.insights.selectors import dashboard as figures

    end = dt.datetime.combine(f.period_to + dt.timedelta(days=1), dt.time.min)
    start = dt.datetime.combine(f.period_from, dt.time.min)
    earlier = dt.datetime.combine(figures._year_earlier(f.period_from), dt.time.min)  # noqa: SLF001
    where = "status IN ('new', 'handled', 'published') AND merged IS NULL AND ts < ?"
    params: list[object] = [end]
    if f.category is not None:
        where += " AND (category = ? OR parent = ?)"
        params += [f.category.pk, f.category.pk]
    period = f"{where} AND ts >= ?"

    def run(select: str, since: dt.datetime, rest: str = "") -> list[tuple[Any, ...]]:
        sql = f"SELECT {select} FROM incidents WHERE {period} {rest}"  # noqa: S608 (ours)
        return list(database.execute(sql, [*params, since]).fetchall())

    totals = run("category, count(*), sum(cost)", start, "GROUP BY 1")
    trend = run("date_trunc('month', ts) AS m, count(*), sum(cost)", earlier, "GROUP BY 1")
    top = run(
        "place, count(*) AS n, sum(cost)",
        start,
        "AND place IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 10",
    )
    heat = run("isodow(ts), hour(ts), count(*)", start, "GROUP BY 1, 2")
    cells: dict[str, int] = {}
    for cell, n in run("cell, count(*)", start, "AND cell <> '' GROUP BY 1"):
        parent = str(h3.cell_to_parent(cell, 8))
        cells[parent] = cells.get(parent, 0) + n
    hot = sorted(cells.items(), key=lambda item: -item[1])[: figures.TOP_CELLS]
    return totals, trend, [(places.get(p), n, kr) for p, n, kr in top], heat, hot


def _bound(call: Callable[..., object], *args: object) -> Callable[[], object]:
    return lambda: call(*args)


def import_rows(council: Council) -> list[tuple[str, Callable[[], object], float, int]]:
    """The row for the CSV import of 20,000 reports into the bench council, rolled back."""
    import csv
    import datetime as dt
    import io
    import random

    from django.db import transaction

    from samverkan.incidents.models import Category, Place
    from samverkan.incidents.synthetic import CENTRE

    if importlib.util.find_spec("samverkan.incidents.services.bulk_import") is None:
        print("incidents: no CSV import (samverkan/incidents/services/bulk_import.py): skipped")
        return []
    last_year = dt.date.today().year - 1  # noqa: DTZ011 (a date near today is all it needs)
    bulk_import = importlib.import_module("samverkan.incidents.services.bulk_import")
    tables = importlib.import_module("samverkan.core.importing.tables")
    rng = random.Random(2018)  # noqa: S311 (test data, not secrets)
    names = [c.code for c in Category.objects.filter(council=council, parent__isnull=False)]
    place_names = list(Place.objects.filter(council=council).values_list("name", flat=True))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Ärendenummer", "Datum", "Kategori", "Plats", "Lat", "Lon", "Kostnad"])
    for n in range(IMPORT_ROWS):
        at = dt.datetime(last_year, 1, 1) + dt.timedelta(minutes=rng.randrange(525_000))  # noqa: DTZ001
        near = rng.random() < 0.5
        writer.writerow(
            [
                f"B-{n}",
                at.strftime("%Y-%m-%d %H:%M"),
                rng.choice(names),
                rng.choice(place_names) if near else "",
                "" if near else f"{rng.gauss(CENTRE[0], 0.01):.6f}",
                "" if near else f"{rng.gauss(CENTRE[1], 0.02):.6f}",
                rng.randrange(100, 20_000),
            ]
        )
    data = out.getvalue().encode("utf-8")

    def import_csv() -> object:
        try:
            with transaction.atomic():
                table = tables.read_table("bench.csv", data)
                mapping = bulk_import.guess_mapping(table.headers)
                result = bulk_import.incidents_import(
                    actor=None, council=council, table=table, mapping=mapping
                )
                assert result.created == IMPORT_ROWS, result  # noqa: S101
                raise _RollbackError
        except _RollbackError:
            return None

    # As a row of the table: the milliseconds that 20,000 rows/s allows for the file.
    return [(IMPORT_WHAT, import_csv, IMPORT_ROWS / 20_000 * 1000, 2)]


def incidents_rows(
    size: int,
) -> tuple[list[tuple[str, Callable[[], object], float, int]], list[tuple[str, float, float]]]:
    """Rows for incidents at `size` synthetic reports, and (what, ours ms, DuckDB ms) pairs."""
    import datetime as dt

    from samverkan.incidents.models import Category, Incident, Place
    from samverkan.incidents.synthetic import synthetic_load
    from samverkan.insights.selectors import dashboard as figures

    start = time.perf_counter()
    existing = Incident.objects.filter(council__slug="bench-incidents").count()
    council = synthetic_load(size)
    if existing == size:
        print(f"incidents: {size:,} synthetic reports kept from an earlier run")
    else:
        seconds = time.perf_counter() - start
        print(f"incidents: {size:,} synthetic reports generated in {seconds:.1f} s")
    today = dt.date.today()  # noqa: DTZ011 (a date near today is all the periods need)
    oldest = Incident.objects.filter(council=council).order_by("occurred_from").first()
    first_day = oldest.occurred_from.date() if oldest else today
    last_year = today.year - 1
    vandalism = Category.objects.get(council=council, code="vandalism")
    periods = {
        "whole history": figures.DashboardFilter(period_from=first_day, period_to=today),
        "one year": figures.DashboardFilter(
            period_from=dt.date(last_year, 1, 1), period_to=dt.date(last_year, 12, 31)
        ),
        "a month, one category": figures.DashboardFilter(
            period_from=dt.date(last_year, 10, 1),
            period_to=dt.date(last_year, 10, 31),
            category=vandalism,
        ),
    }

    def board(f: figures.DashboardFilter) -> Callable[[], object]:
        return lambda: figures.dashboard(council, f)

    def hexagons(zoom: int) -> Callable[[], object]:
        # What dashboard_hexagons does for the default period (the last 12 months).
        half_width, half_height = VIEWPORTS[zoom]
        lat, lon = KOPING
        bbox = (lon - half_width, lat - half_height, lon + half_width, lat + half_height)
        start, end = figures.default_period()
        f = figures.DashboardFilter(period_from=start, period_to=end)
        resolution = figures.resolution_for_zoom(zoom)
        return lambda: figures.cells_geojson(figures.cell_counts(council, f, resolution, bbox))

    rows: list[tuple[str, Callable[[], object], float, int]] = [
        (f"dashboard: {what}", board(f), 150.0, ROUNDS) for what, f in periods.items()
    ]
    rows += [(f"hexagons: Köping, zoom {zoom}", hexagons(zoom), 100.0, ROUNDS) for zoom in (12, 15)]

    rows += import_rows(council)

    comparisons: list[tuple[str, float, float]] = []
    if importlib.util.find_spec("duckdb") is None:
        print("incidents: DuckDB is not installed (pip install -e '.[bench]'): no comparison")
        return rows, comparisons
    database, seconds = _duckdb_load(council.pk)
    print(f"incidents: rows loaded into DuckDB in {seconds:.1f} s (not in the times below)")
    place_names_by_id = dict(Place.objects.filter(council=council).values_list("id", "name"))
    for what, f in periods.items():
        ours, _p95 = measure(board(f), 10)
        theirs, _p95 = measure(_bound(_duckdb_dashboard, database, f, place_names_by_id), 10)
        comparisons.append((f"dashboard: {what}", ours, theirs))
    whole = periods["whole history"]
    totals = _duckdb_dashboard(database, whole, place_names_by_id)[0]  # type: ignore[index]
    if sum(n for _c, n, _kr in totals) != figures.dashboard(council, whole).total_count:
        print("incidents: DuckDB and the dashboard DISAGREE on the count of the whole history")
    return rows, comparisons


def document_accuracy() -> None:
    """The document parsers' field accuracy on the import corpus, per layout and overall
    (`samverkan import-eval` prints it per document with the missed fields)."""
    from samverkan.plans.importers.evaluation import evaluate_corpus

    corpus = Path(__file__).resolve().parent.parent / "tests" / "import_corpus" / "documents"
    if not corpus.is_dir():
        print("documents: no import corpus (tests/import_corpus/documents): skipped")
        return
    score = evaluate_corpus(corpus)
    layouts = ", ".join(f"{k} {v:.1%}" for k, v in score.by_layout().items())
    print(f"documents: field accuracy {score.accuracy:.1%} over {len(score.documents)} (target")
    print(f"  95 % overall, 90 % per layout): {layouts}")


def main() -> None:
    # Kept between runs, so that the archive and the synthetic incidents are built once.
    os.environ.setdefault("SAMVERKAN_VAR_DIR", str(Path("var/bench").resolve()))
    Path(os.environ["SAMVERKAN_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    size = int(os.environ.get("SIZE") or INCIDENTS_SIZE)
    # "incidents": that part only; "import": the CSV import only (into the incidents council)
    only = os.environ.get("BENCH_ONLY", "")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    os.environ.setdefault("SECURE_COOKIES", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    document_accuracy()
    if only == "documents":
        return
    call_command("migrate", verbosity=0)
    if only == "import":
        from samverkan.incidents.synthetic import synthetic_load

        _print_table(import_rows(synthetic_load(size)), [], size)
        return

    from django.contrib.auth.models import User
    from django.db import transaction

    from samverkan.accounts.services import api_token_create
    from samverkan.demo.loader import DEMO_PASSWORD, load_demo, seed_text
    from samverkan.meetings.documents.minutes import minutes_docx, minutes_pdf
    from samverkan.meetings.importers.minutes import parse_minutes
    from samverkan.meetings.minutes_content import minutes_content
    from samverkan.meetings.models import Meeting
    from samverkan.meetings.selectors.meetings import meeting_in
    from samverkan.meetings.services.minutes_import import minutes_import
    from samverkan.organisations import services as organisation_services
    from samverkan.organisations.models import Council

    load_demo()
    client = Client()
    client.login(username="samordnare", password=DEMO_PASSWORD)
    text = seed_text()

    def page(path: str, **headers: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(path, headers=headers)
            assert response.status_code == 200, path  # noqa: S101
            return response

        return get

    # Logins survive a reload of the demo, and so does this token.
    _token, key = api_token_create(user=User.objects.get(username="samordnare"), name="bench")
    api_page = page("/api/councils/koping-bra/organisations", Authorization=f"Bearer {key}")

    council = Council.objects.get(slug="koping-bra")
    seed_bytes = text.encode("utf-8")

    class _UndoError(Exception):
        """Raised to roll the bench's import back, so that it can run again."""

    def import_seed() -> object:
        # The demo holds these minutes already: import into a fresh council, then undo.
        try:
            with transaction.atomic():
                fresh = organisation_services.council_create(
                    actor=None, municipality_name="Benchkommun", name="Rådet", slug="bench-import"
                )
                organisation_services.body_create(
                    actor=None, council=fresh, name="Brottsförebyggande rådet", kind="council"
                )
                minutes_import(actor=None, council=fresh, data=seed_bytes, filename="seed.txt")
                raise _UndoError
        except _UndoError:
            return None

    seed_meeting = Meeting.objects.get(body__council=council, date="2018-05-24")
    seed_content = minutes_content(meeting_in(council, seed_meeting.pk))

    # (what, call, target in ms at the median, rounds)
    rows: list[tuple[str, Callable[[], object], float, int]] = [
        ("parse the seed minutes", lambda: parse_minutes(text), 200.0, ROUNDS),
        ("import the seed minutes", import_seed, 200.0, ROUNDS),
        ("seed minutes to PDF/A", lambda: minutes_pdf(seed_content), 2000.0, 5),
        ("seed minutes to DOCX", lambda: minutes_docx(seed_content), 2000.0, 10),
        ("load the demo council", load_demo, 2000.0, 5),
        ("council overview page", page("/councils/koping-bra/"), 100.0, ROUNDS),
        ("organisation list page", page("/councils/koping-bra/organisations/"), 100.0, ROUNDS),
        ("people list page", page("/councils/koping-bra/people/"), 100.0, ROUNDS),
        ("API: list organisations", api_page, 100.0, ROUNDS),
    ]
    if only == "incidents":
        rows = []
    else:
        rows += archive_rows()
    incident_rows, comparisons = incidents_rows(size)
    rows += incident_rows
    _print_table(rows, comparisons, size)


def _print_table(
    rows: list[tuple[str, Callable[[], object], float, int]],
    comparisons: list[tuple[str, float, float]],
    size: int,
) -> None:
    from django.conf import settings

    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Samverkan bench on {database}; reference: the target of each row (ratio < 1 is good)")
    print("(dashboard rows: the p95 target is 300 ms)")
    print(f"{'what':<34} {'median ms':>10} {'p95 ms':>10} {'target ms':>10} {'ratio':>7}")
    for what, call, target, rounds in rows:
        median, p95 = measure(call, rounds)
        print(f"{what:<34} {median:>10.1f} {p95:>10.1f} {target:>10.0f} {median / target:>7.2f}")
        if what == IMPORT_WHAT:
            print(f"{'  = rows per second (≥ 20,000)':<34} {IMPORT_ROWS / median * 1000:>10,.0f}")
    if comparisons:
        print(f"Against DuckDB over the same {size:,} rows (ratio: our time / DuckDB's)")
        print(f"{'what':<34} {'ours ms':>10} {'DuckDB ms':>10} {'ratio':>7}")
        for what, ours, theirs in comparisons:
            print(f"{what:<34} {ours:>10.1f} {theirs:>10.1f} {ours / theirs:>7.1f}")
    sys.stdout.flush()


if __name__ == "__main__":
    Path("var").mkdir(exist_ok=True)
    main()
