"""Specifications for reading council minutes and notices (meetings/importers/minutes/).

The Köping seed is real minutes; the other fixtures are written to cover other councils'
layouts. All tests go through parse_minutes and ParsedMinutes.to_json.
"""

from __future__ import annotations

import ast
import json
import time
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.core.importing.rejections import ImportRejected
from samverkan.meetings.importers.minutes import ParsedMinutes, parse_minutes

FIXTURES = Path(__file__).resolve().parents[1] / "importers" / "fixtures"
SEED = "koping-bra-2018-05-24.txt"

TOP_KEYS = {
    "body",
    "date",
    "start",
    "end",
    "place",
    "attendance",
    "items",
    "adjusters",
    "signatures",
    "schedule",
    "attachments",
    "warnings",
}


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@cache
def _parsed(name: str) -> ParsedMinutes:
    return parse_minutes(_text(name))


def _seed() -> ParsedMinutes:
    return _parsed(SEED)


def _assert_schema(data: Mapping[str, object]) -> None:
    assert set(data) == TOP_KEYS
    json.dumps(data)
    attendance = data["attendance"]
    assert isinstance(attendance, dict)
    assert set(attendance) == {"present", "guests", "absent"}
    assert all(set(p) == {"name", "affiliation", "role"} for p in attendance["present"])
    assert all(set(g) == {"name", "affiliation"} for g in attendance["guests"])
    assert all(isinstance(name, str) for name in attendance["absent"])
    items = data["items"]
    assert isinstance(items, list)
    assert all(set(i) == {"number", "title", "text", "decisions"} for i in items)
    assert all(isinstance(d, str) for i in items for d in i["decisions"])
    for key, fields in {
        "signatures": {"role", "name"},
        "schedule": {"body", "date", "start", "end"},
        "attachments": {"title", "text"},
        "warnings": {"line", "message"},
    }.items():
        values = data[key]
        assert isinstance(values, list)
        assert all(set(value) == fields for value in values)


# --- The Köping seed ------------------------------------------------------------------------


def test_it_reads_the_seed_header():
    data = _seed().to_json()

    assert data["body"] == "Brottsförebyggande rådet"
    assert data["date"] == "2018-05-24"
    assert (data["start"], data["end"]) == ("10:00", "12:00")
    assert data["place"] == "Rådhuset"


def test_it_lists_everyone_present_in_the_seed_with_their_affiliation():
    present = _seed().to_json()["attendance"]["present"]

    assert [(p["name"], p["affiliation"], p["role"]) for p in present] == [
        ("Roger Eklund", "kommunstyrelsen", "chair"),
        ("Pernilla Einan", "kultur- och fritidsförvaltningen", "member"),
        ("Fia Larsson", "Centrumföreningen", "member"),
        ("Jan Häggkvist", "säkerhetschef, Köpings kommun", "member"),
        ("Daniel Nilsson", "säkerhetssamordnare, Köpings kommun", "member"),
        ("Robert Koivunen", "BRÅ-samordnare", "coordinator"),
        ("Peter Landin", "Köpings Bostads AB", "member"),
        ("Sverker Lindberg", "tekniska kontoret", "member"),
        ("Ola Saaw", "kommunstyrelsen", "member"),
        ("Sara Schelin", "kommunchef", "member"),
        ("Björn Wilhelmsson", "närpolischef", "member"),
        ("Jan Sköldberg", "kommunpolis", "member"),
        ("Andreas Trygg", "kommunstyrelsen", "member"),
        ("Carolina Nässing", "brottsofferjouren, Västmanland", "member"),
        ("Kajsa Landström", "sekreterare", "secretary"),
    ]


def test_it_splits_an_affiliation_into_title_and_organisation():
    people = {person.name: person for person in _seed().attendance.present}

    assert (people["Jan Häggkvist"].title, people["Jan Häggkvist"].organisation) == (
        "säkerhetschef",
        "Köpings kommun",
    )
    assert (people["Kajsa Landström"].title, people["Kajsa Landström"].organisation) == (
        "sekreterare",
        None,
    )
    assert people["Roger Eklund"].organisation == "kommunstyrelsen"
    assert people["Roger Eklund"].role_label == "ordf."
    assert people["Roger Eklund"].section == "Ledamöter"


def test_it_reads_the_seed_guest_and_absentees():
    attendance = _seed().to_json()["attendance"]

    assert attendance["guests"] == [
        {"name": "Lena Nyman", "affiliation": "ANDT-samordnare, Länsstyrelsen"}
    ]
    assert attendance["absent"] == [
        "Sassa Carlström",
        "Conny Hall",
        "Helen Hammarlund",
        "Pia Hjelm Södergran",
        "Susanne Nilzon",
        "Maarit Verga",
    ]


def test_it_finds_the_twelve_numbered_items_of_the_seed():
    items = _seed().to_json()["items"]

    assert [(i["number"], i["title"]) for i in items] == [
        (1, "Sammanträdets öppnande"),
        (2, "Val av protokolljusterare"),
        (3, "Föregående protokoll"),
        (4, "Brottsförebyggande arbetet i länet"),
        (5, "Information från kommunen"),
        (6, "2017 års handlingsplan – uppföljning"),
        (7, "Medborgarlöften 2017 - uppföljning"),
        (8, "Cykelprojektet - slutrapport"),
        (9, "Information från Polisen"),
        (10, "Kommande sammanträden 2018"),
        (11, "Medborgarlöften 2018, samverkansöverenskommelse 2 samt genomförandeplan"),
        (12, "Sammanträdet avslutning"),
    ]
    assert items[0]["text"] == "Ordföranden hälsar välkommen och förklarar mötet öppnat."
    assert items[1]["text"] == "Andreas Trygg utses till protokolljusterare."
    assert items[3]["text"].startswith("Lena Nyman, ANDT-samordnare på Länsstyrelsen deltar")
    assert items[3]["text"].endswith("ska underlätta det lokala arbetet")
    assert items[11]["text"] == "Ordföranden förklarar sammanträdet avslutat."


def test_it_recovers_every_decision_of_the_seed():
    items = _seed().to_json()["items"]
    lead = "Brottsförebyggande rådet beslutar att"

    assert {i["number"]: i["decisions"] for i in items if i["decisions"]} == {
        4: [f"{lead} notera informationen till protokollet."],
        5: [f"{lead} notera informationen till protokollet."],
        6: [f"{lead} godkänna uppföljningen av 2017-års handlingsplan."],
        7: [f"{lead} godkänna uppföljningen av 2017-års medborgarlöften."],
        8: [f"{lead} godkänna slutrapporten om cykelprojektet."],
        9: [f"{lead} notera informationen till protokollet."],
        11: [
            f"{lead} ställa sig bakom föreslagna Medborgarlöften, "
            "Samverkansöverenskommelse 2 samt genomförandeplan för 2018."
        ],
    }


def test_it_keeps_decision_paragraphs_out_of_the_item_text_but_in_the_full_text():
    item = _seed().items[3]

    assert "beslutar" not in item.text
    assert "Beslut" not in item.text.splitlines()
    assert item.full_text.endswith(
        "Beslut\n\nBrottsförebyggande rådet beslutar\n\natt notera informationen till protokollet."
    )


def test_it_reads_the_adjuster_and_the_signatures_of_the_seed():
    data = _seed().to_json()

    assert data["adjusters"] == ["Andreas Trygg"]
    assert data["signatures"] == [
        {"role": "sekreterare", "name": "Kajsa Landström"},
        {"role": "ordförande", "name": "Roger Eklund"},
        {"role": "justerare", "name": "Andreas Trygg"},
    ]


def test_it_reads_the_coming_meetings_of_the_seed_by_column():
    assert _seed().to_json()["schedule"] == [
        {"body": "Arbetsutskottet", "date": "2018-08-27", "start": "08:30", "end": "10:30"},
        {"body": "Rådet", "date": "2018-09-19", "start": "13:15", "end": "15:15"},
        {"body": "Arbetsutskottet", "date": "2018-10-22", "start": "08:30", "end": "10:30"},
        {"body": "Rådet", "date": "2018-11-22", "start": "10:00", "end": "12:00"},
    ]


def test_it_separates_the_three_attachments_after_the_signatures():
    attachments = _seed().to_json()["attachments"]

    assert [a["title"] for a in attachments] == [
        "Medborgarlöften Köpings kommun 2018",
        "Samverkansöverenskommelse 2",
        "Samverkansöverenskommelse 2 – Bilaga 1 Genomförandeplan",
    ]
    promises, agreement, plan = (a["text"] for a in attachments)
    assert promises.startswith("Bakgrund\n\nSamverkan mellan polis och kommun")
    assert promises.endswith("Björn Wilhelmsson\nLokalpolisområdeschef")
    assert agreement.startswith("Syfte och mål")
    assert agreement.endswith("Bilaga 1 Genomförandeplan\n\nBilaga 2 Medborgarlöften")
    assert plan.startswith("Aktivitet\tAnsvarig\tStatus\n")
    assert plan.endswith(
        "Trygghetsskapande uppdrag för polisens volontärer i Köpings centrum\tPolisen"
    )
    assert "<i>" not in plan


def test_it_drops_the_page_initials_of_the_seed():
    minutes = _seed()
    everything = json.dumps(minutes.to_json(), ensure_ascii=False)

    assert "RE *AS*" not in everything
    assert "pe *no*" not in everything
    assert "pe *no*" not in minutes.items[10].full_text
    assert "Centrumvärdar införs på prov under sommaren 2018" in minutes.items[10].text
    assert minutes.dropped_lines == [141, 216]


def test_it_places_every_line_of_the_seed():
    assert _seed().to_json()["warnings"] == []


def test_the_seed_is_minutes_not_a_notice():
    minutes = _seed()

    assert minutes.kind == "minutes"
    assert minutes.numbered is True
    assert minutes.flattened is False


def test_it_parses_the_seed_well_under_200_ms():
    text = _text(SEED)

    fastest = min(_timed(text) for _ in range(5))

    assert fastest < 0.2


def _timed(text: str) -> float:
    started = time.perf_counter()
    parse_minutes(text)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    "name",
    [
        SEED,
        "sala-trygghetsrad-2019-03-14.txt",
        "kramfors-bra-2019-03-14.txt",
        "upplands-bro-minnesanteckningar-2021-02-10.txt",
        "sala-trygghetsrad-flattened.txt",
        "koping-bra-kallelse-2019-09-19.txt",
    ],
)
def test_to_json_has_exactly_the_documented_keys(name):
    _assert_schema(_parsed(name).to_json())


# --- A trygghetsråd with "§ 23", parties, stand-ins and an ANSLAG/BEVIS box ----------------

SALA = "sala-trygghetsrad-2019-03-14.txt"


def test_it_reads_a_section_sign_numbered_protocol_with_page_headers():
    data = _parsed(SALA).to_json()

    assert (data["body"], data["date"], data["start"], data["end"]) == (
        "Trygghetsrådet",
        "2019-03-14",
        "13:15",
        "15:00",
    )
    assert data["place"] == "Stadshuset, sammanträdesrum Norrmalm"
    assert [(i["number"], i["title"]) for i in data["items"]] == [
        (23, "Mötets öppnande"),
        (24, "Val av justerare"),
        (25, "Lägesbild från polisen"),
        (26, "Medborgarlöften 2019"),
        (27, "Nästa sammanträde"),
    ]
    assert data["warnings"] == []


def test_it_reads_parties_stand_ins_and_partial_attendance():
    people = {p.name: p for p in _parsed(SALA).attendance.present}

    assert (people["Anna Ek"].party, people["Anna Ek"].role) == ("S", "chair")
    assert (people["Dan Berg"].serving_for, people["Dan Berg"].role) == ("Eva Sjö", "deputy")
    assert (people["Fredrik Ahl"].serving_for, people["Fredrik Ahl"].section) == (
        "Gun Ås",
        "Tjänstgörande ersättare",
    )
    assert people["Helena Björk"].role == "deputy"
    assert (people["Cecilia Holm"].to_item, people["Cecilia Holm"].partial_note) == (
        25,
        "t.o.m. § 25",
    )
    assert people["Jenny Ström"].from_time == "13:45"
    assert people["Jenny Ström"].role == "coordinator"
    assert (people["Ivar Nord"].title, people["Ivar Nord"].organisation) == (
        "kommunpolis",
        "Polisen",
    )
    assert people["Karin Vik"].role == "secretary"


def test_it_reads_numbered_decisions_and_att_clauses_but_not_proposals():
    items = {i["number"]: i for i in _parsed(SALA).to_json()["items"]}

    assert items[25]["decisions"] == [
        "Informationen noteras.",
        "Lägesbilden läggs till handlingarna.",
    ]
    assert items[26]["decisions"] == [
        "Trygghetsrådet beslutar att godkänna förslaget till medborgarlöften 2019.",
        "Trygghetsrådet beslutar att uppdra åt trygghetssamordnaren att följa upp löftena "
        "till hösten.",
    ]
    assert "Trygghetsrådet föreslås besluta" in items[26]["text"]
    assert "Reservation\nBo Lind (M) reserverar sig mot beslutet." in items[26]["text"]


def test_it_drops_the_anslag_box_and_page_furniture():
    minutes = _parsed(SALA)
    everything = json.dumps(minutes.to_json(), ensure_ascii=False)

    for furniture in ("ANSLAG", "anslaget", "Utdragsbestyrkande", "Sida 2", "AE BL"):
        assert furniture not in everything
    assert minutes.items[2].text.startswith("Dnr TR 2019/12")
    assert minutes.items[2].reference == "TR 2019/12"
    assert minutes.municipality == "SALA KOMMUN"
    assert minutes.heading == "SAMMANTRÄDESPROTOKOLL"
    assert minutes.adjustment_note == "Kommunledningskontoret 2019-03-20"


def test_it_reads_adjusters_signatures_and_the_next_meeting_of_the_trygghetsrad():
    data = _parsed(SALA).to_json()

    assert data["adjusters"] == ["Bo Lind"]
    assert data["signatures"] == [
        {"role": "sekreterare", "name": "Karin Vik"},
        {"role": "ordförande", "name": "Anna Ek"},
        {"role": "justerare", "name": "Bo Lind"},
    ]
    assert data["schedule"] == [
        {"body": "Trygghetsrådet", "date": "2019-05-16", "start": "13:15", "end": None}
    ]
    assert data["attachments"] == []


# --- "12 §" numbering, inline "Beslut:" and "Sida 1 (3)" --------------------------------------

KRAMFORS = "kramfors-bra-2019-03-14.txt"


def test_it_reads_paragraph_sign_after_the_number_and_inline_decisions():
    data = _parsed(KRAMFORS).to_json()

    assert data["body"] == "Brottsförebyggande rådet i Kramfors"
    assert (data["date"], data["start"], data["end"]) == ("2019-03-14", "09:00", "11:30")
    assert data["place"] == "Kommunhuset, Kramfors"
    assert [i["number"] for i in data["items"]] == [1, 2, 3, 4, 5, 6, 7]
    assert [i["decisions"] for i in data["items"]][1:4] == [
        ["Dagordningen godkänns."],
        ["Protokollet läggs till handlingarna."],
        [
            "Informationen noteras. Samordnaren får i uppdrag att sammanställa kostnaderna "
            "till nästa möte."
        ],
    ]
    assert data["warnings"] == []


def test_it_reads_name_and_title_rows_guests_and_regrets():
    data = _parsed(KRAMFORS).to_json()
    attendance = data["attendance"]

    assert attendance["present"][0] == {
        "name": "Maria Sund",
        "affiliation": "kommunalråd, ordförande",
        "role": "chair",
    }
    assert attendance["present"][2]["role"] == "coordinator"
    assert attendance["guests"] == [
        {"name": "Per Holm", "affiliation": "Räddningstjänsten Höga Kusten"},
        {"name": "Lisa Eng", "affiliation": "Kramforsbostäder"},
    ]
    assert attendance["absent"] == ["Ulf Ek", "Vera Lund"]


def test_it_reads_justeras_signatures_and_an_adjuster_chosen_in_an_item():
    data = _parsed(KRAMFORS).to_json()

    assert data["adjusters"] == ["Tove Nyström"]
    assert data["signatures"] == [
        {"role": "ordförande", "name": "Maria Sund"},
        {"role": "justerare", "name": "Tove Nyström"},
        {"role": "sekreterare", "name": "Sara Dahl"},
    ]
    assert data["schedule"] == [
        {
            "body": "Brottsförebyggande rådet i Kramfors",
            "date": "2019-05-16",
            "start": "09:00",
            "end": "11:00",
        }
    ]
    assert _parsed(KRAMFORS).dropped_lines == [7, 32, 48]


# --- Minnesanteckningar without numbers -----------------------------------------------------

NOTES = "upplands-bro-minnesanteckningar-2021-02-10.txt"


def test_it_numbers_headings_in_order_when_the_minutes_have_no_numbers():
    minutes = _parsed(NOTES)
    data = minutes.to_json()

    assert minutes.numbered is False
    assert minutes.heading == "Minnesanteckningar"
    assert [(i["number"], i["title"]) for i in data["items"]] == [
        (1, "Välkommen och presentation"),
        (2, "Lägesbild"),
        (3, "Trygghetsvandring i Bro centrum"),
        (4, "Övriga frågor"),
        (5, "Nästa möte"),
    ]
    assert data["warnings"] == [
        {
            "line": 16,
            "message": "No numbered items were found; "
            "the items were taken from headings and numbered in order.",
        }
    ]


def test_it_reads_the_participants_of_informal_notes():
    data = _parsed(NOTES).to_json()

    assert (data["body"], data["date"], data["place"]) == (
        "Trygghetsrådet Upplands-Bro",
        "2021-02-10",
        "Digitalt via Teams",
    )
    assert [(p["name"], p["role"]) for p in data["attendance"]["present"]] == [
        ("Anna Andersson", "member"),
        ("Erik Berg", "member"),
        ("Fatima Hassan", "member"),  # a fältsekreterare is no secretary of the meeting
        ("Gunnar Lund", "member"),
    ]
    assert data["attendance"]["absent"] == ["Helena Ivarsson"]
    assert data["schedule"] == [
        {
            "body": "Trygghetsrådet Upplands-Bro",
            "date": "2021-04-14",
            "start": "09:00",
            "end": "11:00",
        }
    ]


# --- A protocol flattened to one paragraph ------------------------------------------------


def test_it_recovers_the_structure_of_a_protocol_flattened_to_one_line():
    minutes = _parsed("sala-trygghetsrad-flattened.txt")
    data = minutes.to_json()

    assert minutes.flattened is True
    assert (data["body"], data["date"], data["start"], data["place"]) == (
        "Trygghetsrådet i Sala",
        "2019-03-14",
        "13:15",
        "Stadshuset",
    )
    assert [(i["number"], i["title"]) for i in data["items"]] == [
        (23, "Mötets öppnande"),
        (24, "Val av justerare"),
        (25, "Lägesbild från polisen"),
        (26, "Avslutning"),
    ]
    assert data["items"][2]["decisions"] == [
        "Trygghetsrådet beslutar att notera informationen.",
        "Trygghetsrådet beslutar att ge samordnaren i uppdrag att följa upp inbrotten i förråd.",
    ]
    assert [(p["name"], p["role"]) for p in data["attendance"]["present"]] == [
        ("Anna Ek", "chair"),
        ("Bo Lind", "member"),
        ("Cecilia Holm", "member"),
        ("Karin Vik", "secretary"),
        ("Ivar Nord", "member"),
    ]
    assert data["signatures"] == [
        {"role": "sekreterare", "name": "Karin Vik"},
        {"role": "ordförande", "name": "Anna Ek"},
        {"role": "justerare", "name": "Bo Lind"},
    ]
    assert "Sida" not in json.dumps(data, ensure_ascii=False)


def test_it_warns_that_flattened_titles_were_guessed():
    warnings = _parsed("sala-trygghetsrad-flattened.txt").to_json()["warnings"]

    assert warnings[0]["line"] == 1
    assert warnings[0]["message"].startswith("The text has no line breaks")
    assert {w["message"] for w in warnings[1:]} >= {
        "The title of item 23 was guessed from run-on text: “Mötets öppnande”"
    }


# --- A notice (kallelse) ---------------------------------------------------------------------

NOTICE = "koping-bra-kallelse-2019-09-19.txt"


def test_it_reads_a_notice_as_a_planned_meeting():
    minutes = _parsed(NOTICE)
    data = minutes.to_json()

    assert minutes.kind == "notice"
    assert "kind" not in data
    assert (data["body"], data["date"], data["start"], data["end"], data["place"]) == (
        "Brottsförebyggande rådet (BRÅ)",
        "2019-09-19",
        "13:15",
        "15:15",
        "Rådhuset, sammanträdesrum Malmen",
    )
    assert [i["title"] for i in data["items"]] == [
        "Sammanträdets öppnande",
        "Val av protokolljusterare",
        "Lägesbild från polisen",
        "Medborgarlöften 2020 – förslag",
        "Kommande sammanträden",
        "Sammanträdets avslutning",
    ]
    assert data["warnings"] == []


def test_it_reads_presenters_and_planned_times_of_agenda_items():
    items = _parsed(NOTICE).items

    assert (items[2].presenter, items[2].time) == ("Björn Wilhelmsson", "13:30")
    assert (items[3].presenter, items[3].time) == ("Robert Koivunen, BRÅ-samordnare", "14:00")
    assert (items[0].presenter, items[0].time) == (None, None)


def test_it_keeps_the_notice_text_apart_from_the_agenda():
    minutes = _parsed(NOTICE)

    assert minutes.notes == [
        "Ledamöterna kallas härmed till sammanträde.",
        "Förhinder anmäls till Kajsa Landström, telefon 0221-250 00.",
        "Välkomna!",
    ]
    assert minutes.items[-1].text == ""
    assert minutes.to_json()["signatures"] == [{"role": "ordförande", "name": "Roger Eklund"}]


# --- Smaller layouts -------------------------------------------------------------------------


def test_it_reads_each_att_paragraph_as_its_own_decision():
    text = """Protokoll
Arbetsutskottet
Datum: 2020-02-03

1. Lägesbild
Polisen informerar.
Arbetsutskottet beslutar
att notera informationen,
att ge samordnaren i uppdrag att ta fram en åtgärdsplan, samt
att återkomma i frågan vid nästa möte.
Mötet diskuterar vidare belysningen i parken.

2. Övriga frågor
Beslut
Rådet noterar informationen.
"""
    items = parse_minutes(text).to_json()["items"]

    assert items[0]["decisions"] == [
        "Arbetsutskottet beslutar att notera informationen.",
        "Arbetsutskottet beslutar att ge samordnaren i uppdrag att ta fram en åtgärdsplan.",
        "Arbetsutskottet beslutar att återkomma i frågan vid nästa möte.",
    ]
    assert items[0]["text"] == (
        "Polisen informerar.\nMötet diskuterar vidare belysningen i parken."
    )
    assert items[1]["decisions"] == ["Rådet noterar informationen."]


def test_it_reads_a_numbered_decision_list_on_the_beslut_line():
    text = (
        "Protokoll\nDatum: 2020-02-03\n§ 4 Lägesbild\n"
        "Beslut 1. Informationen noteras. 2. Ärendet avslutas.\n"
    )

    items = parse_minutes(text).to_json()["items"]

    assert items[0]["decisions"] == ["Informationen noteras.", "Ärendet avslutas."]


@pytest.mark.parametrize(
    ("header", "date", "start", "end", "place"),
    [
        ("Sammanträdesdatum 2019-03-14\nTid: 09.00-11.30", "2019-03-14", "09:00", "11:30", None),
        (
            "Datum: 14 mars 2019\nPlats och tid: Stadshuset, kl. 13.15–15.00",
            "2019-03-14",
            "13:15",
            "15:00",
            "Stadshuset",
        ),
        (
            "Plats och tid\nKommunhuset, sal 3, torsdagen den 14 mars 2019 kl 13.15-16.00, "
            "ajournering 14.30-14.45",
            "2019-03-14",
            "13:15",
            "16:00",
            "Kommunhuset, sal 3",
        ),
        ("Tid och plats: 2019.03.14 kl 9-11, Rådhuset", "2019-03-14", "09:00", "11:00", "Rådhuset"),
    ],
)
def test_it_reads_the_header_forms(header, date, start, end, place):
    data = parse_minutes(f"Protokoll\nTrygghetsrådet\n{header}\n\n§ 1 Mötets öppnande\n").to_json()

    assert (data["date"], data["start"], data["end"], data["place"]) == (date, start, end, place)
    assert data["body"] == "Trygghetsrådet"
    assert data["warnings"] == []


@pytest.mark.parametrize(
    ("row", "name", "affiliation", "role"),
    [
        ("Roger Eklund (ordf.)\tkommunstyrelsen", "Roger Eklund", "kommunstyrelsen", "chair"),
        ("Kajsa Landström\tsekreterare", "Kajsa Landström", "sekreterare", "secretary"),
        ("Robert Koivunen\tBRÅ-samordnare", "Robert Koivunen", "BRÅ-samordnare", "coordinator"),
        ("Ordförande\tRoger Eklund", "Roger Eklund", "Ordförande", "chair"),
        ("Anna Ek (S), tjg ersättare", "Anna Ek", "tjg ersättare", "deputy"),
        ("Bo Ek (M) tjg för Eva Sjö (M)", "Bo Ek", None, "deputy"),
        ("Lisa Al, vice ordförande", "Lisa Al", "vice ordförande", "member"),
        ("Per Olsson – kommunpolis", "Per Olsson", "kommunpolis", "member"),
    ],
)
def test_it_reads_the_role_from_an_attendance_row(row, name, affiliation, role):
    text = f"Protokoll\nDatum: 2020-02-03\nNärvarande\n{row}\n\n§ 1 Mötets öppnande\n"

    present = parse_minutes(text).to_json()["attendance"]["present"]

    assert present == [{"name": name, "affiliation": affiliation, "role": role}]


def test_it_reads_a_run_of_names_with_parties():
    text = (
        "Protokoll\nDatum: 2020-02-03\nBeslutande: Anna Ek (S), Bo Ek (M) och Cia Al (C)\n"
        "Ej närvarande: Dan Ek (KD)\n\n§ 1 Mötets öppnande\n"
    )

    minutes = parse_minutes(text)

    assert [(p.name, p.party) for p in minutes.attendance.present] == [
        ("Anna Ek", "S"),
        ("Bo Ek", "M"),
        ("Cia Al", "C"),
    ]
    assert minutes.to_json()["attendance"]["absent"] == ["Dan Ek"]


def test_it_reports_every_line_it_cannot_place():
    text = """Protokoll
Trygghetsrådet
Datum: 2020-02-03
Mötet hölls i god stämning
Tid: se kallelsen

§ 1 Mötets öppnande
Ordföranden öppnar mötet.

§ 3 Lägesbild
Beslut
"""
    warnings = parse_minutes(text).to_json()["warnings"]

    unplaced = "This line was not recognised and was left out: "
    assert warnings == [
        {"line": 4, "message": f"{unplaced}“Mötet hölls i god stämning”"},
        {"line": 5, "message": f"{unplaced}“Tid: se kallelsen”"},
        {"line": 10, "message": "The item numbers jump from 1 to 3."},
        {"line": 11, "message": "A decision heading has no decision text under it."},
    ]


def test_warnings_carry_a_translatable_template_and_their_parameters():
    minutes = parse_minutes("Protokoll\nDatum: 2020-02-03\nHej hopp\n§ 1 Öppnande\n")

    warning = minutes.warnings[0]

    assert warning.code == "unplaced_line"
    assert warning.template == "This line was not recognised and was left out: “{text}”"
    assert warning.params == {"text": "Hej hopp"}
    assert warning.message == warning.template.format(**warning.params)


def test_it_reads_schedule_dates_of_next_year_and_row_labels():
    text = """Protokoll
Trygghetsrådet
Datum: 2019-12-05

§ 9 Sammanträdesplan
Arbetsutskottet: 20 januari, 16 mars kl 08.30-10.00
Rådet 12 februari kl 13.15–15.00
"""
    schedule = parse_minutes(text).to_json()["schedule"]

    assert schedule == [
        {"body": "Arbetsutskottet", "date": "2020-01-20", "start": "08:30", "end": "10:00"},
        {"body": "Rådet", "date": "2020-02-12", "start": "13:15", "end": "15:00"},
        {"body": "Arbetsutskottet", "date": "2020-03-16", "start": "08:30", "end": "10:00"},
    ]


def test_it_finds_attachments_after_the_items_without_signatures():
    text = """Protokoll
Datum: 2020-02-03

§ 1 Mötets öppnande
Ordföranden öppnar mötet.


Bilaga 1
Genomförandeplan 2020
Aktivitet\tAnsvarig
Trygghetsvandring\tKommunen
"""
    data = parse_minutes(text).to_json()

    assert data["items"][0]["text"] == "Ordföranden öppnar mötet."
    assert data["attachments"] == [
        {
            "title": "Bilaga 1 Genomförandeplan 2020",
            "text": "Aktivitet\tAnsvarig\nTrygghetsvandring\tKommunen",
        }
    ]


def test_it_reads_a_first_page_with_underskrifter_and_dotted_signature_lines():
    text = """SAMMANTRÄDESPROTOKOLL
Kommunstyrelsens trygghetsutskott
Datum 2019-10-02
Plats och tid
Kommunhuset, sal Ekoln, kl. 08.30–10.00
Beslutande
Ordförande
Lena Holm (S)
Kent Ahl (M)
Utses att justera
Kent Ahl
Underskrifter
Sekreterare ..........................
Maja Berg
Ordförande ..........................
Lena Holm
Justerande ..........................
Kent Ahl
Paragrafer 45–46

§ 45 Lägesbild
Beslut
Informationen noteras.

§ 46 Nästa möte
Nästa möte hålls den 4 december kl. 08.30.
"""
    minutes = parse_minutes(text)
    data = minutes.to_json()

    assert (data["body"], data["date"], data["start"], data["end"], data["place"]) == (
        "Kommunstyrelsens trygghetsutskott",
        "2019-10-02",
        "08:30",
        "10:00",
        "Kommunhuset, sal Ekoln",
    )
    assert [(p.name, p.party, p.role) for p in minutes.attendance.present] == [
        ("Lena Holm", "S", "chair"),
        ("Kent Ahl", "M", "member"),
    ]
    assert data["adjusters"] == ["Kent Ahl"]
    assert data["signatures"] == [
        {"role": "sekreterare", "name": "Maja Berg"},
        {"role": "ordförande", "name": "Lena Holm"},
        {"role": "justerande", "name": "Kent Ahl"},
    ]
    assert data["schedule"][0]["date"] == "2019-12-04"
    assert data["warnings"] == []


def test_it_reads_informal_notes_with_inline_lists_and_a_note_taker():
    text = """Upplands-Bro kommun
MINNESANTECKNINGAR
Brå-gruppen
2019-11-20, kl. 13.00–15.00
Närvarande: Anna Ek, kommunpolis; Bo Ek (socialtjänsten), Cia Al
Adjungerade: Dan Berg (Polisen) t.o.m. kl. 14.00
Anmält förhinder: Eva Sjö och Fia Ahl

Aktuellt från polisen
Dan Berg berättade om läget.
Sida 2 av 5
Det har varit lugnt i centrum.

Övriga frågor
Gruppen beslutade att bjuda in räddningstjänsten.

Vid anteckningarna
Cia Al
"""
    minutes = parse_minutes(text)
    data = minutes.to_json()

    assert (data["body"], minutes.municipality) == ("Brå-gruppen", "Upplands-Bro kommun")
    assert [(p["name"], p["affiliation"]) for p in data["attendance"]["present"]] == [
        ("Anna Ek", "kommunpolis"),
        ("Bo Ek", "socialtjänsten"),
        ("Cia Al", None),
    ]
    assert minutes.attendance.guests[0].to_time == "14:00"
    assert data["attendance"]["absent"] == ["Eva Sjö", "Fia Ahl"]
    assert [i["title"] for i in data["items"]] == ["Aktuellt från polisen", "Övriga frågor"]
    assert data["items"][0]["text"] == (
        "Dan Berg berättade om läget.\nDet har varit lugnt i centrum."
    )
    assert data["items"][1]["decisions"] == ["Gruppen beslutade att bjuda in räddningstjänsten."]
    assert data["signatures"] == [{"role": "sekreterare", "name": "Cia Al"}]


# --- Rejections --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "Kladdkaka\n\n2 ägg, 2 dl socker och 100 g smör. Grädda i 175 grader.",
        "Faktura 2019-03-14\nAtt betala: 1 200 kr",
    ],
)
def test_it_rejects_text_that_is_clearly_not_minutes(text):
    with pytest.raises(ImportRejected) as caught:
        parse_minutes(text)

    assert caught.value.code == "not_minutes"
    assert caught.value.message.startswith("The text does not look like minutes")


def test_it_does_not_import_django_at_import_time():
    package = Path(__file__).resolve().parents[2]
    importing = package / "core" / "importing"
    modules = [
        *sorted((package / "meetings" / "importers").rglob("*.py")),
        *(importing / name for name in ("text.py", "dates.py", "rejections.py", "limits.py")),
        importing / "parse_warnings.py",
    ]
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = [
            name
            for node in tree.body
            for name in (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
        ]
        assert not [name for name in imported if name.split(".")[0] == "django"], module


# --- Properties --------------------------------------------------------------------------------

FRAGMENTS = [
    "§ 1 Mötets öppnande",
    "§ 2",
    "12 § Lägesbild",
    "3. Övriga frågor",
    "1. Informationen noteras.",
    "Beslut",
    "Beslut: Informationen noteras.",
    "Beslut 1. Noteras. 2. Avslutas.",
    "Rådet beslutar",
    "att notera informationen,",
    "Närvarande",
    "Ledamöter",
    "Ej närvarande",
    "Tjänstgörande ersättare",
    "Anna Ek (S), ordförande",
    "Bo Lind\tkommunpolis",
    "Dan Berg (S), tjg för Eva Sjö (S) t.o.m. § 5",
    "Sassa Carlström och Conny Hall.",
    "Plats och tid: Stadshuset, kl. 13.15–15.00",
    "Sammanträdesdatum 2019-03-14",
    "Tid: 09.00-11.30",
    "14 mars 2019",
    "Sida 2 (10)",
    "1(5)",
    "RE *AS*",
    "Justerandes signatur",
    "ANSLAG/BEVIS",
    "Organ",
    "Vid protokollet",
    "Kajsa Landström",
    "sekreterare",
    "Justeras",
    "Bilaga 1",
    "Kommande sammanträden 2018",
    "Arbetsutskottet\tRådet",
    "27 augusti kl 08.30-10.30\t19 september kl 13.15-15.15",
    "Kallelse",
    "Minnesanteckningar",
    "Föredragande: Bo Ek",
    "Nästa möte: 16 maj kl. 9",
    "Andreas Trygg utses till protokolljusterare.",
    "(",
    ")",
    "§",
    "att",
    "",
    "",
    "\t",
]


def _parse_or_rejection(text: str) -> ParsedMinutes | ImportRejected:
    try:
        return parse_minutes(text)
    except ImportRejected as rejected:
        return rejected


def _check_parse(text: str) -> None:
    outcome = _parse_or_rejection(text)
    if isinstance(outcome, ImportRejected):
        assert outcome.code == "not_minutes"
    else:
        _assert_schema(outcome.to_json())


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_it_never_fails_on_arbitrary_text(text):
    _check_parse(text)


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=30), max_size=40))
def test_it_never_fails_on_shuffled_pieces_of_minutes(pieces):
    _check_parse("\n".join(pieces))


@settings(max_examples=100, deadline=None, database=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=10, max_size=80))
def test_it_never_fails_on_run_on_pieces_of_minutes(pieces):
    _check_parse(" ".join(piece for piece in pieces if piece.strip()) + " " * 300)


@settings(max_examples=50, deadline=None, database=None)
@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=0, max_value=2000))
def test_it_never_fails_on_a_cut_seed(start, length):
    lines = _text(SEED).splitlines()
    _check_parse("\n".join(lines[start : start + length]))
