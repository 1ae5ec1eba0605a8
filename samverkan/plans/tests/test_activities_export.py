"""The plan exported as CSV and XLSX, and imported again through `samverkan import-document`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from samverkan.organisations.models import Body, Organisation, Person
from samverkan.organisations.services import (
    membership_create,
    organisation_create,
    person_create,
    person_link_user,
)
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet
from samverkan.plans.selectors.activities import EXPORT_HEADERS
from samverkan.plans.services.activities import (
    ActivityFields,
    activity_create,
    activity_update_status,
    plan_create,
)

pytestmark = pytest.mark.django_db
BASE = "/councils/koping/plans/"


@pytest.fixture
def plan(council):
    promises = PromiseSet.objects.create(council=council, title="Medborgarlöften 2026", year=2026)
    first = Promise.objects.create(promise_set=promises, position=0, text="Fotpatrull.")
    second = Promise.objects.create(promise_set=promises, position=1, text="Trygghetsvandringar.")
    plan = plan_create(
        actor=None, council=council, title="Genomförandeplan 2026", year=2026, promise_set=promises
    )
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    kbab = organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )
    walk = activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(
            text="Trygghetsvandring på Nygård,\nmed boende",
            organisations=[kommun, kbab],
            due_on=dt.date(2026, 9, 30),
            promises=[second],
            cause="Otrygghet kvällstid",
            goal="Två vandringar",
            when_text="våren",
            grade="yellow",
            lead=Person.objects.get(name="Roger Eklund"),
        ),
    )
    activity_update_status(actor=None, activity=walk, status="in_progress", note="En gjord.")
    activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(text="Fotpatrull i centrum", organisations=[kbab], promises=[first]),
    )
    return plan


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def test_the_csv_has_the_columns_the_import_reads_and_the_bra_fields(client, users, plan):
    client.force_login(users["coordinator"])
    response = client.get(f"{BASE}{plan.pk}/genomforandeplan.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "genomforandeplan-2026" in response["Content-Disposition"]
    title, header, walk, patrol = _csv_rows(response)
    assert title == ["Genomförandeplan 2026"]
    assert header[:6] == ["Aktivitet", "Ansvarig", "Status", "Statusdatum", "Klart", "Löften"]
    row = dict(zip(header, walk, strict=True))
    assert row["Aktivitet"] == "Trygghetsvandring på Nygård, med boende"
    assert row["Ansvarig"] == "KBAB, Köpings kommun"
    assert (row["Status"], row["Klart"], row["Löften"]) == ("pågår", "2026-09-30", "2")
    assert (row["Orsak"], row["Operativt mål"], row["När"]) == (
        "Otrygghet kvällstid",
        "Två vandringar",
        "våren",
    )
    assert (row["Vem"], row["Uppföljning"], row["Statuskommentar"]) == (
        "Roger Eklund",
        "gul",
        "En gjord.",
    )
    assert patrol[0] == "Fotpatrull i centrum"


def test_the_export_follows_the_filters_and_hides_names_from_a_reporter(client, users, plan):
    client.force_login(users["reporter"])
    response = client.get(f"{BASE}{plan.pk}/genomforandeplan.csv?status=none")
    rows = _csv_rows(response)
    assert [r[0] for r in rows[2:]] == ["Fotpatrull i centrum"]
    everything = _csv_rows(client.get(f"{BASE}{plan.pk}/genomforandeplan.csv"))
    assert "Roger Eklund" not in str(everything)


def test_the_xlsx_has_the_same_table(client, users, plan):
    client.force_login(users["secretary"])
    response = client.get(f"{BASE}{plan.pk}/genomforandeplan.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Genomförandeplan 2026"
    assert rows[1] == EXPORT_HEADERS
    assert rows[2][:3] == (
        "Trygghetsvandring på Nygård,\nmed boende",
        "KBAB, Köpings kommun",
        "pågår",
    )
    assert rows[2][4].date() == dt.date(2026, 9, 30)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_export_imports_again_through_import_document(
    client, users, plan, other_council, tmp_path: Path, suffix
):
    # given the export, and a council that knows the same organisations
    client.force_login(users["coordinator"])
    data = client.get(f"{BASE}{plan.pk}/genomforandeplan.{suffix}").content
    path = tmp_path / f"genomforandeplan.{suffix}"
    path.write_bytes(data)
    organisation_create(actor=None, council=other_council, name="Köpings kommun")
    organisation_create(
        actor=None, council=other_council, name="Köpings Bostads AB", short_name="KBAB"
    )
    # when it is imported
    # (`samverkan import-document` is this command; the CLI's own entry point closes the
    # database connection when it ends, which a test inside a transaction cannot have.)
    call_command("import_document", str(path), "--council", other_council.slug, "--kind", "plan")
    # then the plan is the same: texts, responsible organisations, statuses and due dates
    imported = Plan.objects.get(council=other_council)
    assert imported.year == 2026
    activities = list(Activity.objects.filter(plan=imported).order_by("position"))
    assert [a.text for a in activities] == [
        "Trygghetsvandring på Nygård, med boende",
        "Fotpatrull i centrum",
    ]
    assert [a.status for a in activities] == ["in_progress", ""]
    assert activities[0].due_on == dt.date(2026, 9, 30)
    assert {o.name for o in activities[0].organisations.all()} == {
        "Köpings kommun",
        "Köpings Bostads AB",
    }
    assert [o.short_name for o in activities[1].organisations.all()] == ["KBAB"]


HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.fixture
def reporter_for_kbab(client, users, council, plan):
    """The council's reporter, sitting for KBAB in the council's body."""
    person = person_create(actor=None, council=council, name="Peter Landin")
    person_link_user(actor=None, person=person, user=users["reporter"])
    membership_create(
        actor=None,
        body=Body.objects.get(council=council),
        person=person,
        role="member",
        organisation=Organisation.objects.get(council=council, short_name="KBAB"),
    )
    client.force_login(users["reporter"])
    return client


def test_a_partners_formula_in_a_status_note_is_text_in_both_exports(
    reporter_for_kbab, client, users, plan
):
    # given a partner's status note that a spreadsheet would run as a formula
    walk = Activity.objects.get(plan=plan, text__startswith="Trygghetsvandring")
    response = reporter_for_kbab.post(
        f"/councils/koping/plans/activities/{walk.pk}/status/",
        {"status": "in_progress", "note": HYPERLINK, "figure_label": "", "figure": ""},
    )
    assert response.status_code == 302
    # when the coordinator exports the plan
    client.force_login(users["coordinator"])
    csv_response = client.get(f"{BASE}{plan.pk}/genomforandeplan.csv")
    xlsx_response = client.get(f"{BASE}{plan.pk}/genomforandeplan.xlsx")
    # then the CSV holds it behind a quote, and the XLSX as a string, never a formula
    _title, header, row, _patrol = _csv_rows(csv_response)
    assert dict(zip(header, row, strict=True))["Statuskommentar"] == "'" + HYPERLINK
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    note = sheet.cell(3, EXPORT_HEADERS.index("Statuskommentar") + 1)
    assert note.data_type == "s"
    assert note.value == "'" + HYPERLINK


def test_a_text_with_the_delimiter_and_quotes_imports_again_from_the_csv(
    client, users, plan, other_council, tmp_path: Path
):
    # given an activity whose text holds the CSV's delimiter and quotes
    activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(text='Kvällsvandring; "Trygg i Köping"', organisations=[]),
    )
    for name, short_name in [("Köpings kommun", ""), ("Köpings Bostads AB", "KBAB")]:
        organisation_create(actor=None, council=other_council, name=name, short_name=short_name)
    client.force_login(users["coordinator"])
    path = tmp_path / "genomforandeplan.csv"
    path.write_bytes(client.get(f"{BASE}{plan.pk}/genomforandeplan.csv").content)
    # when it is imported into another council
    call_command("import_document", str(path), "--council", other_council.slug, "--kind", "plan")
    # then the text is whole
    imported = Plan.objects.get(council=other_council)
    texts = list(Activity.objects.filter(plan=imported).values_list("text", flat=True))
    assert 'Kvällsvandring; "Trygg i Köping"' in texts


def test_a_text_the_export_neutralised_imports_again_as_it_was_typed(
    client, users, plan, other_council, tmp_path: Path
):
    # given an activity whose text a spreadsheet would take for a formula
    activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(text="- Kvällsvandring vid Gläntan", organisations=[]),
    )
    for name, short_name in [("Köpings kommun", ""), ("Köpings Bostads AB", "KBAB")]:
        organisation_create(actor=None, council=other_council, name=name, short_name=short_name)
    client.force_login(users["coordinator"])
    path = tmp_path / "genomforandeplan.csv"
    path.write_bytes(client.get(f"{BASE}{plan.pk}/genomforandeplan.csv").content)
    # when the export (where it reads "'- Kvällsvandring…") is imported into another council
    call_command("import_document", str(path), "--council", other_council.slug, "--kind", "plan")
    # then the text is as it was typed, without the export's quote
    imported = Plan.objects.get(council=other_council)
    texts = list(Activity.objects.filter(plan=imported).values_list("text", flat=True))
    assert "- Kvällsvandring vid Gläntan" in texts
