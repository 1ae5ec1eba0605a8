"""Importing plan documents: the seed's three attachments to the issue's figures, the same
document twice, names to map, bad input, and `samverkan import-document`. Runs on SQLite and
PostgreSQL alike (`DATABASE_URL`)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.demo.loader import seed_text
from samverkan.meetings.importers.minutes import parse_minutes
from samverkan.organisations.models import Council, Organisation, OrganisationAlias
from samverkan.organisations.services import organisation_alias_create, organisation_create
from samverkan.plans.models import (
    Activity,
    Agreement,
    AgreementParty,
    Commitment,
    DocumentImport,
    Plan,
    Promise,
    PromiseSet,
    Signatory,
)
from samverkan.plans.services.importing import (
    CREATE,
    ImportResult,
    Mapping,
    document_import,
    document_import_plan,
)

POLISEN = "Polisen, lokalpolisområde Västra Mälardalen"
KBAB = "Köpings Bostads AB"
KOMMUN = "Köpings kommun"
MODELS = [
    Activity,
    Agreement,
    AgreementParty,
    AuditEvent,
    Commitment,
    DocumentImport,
    Organisation,
    OrganisationAlias,
    Plan,
    Promise,
    PromiseSet,
    Signatory,
]


@pytest.fixture(autouse=True)
def _english():
    """The messages are compared in English, the language of the msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def koping(council: Council) -> Council:
    """The conftest council with the police area and the housing company, which the council's
    documents call "KBAB": an other name, not its short name, so the alias list is what finds it."""
    organisation_create(actor=None, council=council, name=POLISEN, short_name="Polisen")
    kbab = organisation_create(actor=None, council=council, name=KBAB)
    organisation_alias_create(actor=None, organisation=kbab, name="KBAB")
    return council


def _seed_attachments() -> dict[str, tuple[bytes, str]]:
    """The minutes' three attachments as files: promises, agreement, plan."""
    attachments = parse_minutes(seed_text()).attachments
    files = [(f"{a.title}\n\n{a.text}".encode(), f"{a.title}.txt") for a in attachments]
    return dict(zip(["promises", "agreement", "plan"], files, strict=True))


def _import(
    council: Council,
    data: bytes,
    filename: str,
    *,
    year: int | None = None,
    mapping: Mapping | None = None,
    remember: bool = True,
) -> ImportResult:
    result, _plan = document_import(
        actor=None,
        council=council,
        data=data,
        filename=filename,
        year=year,
        mapping=mapping,
        remember=remember,
    )
    return result


def _counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in MODELS}


def _names(activity: Activity) -> set[str]:
    return {o.name for o in activity.organisations.all()}


def test_the_seeds_promises_import_with_six_promises_and_one_joint(koping):
    # when
    data, filename = _seed_attachments()["promises"]
    _import(koping, data, filename)
    # then
    promise_set = PromiseSet.objects.get(council=koping)
    assert promise_set.year == 2018
    promises = list(promise_set.promises.all())
    assert len(promises) == 7
    assert sum(not p.joint for p in promises) == 6
    assert [p for p in promises if p.joint][0].parties == ["municipality", "police"]
    assert str(promise_set.signed_on) == "2018-05-24"
    assert [(s.name, s.title) for s in promise_set.signatories.all()] == [
        ("Roger Eklund", "Kommunalråd"),
        ("Björn Wilhelmsson", "Lokalpolisområdeschef"),
    ]


def test_the_seeds_agreement_imports_with_parties_signatories_and_commitments(koping):
    # when
    data, filename = _seed_attachments()["agreement"]
    _import(koping, data, filename)
    # then
    agreement = Agreement.objects.get(council=koping)
    assert agreement.title == "Samverkansöverenskommelse 2"
    assert str(agreement.signed_on) == "2018-05-24"
    assert str(agreement.valid_to) == "2018-12-31"
    assert [p.organisation.name for p in agreement.parties.all() if p.organisation] == [
        KOMMUN,
        POLISEN,
    ]
    assert [p.name for p in agreement.parties.all()] == [
        "Köpings kommun",
        "Lokalpolisområde Västra Mälardalen",
    ]
    assert [s.name for s in agreement.signatories.all()] == ["Sara Schelin", "Björn Wilhelmsson"]
    assert [c.number for c in agreement.commitments.all()] == [1, 2, 3, 4]
    # Found by the words it holds, the police area's name is not made an other name.
    assert list(OrganisationAlias.objects.values_list("name", flat=True)) == ["KBAB"]


def test_the_seeds_plan_imports_twelve_activities_with_their_organisations(koping):
    # given: the agreement and the promises it belongs to
    files = _seed_attachments()
    for kind in ("agreement", "promises"):
        _import(koping, *files[kind])
    # when
    _import(koping, *files["plan"])
    # then
    plan = Plan.objects.get(council=koping)
    assert plan.year == 2018
    assert plan.promise_set == PromiseSet.objects.get(council=koping)
    assert plan.agreement == Agreement.objects.get(council=koping)
    activities = list(plan.activities.prefetch_related("organisations"))
    assert len(activities) == 12
    assert all(a.organisations.all() for a in activities)
    three = [a for a in activities if a.responsible_text == "Polisen + KBAB + Köpings kommun"]
    assert three
    assert _names(three[0]) == {POLISEN, KBAB, KOMMUN}


def test_every_spelling_of_the_responsible_names_the_same_records(koping):
    # given: the three spellings of the issue, KBAB only in the alias list
    csv = (
        "Aktivitet;Ansvarig;Status\n"
        "Trygghetsvandring;Polisen + KBAB + Köpings kommun;pågår\n"
        "Grannsamverkan;Polisen, KBAB och Köpings kommun gemensamt;in progress\n"
        "Belysning;KBAB och Polisen;genomförd\n"
    ).encode()
    # when
    _import(koping, csv, "plan.csv", year=2018)
    # then
    first, second, third = Activity.objects.filter(plan__council=koping)
    assert _names(first) == _names(second) == {POLISEN, KBAB, KOMMUN}
    assert _names(third) == {POLISEN, KBAB}
    assert [first.status, second.status, third.status] == ["in_progress", "in_progress", "done"]


def test_the_same_document_twice_is_refused_and_nothing_is_duplicated(koping):
    # given
    data, filename = _seed_attachments()["promises"]
    _import(koping, data, filename)
    before = _counts()
    # when: the same text again, under another file name
    with pytest.raises(ServiceError, match="already imported"):
        _import(koping, data, "copy.txt")
    # then
    assert _counts() == before


def test_an_unknown_name_blocks_the_import_until_it_is_mapped(koping):
    # given
    csv = "Aktivitet,Ansvarig\nKameror i centrum,Centrumföreningen\n".encode()
    # when
    plan = document_import_plan(council=koping, data=csv, filename="plan.csv", year=2018)
    # then
    assert [c.name for c in plan.unresolved] == ["Centrumföreningen"]
    assert plan.unresolved[0].lines == [2]
    before = _counts()
    with pytest.raises(ServiceError, match="Centrumföreningen"):
        _import(koping, csv, "plan.csv", year=2018)
    assert _counts() == before


def test_a_mapped_name_is_remembered_as_an_other_name(koping):
    # given
    csv = b"Aktivitet,Ansvarig\nKameror i centrum,Bostadsbolaget\n"
    kbab = Organisation.objects.get(council=koping, name=KBAB)
    # when
    _import(koping, csv, "plan.csv", year=2018, mapping={"Bostadsbolaget": kbab.pk})
    # then
    activity = Activity.objects.get(plan__council=koping)
    assert _names(activity) == {KBAB}
    assert OrganisationAlias.objects.filter(organisation=kbab, name="Bostadsbolaget").exists()
    again = b"Aktivitet,Ansvarig\nBelysning,Bostadsbolaget\n"
    assert not document_import_plan(council=koping, data=again, filename="b.csv").unresolved


def test_a_mapping_without_remembering_adds_no_other_name(koping):
    csv = b"Aktivitet,Ansvarig\nKameror i centrum,Bostadsbolaget\n"
    kbab = Organisation.objects.get(council=koping, name=KBAB)
    _import(koping, csv, "plan.csv", year=2018, mapping={"Bostadsbolaget": kbab.pk}, remember=False)
    assert not OrganisationAlias.objects.filter(name="Bostadsbolaget").exists()


def test_a_name_can_be_created_as_a_new_organisation(koping):
    csv = "Aktivitet,Ansvarig\nNattvandring,Föräldraföreningen\n".encode()
    _import(koping, csv, "plan.csv", year=2018, mapping={"Föräldraföreningen": CREATE})
    activity = Activity.objects.get(plan__council=koping)
    assert _names(activity) == {"Föräldraföreningen"}


BAD_INPUT = [
    pytest.param(
        "Aktivitet,Ansvarig\nA,Okänd förening\n".encode(),
        "a.csv",
        "Okänd förening",
        id="unknown organisation",
    ),
    pytest.param(
        b"Aktivitet,Ansvarig,Status\nA,Polisen,frobnicated\n",
        "a.csv",
        "frobnicated",
        id="unknown status",
    ),
    pytest.param(
        b"Aktivitet,Ansvarig,Klart\nA,Polisen,2019-02-30\n",
        "a.csv",
        "2019-02-30",
        id="a date that does not exist",
    ),
    pytest.param(b"Aktivitet,Status\nA,klar\n", "a.csv", "Ansvarig", id="a missing column"),
    pytest.param(b"", "a.csv", "empty", id="an empty file"),
    pytest.param(bytes(range(256)) * 40, "a.txt", "readable", id="binary garbage"),
    pytest.param(
        "Protokoll fört vid sammanträde\n\nInget här.\n".encode(),
        "a.txt",
        "does not look like",
        id="not a plan document",
    ),
]


@pytest.mark.parametrize(("data", "filename", "message"), BAD_INPUT)
def test_bad_input_gets_a_clear_message_and_saves_nothing(koping, data, filename, message):
    # given
    before = _counts()
    # when
    with pytest.raises(ServiceError) as refused:
        _import(koping, data, filename, year=2018)
    # then
    assert message in str(refused.value.message)
    assert _counts() == before


# The command line ----------------------------------------------------------------------------


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("import_document", *args, stdout=out)
    return out.getvalue()


def test_the_command_shows_a_dry_run_as_json_and_saves_nothing(koping, tmp_path: Path):
    # given
    data, _filename = _seed_attachments()["plan"]
    path = tmp_path / "bilaga-1.txt"
    path.write_bytes(data)
    before = _counts()
    # when
    result = json.loads(_command(str(path), "--council", koping.slug, "--dry-run", "--json"))
    # then
    assert result["kind"] == "plan"
    assert len(result["activities"]) == 12
    assert result["import"]["can_import"] is True
    assert {r["organisation"] for r in result["import"]["responsible"]} == {POLISEN, KBAB, KOMMUN}
    assert _counts() == before


def test_the_command_imports_with_a_map(koping, tmp_path: Path):
    path = tmp_path / "plan.csv"
    path.write_text("Aktivitet;Ansvarig;Status\nBelysning;Bostadsbolaget;pågår\n")
    with pytest.raises(CommandError, match="Bostadsbolaget"):
        _command(str(path), "--council", koping.slug, "--year", "2018")
    _command(
        str(path), "--council", koping.slug, "--year", "2018", "--map", f"Bostadsbolaget={KBAB}"
    )
    assert _names(Activity.objects.get(plan__council=koping)) == {KBAB}


def test_the_command_refuses_a_map_to_an_unknown_organisation(koping, tmp_path: Path):
    path = tmp_path / "plan.csv"
    path.write_text("Aktivitet;Ansvarig\nBelysning;Bostadsbolaget\n")
    before = _counts()
    with pytest.raises(CommandError, match="unknown organisation"):
        _command(str(path), "--council", koping.slug, "--map", "Bostadsbolaget=Finns inte AB")
    assert _counts() == before


def test_the_command_creates_missing_organisations(koping, tmp_path: Path):
    path = tmp_path / "plan.csv"
    path.write_text("Aktivitet;Ansvarig\nNattvandring;Föräldraföreningen + Polisen\n")
    output = _command(str(path), "--council", koping.slug, "--year", "2018", "--create-missing")
    assert "Föräldraföreningen" in output
    activity = Activity.objects.get(plan__council=koping)
    assert _names(activity) == {"Föräldraföreningen", POLISEN}


def test_the_command_refuses_the_same_file_twice(koping, tmp_path: Path):
    path = tmp_path / "plan.csv"
    path.write_text("Aktivitet;Ansvarig\nBelysning;KBAB\n")
    _command(str(path), "--council", koping.slug, "--year", "2018")
    before = _counts()
    with pytest.raises(CommandError, match="already imported"):
        _command(str(path), "--council", koping.slug, "--year", "2018")
    assert _counts() == before
