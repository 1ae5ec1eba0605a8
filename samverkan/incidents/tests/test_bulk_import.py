"""Bulk import of incidents from CSV and XLSX: column mapping, a report with row numbers, all or
nothing, idempotent by the source's own id, audited once per run as an import batch."""

from __future__ import annotations

import hashlib
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from samverkan.core.errors import ServiceError
from samverkan.core.importing import tables
from samverkan.core.importing.models import PendingImport
from samverkan.core.models import AuditEvent
from samverkan.incidents.models import ImportBatch, ImportedIncident, Incident, IncidentSource
from samverkan.incidents.services import bulk_import
from samverkan.incidents.services.incidents import incident_mark_handled

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The messages asserted below are the English msgids; the interface default is Swedish."""
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(users):
    return users["coordinator"]


@pytest.fixture
def secretary(users):
    return users["secretary"]


GOOD = (
    "Ärendenummer;Datum;Kategori;Adress;Lat;Lon;Kostnad;Beskrivning\n"
    "A1;2018-03-01;Glaskross;Nygårdsskolan;;;325 000;Fönster krossat\n"
    "A2;2018-03-02 21:30;Klotter;Torggatan 3;;;16000;\n"
    "A3;2018-04-10;Övrig skadegörelse;;59.5195;15.979;25000,00;\n"
)
BAD = (
    "Ärendenummer;Datum;Kategori;Adress;Lat;Lon;Kostnad;Beskrivning\n"
    "B1;2018-03-01;Glaskross;Nygårdsskolan;;;100;\n"
    "B2;den första;Ufo;Torget;;;-5;\n"
    "B3;2018-03-03;Klotter;;48.85;2.35;;\n"
)


def _table(text: str) -> tables.Table:
    return tables.read_table("export.csv", text.encode())


def _xlsx(rows: list[list[object]], **more_sheets: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    for row in rows:
        sheet.append(row)
    for name, sheet_rows in more_sheets.items():
        sheet = book.create_sheet(name)
        for row in sheet_rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_mapping_is_guessed_from_swedish_and_english_headers():
    guess = bulk_import.guess_mapping(
        ["Ärendenummer", "Datum", "Kategori", "Adress", "Lat", "Lon", "Kostnad", "Beskrivning"]
    )
    assert guess == {
        "source_id": 0,
        "date": 1,
        "category": 2,
        "place": 3,
        "latitude": 4,
        "longitude": 5,
        "cost": 6,
        "description": 7,
    }
    english = bulk_import.guess_mapping(["id", "date", "category", "place", "cost"])
    assert english["date"] == 1
    assert english["cost"] == 4
    assert english["latitude"] is None


def test_a_good_csv_is_imported_with_places_and_cells_as_one_audited_batch(
    council, categories, school, kbab, coordinator
):
    # given a housing company's export
    table = _table(GOOD)
    # when the coordinator imports it
    result = bulk_import.incidents_import(
        actor=coordinator,
        council=council,
        table=table,
        mapping=bulk_import.guess_mapping(table.headers),
        organisation=kbab,
    )
    # then every row is an incident
    assert (result.created, result.skipped) == (3, 0)
    glass, graffiti, other = Incident.objects.order_by("occurred_from")
    assert glass.place == school
    assert glass.cost == 325000
    assert glass.address == ""
    assert glass.source == IncidentSource.IMPORT
    assert glass.organisation == kbab
    assert graffiti.address == "Torggatan 3"
    assert graffiti.occurred_from.hour in (20, 21)
    assert other.place == school
    assert other.h3_cell
    assert other.cost == 25000
    # each source id is kept with its own incident
    assert ImportedIncident.objects.get(source_id="A1").incident == glass
    assert ImportedIncident.objects.get(source_id="A2").incident == graffiti
    assert ImportedIncident.objects.get(source_id="A3").incident == other
    assert glass.reported_by == coordinator
    # and the run is audited once, as a batch the incidents link to, not once per incident
    batch = ImportBatch.objects.get()
    assert result.batch == batch
    assert (batch.council, batch.organisation, batch.imported_by) == (council, kbab, coordinator)
    assert batch.filename == "export.csv"
    assert batch.sha256 == hashlib.sha256(GOOD.encode()).hexdigest()
    assert (batch.rows, batch.created, batch.skipped) == (3, 3, 0)
    assert set(Incident.objects.values_list("import_batch", flat=True)) == {batch.pk}
    assert not AuditEvent.objects.filter(model="incidents.Incident").exists()
    event = AuditEvent.objects.get(model="incidents.ImportBatch")
    assert (event.object_id, event.actor, event.council_id) == (
        str(batch.pk),
        coordinator,
        council.pk,
    )
    assert event.changes["filename"] == [None, "export.csv"]
    assert event.changes["created"] == [None, 3]


def test_the_incident_page_says_who_imported_it_when_and_from_which_file(
    client, council, categories, school, kbab, coordinator
):
    # given an imported incident
    table = _table(GOOD)
    result = bulk_import.incidents_import(
        actor=coordinator,
        council=council,
        table=table,
        mapping=bulk_import.guess_mapping(table.headers),
        organisation=kbab,
    )
    assert result.batch is not None
    incident = Incident.objects.get(imported__source_id="A1")
    when = result.batch.created_at.astimezone(timezone.get_current_timezone())
    # when it is marked as handled later
    incident_mark_handled(actor=coordinator, incident=incident)
    # then its history holds the change, audited as usual, and the import of it
    client.force_login(coordinator)
    page = client.get(reverse("incidents:incident_detail", args=[council.slug, incident.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert (
        f"Imported by {coordinator.username} on {when:%Y-%m-%d %H:%M} from the file export.csv"
        in text
    )
    assert AuditEvent.objects.filter(
        model="incidents.Incident", object_id=str(incident.pk), action="update"
    ).exists()
    with translation.override("sv"):
        client.cookies["django_language"] = "sv"
        swedish = client.get(
            reverse("incidents:incident_detail", args=[council.slug, incident.pk])
        ).content.decode()
    assert f"Importerad av {coordinator.username} den {when:%Y-%m-%d %H:%M}" in swedish
    assert "från filen export.csv" in swedish


def test_an_import_from_the_command_line_is_imported_by_the_system(
    client, council, categories, school, coordinator
):
    table = _table(GOOD)
    bulk_import.incidents_import(
        actor=None, council=council, table=table, mapping=bulk_import.guess_mapping(table.headers)
    )
    assert ImportBatch.objects.get().imported_by is None
    incident = Incident.objects.get(imported__source_id="A2")
    assert incident.reported_by is None
    client.force_login(coordinator)
    page = client.get(reverse("incidents:incident_detail", args=[council.slug, incident.pk]))
    assert "Imported by the system on" in page.content.decode()


def test_the_report_names_each_bad_row_and_nothing_is_saved(council, categories, school, kbab):
    table = _table(BAD)
    mapping = bulk_import.guess_mapping(table.headers)
    checked = bulk_import.incidents_import_check(
        council=council, table=table, mapping=mapping, organisation=kbab
    )
    problems = [(p.row, p.message) for p in checked.problems]
    assert (3, "The date is missing or not a date (write 2018-05-31).") in problems
    assert (3, "Unknown category “Ufo”.") in problems
    assert (3, "The cost cannot be negative.") in problems
    assert any(row == 4 and "outside Sweden" in message for row, message in problems)
    assert all(row != 2 for row, _m in problems)
    with pytest.raises(ServiceError):
        bulk_import.incidents_import(
            actor=None, council=council, table=table, mapping=mapping, organisation=kbab
        )
    assert not Incident.objects.exists()
    assert not ImportedIncident.objects.exists()
    assert not ImportBatch.objects.exists()
    assert not AuditEvent.objects.filter(
        model__in=["incidents.Incident", "incidents.ImportBatch"]
    ).exists()


def test_a_cost_or_point_that_is_not_a_finite_number_is_a_problem(council, categories, school):
    table = _table(
        "Nr;Datum;Kategori;Plats;Lat;Lon;Kostnad\n"
        "1;2018-03-01;Glaskross;Nygårdsskolan;;;nan\n"
        "2;2018-03-01;Glaskross;Torget;inf;15.9;\n"
    )
    checked = bulk_import.incidents_import_check(
        council=council, table=table, mapping=bulk_import.guess_mapping(table.headers)
    )
    assert [(p.row, p.message) for p in checked.problems] == [
        (2, "The cost is not a number."),
        (3, "The latitude or longitude is not a number."),
    ]


def test_importing_again_skips_the_ids_already_imported(council, categories, school, kbab):
    table = _table(GOOD)
    mapping = bulk_import.guess_mapping(table.headers)
    bulk_import.incidents_import(
        actor=None, council=council, table=table, mapping=mapping, organisation=kbab
    )
    more = _table(GOOD + "A4;2018-05-01;Klotter;Torget;;;;\n")
    result = bulk_import.incidents_import(
        actor=None, council=council, table=more, mapping=mapping, organisation=kbab
    )
    assert (result.created, result.skipped) == (1, 3)
    assert Incident.objects.count() == 4
    assert result.batch is not None
    assert (result.batch.rows, result.batch.created, result.batch.skipped) == (4, 1, 3)
    assert Incident.objects.get(imported__source_id="A4").import_batch == result.batch
    # A file with nothing new changes nothing: no batch, no event.
    again = bulk_import.incidents_import(
        actor=None, council=council, table=more, mapping=mapping, organisation=kbab
    )
    assert (again.created, again.skipped, again.batch) == (0, 4, None)
    assert ImportBatch.objects.count() == 2
    assert AuditEvent.objects.filter(model="incidents.ImportBatch").count() == 2
    # Another organisation's ids are its own.
    result = bulk_import.incidents_import(actor=None, council=council, table=table, mapping=mapping)
    assert result.created == 3


def test_an_id_twice_in_the_file_is_a_problem(council, categories, school):
    table = _table(GOOD + "A1;2018-05-01;Klotter;Torget;;;;\n")
    checked = bulk_import.incidents_import_check(
        council=council, table=table, mapping=bulk_import.guess_mapping(table.headers)
    )
    assert [(p.row, p.message) for p in checked.problems] == [(5, "The id A1 is also on row 2.")]


def test_an_xlsx_file_with_excel_dates_and_numbers(council, categories, school):
    import datetime as dt

    # Excel keeps times without a zone; the import reads them as Swedish time.
    excel_time = dt.datetime(2018, 2, 3, 10, 0)  # noqa: DTZ001
    data = _xlsx(
        [
            ["ID", "Date", "Category", "Place", "Cost"],
            [17, excel_time, "graffiti", "Nygårdsskolan", 1500.0],
        ]
    )
    table = tables.read_table("history.xlsx", data)
    result = bulk_import.incidents_import(
        actor=None, council=council, table=table, mapping=bulk_import.guess_mapping(table.headers)
    )
    assert result.created == 1
    incident = Incident.objects.get()
    assert incident.cost == 1500
    assert incident.category.code == "graffiti"
    assert ImportedIncident.objects.get().source_id == "17"


def test_a_broken_file_is_refused():
    with pytest.raises(ServiceError, match="not a readable Excel"):
        tables.read_table("x.xlsx", b"PK not really a zip")
    with pytest.raises(ServiceError, match="no rows"):
        tables.read_table("x.csv", b"")


def test_a_missing_required_column_is_named(council, categories):
    table = _table(GOOD)
    mapping = bulk_import.guess_mapping(table.headers) | {"category": None}
    with pytest.raises(ServiceError, match="Category"):
        bulk_import.incidents_import_check(council=council, table=table, mapping=mapping)


def _mapping_post(action: str) -> dict[str, str]:
    return {
        "source_id": "0",
        "date": "1",
        "category": "2",
        "place": "3",
        "latitude": "4",
        "longitude": "5",
        "cost": "6",
        "description": "7",
        "organisation": "",
        "action": action,
    }


def test_upload_map_check_and_import_through_the_pages(
    client, council, categories, school, coordinator
):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("export.csv", BAD.encode(), "text/csv")
    response = client.post(
        reverse("incidents:import_upload", args=[council.slug]), {"file": upload}
    )
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    url = reverse("incidents:import_map", args=[council.slug, pending.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="1" selected' in page.content.decode()  # the date column is pre-chosen
    # the import runs in the worker (here at once); its page shows the report
    response = client.post(url, _mapping_post("import"), follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Unknown category “Ufo”." in text
    assert "The cost cannot be negative." in text
    assert not Incident.objects.exists()

    upload = SimpleUploadedFile("export.csv", GOOD.encode(), "text/csv")
    client.post(reverse("incidents:import_upload", args=[council.slug]), {"file": upload})
    pending = PendingImport.objects.get()
    url = reverse("incidents:import_map", args=[council.slug, pending.pk])
    checked = client.post(url, _mapping_post("check"), follow=True)
    assert checked.status_code == 200
    assert "Ready to import: 3" in checked.content.decode()
    assert Incident.objects.count() == 0
    # the checked table is imported from its report's page
    done = client.post(checked.redirect_chain[-1][0], follow=True)
    assert done.status_code == 200
    assert "3 incidents were imported." in done.content.decode()
    assert Incident.objects.count() == 3
    assert not PendingImport.objects.exists()
    jobs = client.get(reverse("incidents:import_jobs", args=[council.slug]))
    # read and import the bad file; read, check and import the good one
    assert jobs.content.decode().count("export.csv") == 5


def test_an_unreadable_upload_gets_a_message_and_status_400(client, council, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("export.xlsx", b"PK broken", "application/octet-stream")
    # the worker reads the upload; its page says why it could not
    response = client.post(
        reverse("incidents:import_upload", args=[council.slug]), {"file": upload}, follow=True
    )
    assert response.status_code == 400
    assert "not a readable Excel workbook" in response.content.decode()
    assert not Incident.objects.exists()


def test_another_users_upload_is_not_found(client, council, coordinator, secretary):
    pending = PendingImport.objects.create(
        council=council, uploaded_by=secretary, filename="a.csv", data=GOOD.encode()
    )
    client.force_login(coordinator)
    assert (
        client.get(reverse("incidents:import_map", args=[council.slug, pending.pk])).status_code
        == 404
    )


WORKBOOK_FIRST = [["Sammanfattning"], ["Se bladet Händelser"]]
WORKBOOK_EVENTS = [
    ["Nr", "Datum", "Kategori", "Plats", "Kostnad"],
    ["K1", "2018-03-01", "Glaskross", "Nygårdsskolan", 1200],
    ["K2", "2018-03-05", "Klotter", "Torget", 300],
]


def test_a_named_sheet_of_a_workbook_is_read(council):
    data = _xlsx(WORKBOOK_FIRST, Händelser=WORKBOOK_EVENTS, Tomt=[])
    first = tables.read_table("kbab.xlsx", data)
    assert (first.sheet, first.sheets) == ("Sheet", ["Sheet", "Händelser", "Tomt"])
    assert first.headers == ["Sammanfattning"]
    events = tables.read_table("kbab.xlsx", data, sheet="Händelser")
    assert (events.sheet, events.headers[:2], len(events.rows)) == ("Händelser", ["Nr", "Datum"], 2)
    with pytest.raises(ServiceError, match="no sheet named “Nope”. Its sheets: Sheet, Händelser"):
        tables.read_table("kbab.xlsx", data, sheet="Nope")
    with pytest.raises(ServiceError, match="The sheet “Tomt” holds no rows."):
        tables.read_table("kbab.xlsx", data, sheet="Tomt")
    with pytest.raises(ServiceError, match="A CSV file has no sheets"):
        tables.read_table("export.csv", GOOD.encode(), sheet="Händelser")


def test_the_mapping_page_lets_the_user_choose_the_sheet(
    client, council, categories, school, coordinator
):
    # given a workbook whose first sheet is a summary and whose second holds the incidents
    client.force_login(coordinator)
    upload = SimpleUploadedFile(
        "kbab.xlsx", _xlsx(WORKBOOK_FIRST, Händelser=WORKBOOK_EVENTS), "application/octet-stream"
    )
    client.post(reverse("incidents:import_upload", args=[council.slug]), {"file": upload})
    url = reverse("incidents:import_map", args=[council.slug, PendingImport.objects.get().pk])
    # when the page opens, it offers the sheets with the first chosen
    first = client.get(url).content.decode()
    assert '<select name="sheet"' in first
    assert '<option value="Sheet" selected>Sheet</option>' in first
    assert "Sammanfattning" in first
    # when the second sheet is chosen, its columns and rows are shown, and the choice is kept
    chosen = client.get(url, {"sheet": "Händelser"}, follow=True)
    text = chosen.content.decode()
    assert chosen.status_code == 200
    assert '<option value="Händelser" selected>Händelser</option>' in text
    assert "K1" in text
    assert 'value="1" selected' in text  # its date column is pre-chosen
    # then the column form posts to the same address, and the sheet's rows are imported
    mapping = {"source_id": "0", "date": "1", "category": "2", "place": "3", "cost": "4"}
    done = client.post(
        f"{url}?sheet=Händelser", {**mapping, "organisation": "", "action": "import"}, follow=True
    )
    assert "2 incidents were imported." in done.content.decode()
    assert set(ImportedIncident.objects.values_list("source_id", flat=True)) == {"K1", "K2"}
    batch = ImportBatch.objects.get()
    assert (batch.filename, batch.sheet, batch.created) == ("kbab.xlsx", "Händelser", 2)


def test_an_unknown_sheet_on_the_page_is_a_message_and_imports_nothing(
    client, council, categories, school, coordinator
):
    client.force_login(coordinator)
    upload = SimpleUploadedFile(
        "kbab.xlsx", _xlsx(WORKBOOK_FIRST, Händelser=WORKBOOK_EVENTS), "application/octet-stream"
    )
    client.post(reverse("incidents:import_upload", args=[council.slug]), {"file": upload})
    url = reverse("incidents:import_map", args=[council.slug, PendingImport.objects.get().pk])
    page = client.get(url, {"sheet": "Nope"})
    assert page.status_code == 400
    assert "The workbook has no sheet named “Nope”." in page.content.decode()
    posted = client.post(f"{url}?sheet=Nope", {"date": "0", "category": "0", "action": "import"})
    assert posted.status_code == 400
    assert not Incident.objects.exists()
    assert PendingImport.objects.exists()


def test_a_csv_upload_offers_no_sheet(client, council, categories, school, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("export.csv", GOOD.encode(), "text/csv")
    client.post(reverse("incidents:import_upload", args=[council.slug]), {"file": upload})
    url = reverse("incidents:import_map", args=[council.slug, PendingImport.objects.get().pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="sheet"' not in page.content.decode()


def test_an_excel_number_id_is_skipped_when_imported_again(council, categories, school):
    # Excel may give the id 18 as the number 18.0; it is kept, and found again, as "18".
    table = tables.Table(
        headers=["ID", "Date", "Category", "Place"],
        rows=[[18.0, "2018-02-03", "graffiti", "Nygårdsskolan"]],
    )
    mapping = bulk_import.guess_mapping(table.headers)
    bulk_import.incidents_import(actor=None, council=council, table=table, mapping=mapping)
    again = bulk_import.incidents_import(actor=None, council=council, table=table, mapping=mapping)
    assert (again.created, again.skipped) == (0, 1)
    assert ImportedIncident.objects.get().source_id == "18"


def test_a_nul_character_in_a_csv_file_is_left_out(council, categories, school):
    table = _table("Datum;Kategori;Plats;Beskrivning\n2018-03-01;Klotter;Torget;Tag\x00 på vägg\n")
    result = bulk_import.incidents_import(
        actor=None, council=council, table=table, mapping=bulk_import.guess_mapping(table.headers)
    )
    assert result.created == 1
    assert Incident.objects.get().description == "Tag på vägg"


def test_ids_saved_by_another_import_meanwhile_are_a_message_and_nothing_is_saved(
    council, categories, school, monkeypatch
):
    # given a file imported once
    table = _table(GOOD)
    mapping = bulk_import.guess_mapping(table.headers)
    bulk_import.incidents_import(actor=None, council=council, table=table, mapping=mapping)
    # when the same ids are saved again as if another import had saved them since the check
    monkeypatch.setattr(bulk_import, "_already_imported", lambda *args: set())
    with pytest.raises(ServiceError, match="Another import saved some of these ids"):
        bulk_import.incidents_import(actor=None, council=council, table=table, mapping=mapping)
    # then nothing of the second import is kept
    assert Incident.objects.count() == 3
    assert ImportBatch.objects.count() == 1
