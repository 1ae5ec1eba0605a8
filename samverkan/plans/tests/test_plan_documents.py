"""Plan documents: the three attachments of Köping's minutes of 2018-05-24, and variants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.core.importing.rejections import ImportRejected
from samverkan.demo.loader import seed_text
from samverkan.meetings.importers.minutes import parse_minutes
from samverkan.plans.importers.plan_documents import (
    BLOCKING_WARNINGS,
    NOT_PLAN_DOCUMENT,
    ParsedPlanDocument,
    normalise_status,
    parse_plan_document,
    parse_plan_file,
    split_responsible,
)

JSON_KEYS = {
    "kind", "title", "year", "valid_from", "valid_to", "place", "date", "background",
    "dialogues", "current_picture", "promises_intro", "promises", "purpose", "method",
    "commitments_intro", "commitments", "governance_bodies", "parties", "activities",
    "signatories", "enclosures", "warnings",
}  # fmt: skip


def _attachment_texts() -> list[str]:
    attachments = parse_minutes(seed_text()).attachments
    assert len(attachments) == 3
    return [f"{a.title}\n\n{a.text}" for a in attachments]


@pytest.fixture(scope="module")
def attachments():
    return _attachment_texts()


@pytest.fixture(scope="module")
def promises(attachments):
    return parse_plan_document(attachments[0])


@pytest.fixture(scope="module")
def agreement(attachments):
    return parse_plan_document(attachments[1])


@pytest.fixture(scope="module")
def plan(attachments):
    return parse_plan_document(attachments[2])


# --- Kind ------------------------------------------------------------------------------------


def test_kind_is_recognised_for_each_attachment(promises, agreement, plan):
    assert [promises.kind, agreement.kind, plan.kind] == ["promises", "agreement", "plan"]


def test_forced_kind_is_kept(attachments):
    assert parse_plan_document(attachments[2], kind="plan").kind == "plan"
    assert parse_plan_document(attachments[0], kind="promises").kind == "promises"


def test_forced_kind_without_its_content_is_rejected(attachments):
    with pytest.raises(ImportRejected) as rejected:
        parse_plan_document(attachments[2], kind="agreement")
    assert rejected.value.code == NOT_PLAN_DOCUMENT


def test_unknown_kind_is_a_programming_error(attachments):
    with pytest.raises(ValueError, match="kind"):
        parse_plan_document(attachments[0], kind="budget")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "Hej!\nDetta är en inköpslista.\nMjölk, bröd och ost.",
        "Protokoll\n§ 1 Mötets öppnande\nOrdföranden öppnade mötet.",
        "Genomförandeplan\n\nInga aktiviteter ännu.",
        "\x00\x01\x02 binärt skräp \ufffd",
    ],
)
def test_junk_is_rejected(text):
    with pytest.raises(ImportRejected) as rejected:
        parse_plan_document(text)
    assert rejected.value.code == NOT_PLAN_DOCUMENT
    assert rejected.value.message.startswith("The text does not look like")


# --- Promises --------------------------------------------------------------------------------


def test_promises_header_and_validity(promises):
    assert promises.title == "Medborgarlöften Köpings kommun 2018"
    assert promises.year == 2018
    assert (promises.valid_from, promises.valid_to) == ("2018-01-01", "2018-12-31")
    assert (promises.place, promises.date) == ("Köping", "2018-05-24")


def test_promises_sections(promises):
    assert promises.background is not None
    assert promises.background.startswith("Samverkan mellan polis och kommun är en nödvändighet")
    assert promises.background.endswith("en gemensam satsning i bostadsområdet Nygård.")
    assert promises.background.count("\n\n") == 3
    assert promises.dialogues is not None
    assert promises.dialogues.startswith("Den 16 maj 2018 genomfördes en medborgardialog")
    assert promises.dialogues.endswith("i en trygghetsenkät.")
    assert promises.current_picture is not None
    assert promises.current_picture.startswith("Tryggheten i Köping är en strategiskt")
    assert promises.current_picture.endswith("på att insatser även där är angelägna.")
    assert promises.current_picture.count("\n\n") == 2
    assert promises.promises_intro is not None
    assert promises.promises_intro.startswith("Med tidigare samverkansöverenskommelse")


def test_promises_and_their_parties(promises):
    plain = [p for p in promises.promises if not p.joint]
    joint = [p for p in promises.promises if p.joint]
    assert len(plain) == 6
    assert len(joint) == 1
    assert [p.parties for p in plain] == [
        ["municipality", "police"],
        ["police"],
        ["police"],
        ["municipality"],
        ["municipality"],
        ["municipality"],
    ]
    assert plain[0].text.startswith("Köpings kommun och Polisen lovar gemensamt att i samverkan")
    assert plain[0].text.endswith("tillsammans med de som bor och verkar i området.")
    assert plain[3].text.endswith("förstärka belysningen vid tio av dessa under året.")
    assert plain[5].text == (
        "Köpings kommun lovar att se över olika alternativ för övervakning av skolgårdar "
        "efter skoltid."
    )
    assert joint[0].parties == ["municipality", "police"]
    assert joint[0].text.startswith("Kommunen och Polisen lovar gemensamt att genomföra")
    assert joint[0].text.endswith("involveras i så hög utsträckning som möjligt.")
    assert promises.promises[-1] is joint[0]


def test_promises_signatories(promises):
    assert [(s.name, s.title) for s in promises.signatories] == [
        ("Roger Eklund", "Kommunalråd"),
        ("Björn Wilhelmsson", "Lokalpolisområdeschef"),
    ]


def test_promises_place_every_line(promises):
    assert promises.warnings == []
    assert promises.activities == []
    assert promises.commitments == []


# --- Agreement -------------------------------------------------------------------------------


def test_agreement_header(agreement):
    assert agreement.title == "Samverkansöverenskommelse 2"
    assert agreement.date == "2018-05-24"
    assert agreement.place is None
    assert agreement.valid_to == "2018-12-31"
    assert agreement.valid_from is None
    assert agreement.year is None


def test_agreement_sections(agreement):
    assert agreement.purpose == (
        "Köpings kommun och Lokalpolisområde Västra Mälardalen ska gemensamt formulera en "
        "process för samverkan i det brottsförebyggande och trygghetsskapande arbetet i "
        "Köpings kommun."
    )
    assert agreement.method is not None
    assert agreement.method.startswith("Vardera parten ska tillhandhålla en organisation")
    assert agreement.method.endswith("Ett problemorienterat arbetssätt ska tillämpas.")
    assert agreement.current_picture is not None
    assert agreement.current_picture.startswith("Den kartläggning som genomförts påvisar")
    assert agreement.current_picture.endswith("i specifika medborgarlöften (bilaga 2).")
    assert agreement.commitments_intro == (
        "Kommunchefen i Köpings kommun och Lokalpolisområdeschefen för lokalpolisområde "
        "Västra Mälardalen har kommit överens om:"
    )


def test_agreement_commitments_and_bodies(agreement):
    assert [c.number for c in agreement.commitments] == [1, 2, 3, 4]
    assert agreement.commitments[3].text == (
        "Att överenskommelsen gäller till och med den 31 december 2018."
    )
    assert agreement.commitments[2].text == (
        "Att upprättad genomförandeplan löpande ska avrapporteras i projektgruppen."
    )
    assert agreement.governance_bodies == [
        "styrgrupp (Brå AU)",
        "projektgrupp (Brå)",
        "arbetsgrupper",
    ]


def test_agreement_parties_and_signatories(agreement):
    assert agreement.parties == ["Köpings kommun", "Lokalpolisområde Västra Mälardalen"]
    assert [(s.name, s.title, s.organisation) for s in agreement.signatories] == [
        ("Sara Schelin", "Kommunchef", "Köpings kommun"),
        ("Björn Wilhelmsson", "Lokalpolisområdeschef", "Lokalpolisområde Västra Mälardalen"),
    ]
    assert agreement.enclosures == ["Bilaga 1 Genomförandeplan", "Bilaga 2 Medborgarlöften"]
    assert agreement.warnings == []
    assert agreement.promises == []


# --- Plan ------------------------------------------------------------------------------------

SEED_RESPONSIBLE = [
    ["Köpings kommun"],
    ["Polisen", "Köpings kommun"],
    ["KBAB", "Polisen"],
    ["Polisen", "KBAB", "Köpings kommun"],
    ["Köpings kommun", "KBAB"],
    ["Köpings kommun"],
    ["Köpings kommun"],
    ["Köpings kommun"],
    ["Köpings kommun"],
    ["Köpings kommun"],
    ["Polisen"],
    ["Polisen"],
]


def test_plan_activities(plan):
    assert plan.title == "Samverkansöverenskommelse 2 – Bilaga 1 Genomförandeplan"
    assert len(plan.activities) == 12
    assert [a.responsible for a in plan.activities] == SEED_RESPONSIBLE
    assert all(a.status is None for a in plan.activities)
    assert plan.activities[0].text == (
        "Erbjuda intresserade på Nygård möjlighet att på sitt modersmål guida i Köping."
    )
    assert plan.activities[-1].text == (
        "Trygghetsskapande uppdrag för polisens volontärer i Köpings centrum"
    )
    assert plan.warnings == []


def test_plan_from_the_raw_seed_with_markup():
    """The seed file as written: three title lines and <i>…</i> around each responsible cell."""
    lines = seed_text().split("\n")
    start = lines.index("GENOMFÖRANDEPLAN") - 4
    document = parse_plan_document("\n".join(lines[start:]))
    assert document.kind == "plan"
    assert document.title == "Samverkansöverenskommelse 2 – BILAGA 1 – GENOMFÖRANDEPLAN"
    assert [a.responsible for a in document.activities] == SEED_RESPONSIBLE
    assert all(a.status is None for a in document.activities)
    assert document.warnings == []


def test_plan_inside_minutes_item_11():
    item = next(i for i in parse_minutes(seed_text()).items if i.number == 11)
    document = parse_plan_document(item.full_text)
    assert document.kind == "plan"
    assert len(document.activities) == 12
    assert [a.responsible for a in document.activities] == SEED_RESPONSIBLE
    # The promises and the decision around the table are not part of a plan: all reported.
    texts = item.full_text.split("\n")
    assert {w.line for w in document.warnings} == {
        number for number, text in enumerate(texts, start=1) if text.strip() and "\t" not in text
    }


def test_plan_with_english_columns_and_statuses():
    text = (
        "Action plan 2019\n"
        "\n"
        "Activity\tResponsible\tStatus\n"
        "Night walks in the centre\tPolice + Municipality\tin progress\n"
        "New lighting in the park\tMunicipality\tDone\n"
        "School yard cameras\tMunicipality and KBAB\tnot started\n"
        "Youth outreach\tMunicipality\tongoing\n"
    )
    document = parse_plan_document(text)
    assert document.kind == "plan"
    assert document.title == "Action plan 2019"
    assert [(a.text, a.responsible, a.status) for a in document.activities] == [
        ("Night walks in the centre", ["Police", "Municipality"], "in_progress"),
        ("New lighting in the park", ["Municipality"], "done"),
        ("School yard cameras", ["Municipality", "KBAB"], "not_started"),
        ("Youth outreach", ["Municipality"], "ongoing"),
    ]
    assert document.warnings == []


def test_semicolon_plan_with_unknown_status_warns_with_line():
    text = (
        "Genomförandeplan 2020\n"
        "Aktivitet;Ansvarig;Status\n"
        "Trygghetsvandring;Polisen samt Köpings kommun;Pågår\n"
        "Belysning i parken;Köpings kommun;halvvägs\n"
        "Kamera vid skolan;<i>Köpings kommun</i>;försenad\n"
        "Centrumvärdar;KBAB, Polisen;Stoppad\n"
        "Fotpatrull;Polisen;ej påbörjad\n"
        "Boinflytande;KBAB;klar\n"
    )
    document = parse_plan_document(text)
    assert document.kind == "plan"
    assert [a.status for a in document.activities] == [
        "in_progress", None, "delayed", "stopped", "not_started", "done",
    ]  # fmt: skip
    assert document.activities[0].responsible == ["Polisen", "Köpings kommun"]
    assert document.activities[2].responsible == ["Köpings kommun"]
    assert document.activities[1].status_text == "halvvägs"
    assert [(w.line, w.code) for w in document.warnings] == [(4, "unknown_status")]
    assert document.to_json()["warnings"] == [
        {
            "line": 4,
            "message": (
                "The status “halvvägs” is not known. Use one of: not started, in progress, "
                "done, delayed, stopped, ongoing (or the Swedish words)."
            ),
        }
    ]


def test_csv_plan_with_quoted_cells():
    text = (
        "Aktivitet,Ansvarig,Status\n"
        '"Trygghetsvandring, centrum","Polisen, KBAB och Köpings kommun gemensamt",löpande\n'
    )
    document = parse_plan_document(text)
    assert [(a.text, a.responsible, a.status) for a in document.activities] == [
        ("Trygghetsvandring, centrum", ["Polisen", "KBAB", "Köpings kommun"], "ongoing")
    ]


def test_unplaced_lines_are_warnings_with_line_numbers():
    text = "Genomförandeplan\n\nAktivitet\tAnsvarig\nFotpatrull\tPolisen\n\nGlöm inte fikat.\n"
    document = parse_plan_document(text)
    assert len(document.activities) == 1
    assert document.to_json()["warnings"] == [
        {"line": 6, "message": "This line was not recognised and was left out: “Glöm inte fikat.”"}
    ]


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("ej påbörjad", "not_started"), ("Not started", "not_started"),
        ("pågår", "in_progress"), ("In progress", "in_progress"), ("genomförd", "done"),
        ("Klar", "done"), ("done", "done"), ("försenad", "delayed"), ("Delayed", "delayed"),
        ("stoppad", "stopped"), ("stopped", "stopped"), ("Löpande", "ongoing"),
        ("ongoing", "ongoing"), ("", None), ("kanske", None),
    ],
)  # fmt: skip
def test_normalise_status(word, status):
    assert normalise_status(word) == status


def test_split_responsible():
    assert split_responsible("Polisen, KBAB och Köpings kommun gemensamt") == [
        "Polisen", "KBAB", "Köpings kommun",
    ]  # fmt: skip
    assert split_responsible("<i>Polisen och Köpings kommun gemensamt</i>") == [
        "Polisen", "Köpings kommun",
    ]  # fmt: skip
    assert split_responsible("Polisen + KBAB + Köpings kommun") == [
        "Polisen", "KBAB", "Köpings kommun",
    ]  # fmt: skip
    assert split_responsible("Kommunen samt Polisen") == ["Kommunen", "Polisen"]
    assert split_responsible("") == []


def test_docx_plan_through_extract_text():
    from io import BytesIO

    from docx import Document

    word = Document()
    word.add_paragraph("Genomförandeplan 2018")
    table = word.add_table(rows=3, cols=3)
    rows = [
        ("Aktivitet", "Ansvarig", "Status"),
        ("Fotpatrull i centrum", "Polisen", "Pågår"),
        ("Belysning vid passager", "Köpings kommun och KBAB", "Genomförd"),
    ]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    buffer = BytesIO()
    word.save(buffer)
    document = parse_plan_file(buffer.getvalue(), "plan.docx")
    assert document.kind == "plan"
    assert document.title == "Genomförandeplan 2018"
    assert [(a.text, a.responsible, a.status) for a in document.activities] == [
        ("Fotpatrull i centrum", ["Polisen"], "in_progress"),
        ("Belysning vid passager", ["Köpings kommun", "KBAB"], "done"),
    ]


def test_text_file_rejections_come_from_extract_text():
    with pytest.raises(ImportRejected) as rejected:
        parse_plan_file(b"", "plan.txt")
    assert rejected.value.code == "empty"
    with pytest.raises(ImportRejected) as rejected:
        parse_plan_file("Inköpslista\nMjölk".encode(), "plan.txt")
    assert rejected.value.code == NOT_PLAN_DOCUMENT


# --- JSON ------------------------------------------------------------------------------------


def test_json_of_the_seed(promises, agreement, plan):
    for document in (promises, agreement, plan):
        data = document.to_json()
        assert set(data) == JSON_KEYS
    data = promises.to_json()
    assert data["valid_from"] == "2018-01-01"
    assert data["promises"][-1] == {
        "text": promises.promises[-1].text,
        "parties": ["municipality", "police"],
        "joint": True,
    }
    assert data["signatories"][0] == {
        "name": "Roger Eklund", "title": "Kommunalråd", "organisation": None,
    }  # fmt: skip
    assert agreement.to_json()["commitments"][0] == {
        "number": 1,
        "text": agreement.commitments[0].text,
    }
    assert plan.to_json()["activities"][1] == {
        "text": "Arbeta med att motverka narkotika på Nygård",
        "responsible": ["Polisen", "Köpings kommun"],
        "status": None,
        "due": None,
    }


_FRAGMENTS = [
    "Medborgarlöften 2018", "Detta gör vi genom att:", "- Polisen lovar att patrullera.",
    "Gemensamt löfte för 2018:", "Medborgarlöftena ska gälla för 2018.", "Köping 2018-05-24",
    "Roger Eklund", "Kommunalråd", "Samverkansöverenskommelse 2", "Syfte och mål", "Åtagande",
    "1. Att det ska finnas styrgrupp (Brå AU).", "4. Att den gäller till och med den 31 "
    "februari 2018.", "Datum 2018-13-45", "Aktivitet\tAnsvarig\tStatus",
    "Activity;Responsible", "Fotpatrull\t<i>Polisen</i>\tkanske", "x\t\t\t", "a;b;c;d;e",
    '"a,b",c', "Bilaga 1", "", " ", "\t", "Bakgrund", "Aktuell bild", "gäller för 2019-2018",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=40)), max_size=25),
    st.sampled_from([None, "promises", "agreement", "plan"]),
)
def test_parse_never_raises_anything_but_import_rejected(lines, kind):
    try:
        document = parse_plan_document("\n".join(lines), kind)
    except ImportRejected as rejected:
        code = rejected.code
    else:
        code = None
    if code is not None:
        assert code == NOT_PLAN_DOCUMENT
        return
    assert isinstance(document, ParsedPlanDocument)
    data = document.to_json()
    assert set(data) == JSON_KEYS
    for warning in data["warnings"]:
        assert set(warning) == {"line", "message"}


@pytest.mark.parametrize(
    ("line", "year", "valid_from", "valid_to", "warned"),
    [
        ("Medborgarlöftena ska gälla för 2018–2019.", 2018, "2018-01-01", "2019-12-31", []),
        (
            "Löftena gäller från och med 2018-06-01 till och med den 31 maj 2019.",
            None,
            "2018-06-01",
            "2019-05-31",
            [],
        ),
        # A range that runs backwards is no validity: the line is reported, not guessed at.
        ("Medborgarlöftena ska gälla för 2019-2018.", None, None, None, [6]),
    ],
)
def test_promise_validity_variants(line, year, valid_from, valid_to, warned):
    text = (
        f"Medborgarlöften\n\nDetta gör vi genom att:\n- Polisen lovar att patrullera.\n\n{line}\n"
    )
    document = parse_plan_document(text)
    assert (document.year, document.valid_from, document.valid_to) == (year, valid_from, valid_to)
    assert document.promises[0].parties == ["police"]
    assert [w.line for w in document.warnings] == warned


def test_a_gäller_sentence_without_dates_stays_in_its_section():
    text = (
        "Medborgarlöften\n\nBakgrund\n\nDet gäller att samverka.\nMer text.\n\n"
        "Detta gör vi genom att:\n- Köpings kommun lovar att tända lamporna.\n"
    )
    document = parse_plan_document(text)
    assert document.background == "Det gäller att samverka. Mer text."
    assert document.valid_to is None
    assert document.promises[0].parties == ["municipality"]
    assert document.warnings == []


def test_a_table_without_the_responsible_column_is_rejected_with_what_is_missing() -> None:
    text = "Genomförandeplan 2019\n\nAktivitet;Status\nTrygghetsvandring;pågår\n"
    with pytest.raises(ImportRejected) as caught:
        parse_plan_document(text)
    assert caught.value.code == "missing_column"
    assert "Ansvarig" in caught.value.message


def test_a_date_that_does_not_exist_is_a_blocking_warning() -> None:
    text = (
        "Genomförandeplan 2019\n\nAktivitet;Ansvarig;Status;Klart\n"
        "Trygghetsvandring;Polisen;pågår;2019-02-30\n"
        "Klotterplank;KBAB;klar;hösten 2019\n"
        "Grannsamverkan;Polisen;;2019-05-31\n"
    )
    parsed = parse_plan_document(text)
    assert [(w.line, w.code) for w in parsed.warnings] == [(4, "invalid_date")]
    assert "invalid_date" in BLOCKING_WARNINGS
    assert [(a.due, a.due_text) for a in parsed.activities] == [
        (None, "2019-02-30"),
        (None, "hösten 2019"),
        ("2019-05-31", "2019-05-31"),
    ]
