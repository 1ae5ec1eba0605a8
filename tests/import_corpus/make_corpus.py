"""Write the import corpus: documents in the layouts councils and the police use, each with the
JSON a person would copy from it by hand.

`python -m tests.import_corpus.make_corpus` rewrites tests/import_corpus/documents/. The
documents are made up (names, places and matters invented), written as real secretaries vary
them: other templates, label synonyms, parties and roles after names, partial attendance, PDF
text with running headers, hyphenation and flattened pages, OCR noise, and real PDFs and DOCX
files so that text extraction is exercised too. `samverkan import-eval` scores the parsers on it.

Expected JSON (`<name>.json` beside `<name>.<ext>`):
    {"layout": str, "kind": "minutes" | "notice" | "promises", "fields": {...}}
minutes and notices: date, start, end, place, present, absent, guests (names), items
({number, title}), decisions (texts: the lead-in and one att-clause or point each);
promises: valid_from, valid_to, place, date, promises ({text, parties}), signatories (names).
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "documents"

MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
]  # fmt: skip
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]

NAMES = [
    "Anna Ek", "Lars-Göran Berg", "Maria von Essen", "Erik Johansson", "Fatima Ali",
    "Ingrid Holm", "Per Nyström", "Karin Sjöberg", "Mohammed Hassan", "Ulla Lindqvist",
    "Björn Åkesson", "Eva Strand", "Jonas Wik", "Sara Öberg", "Gunnar Dahl", "Lena Mattsson",
    "Ahmed Yusuf", "Helena Forsberg", "Tomas Lund", "Cecilia Hed", "Kent Östlund",
    "Birgitta Sandberg", "Johan Karlsson", "Amina Warsame", "Olof Palmgren", "Stina Boman",
    "Mats Engström", "Annika Nilsson-Blom", "Rolf Persson", "Elin Hägglund",
]  # fmt: skip
PARTIES = ["S", "M", "C", "L", "KD", "V", "SD", "MP"]
TITLES = [
    "socialchef", "kommunpolis", "säkerhetschef", "fältassistent", "kommundirektör",
    "BRÅ-samordnare", "rektor", "räddningschef", "fritidschef",
]  # fmt: skip
PLACES = [
    "Stadshuset, sammanträdesrum Norrmalm", "Rådhuset, Malmen", "Kommunhuset, rum 214",
    "Medborgarhuset", "Polishuset, konferensrum Ugglan", "Digitalt via Teams",
]  # fmt: skip
BODIES = [
    ("Köpings kommun", "Brottsförebyggande rådet"),
    ("Sala kommun", "Trygghetsrådet"),
    ("Kramfors kommun", "Kommunstyrelsens arbetsutskott"),
    ("Hallsbergs kommun", "Socialnämnden"),
    ("Arboga kommun", "Rådet för trygghet och folkhälsa"),
    ("Nora kommun", "Kommunstyrelsen"),
]
ITEM_TITLES = [
    "Val av justerare", "Godkännande av dagordning", "Lägesbild från polisen",
    "Rapport från fältgruppen", "Medborgarlöften 2020", "Trygghetsvandring i centrum",
    "Ekonomisk uppföljning", "Skadegörelse på skolor", "Information om EST-gruppen",
    "Samverkansöverenskommelse med polisen", "Budget för trygghetsarbetet 2020",
    "Uppföljning av handlingsplan mot våld i nära relationer", "Övriga frågor",
    "Kameraövervakning vid resecentrum", "Föräldravandringar under sommaren",
    "Remiss om ny alkoholpolicy", "Delegationsbeslut", "Anmälningsärenden",
]  # fmt: skip
ACTIONS = [
    "notera informationen till protokollet", "godkänna redovisningen",
    "uppdra åt samordnaren att ta fram ett förslag till nästa möte",
    "anta handlingsplanen enligt bilaga", "lägga rapporten till handlingarna",
    "godkänna budgeten för år 2020", "ställa sig bakom förslaget till medborgarlöften",
    "skicka remissvaret till kommunstyrelsen", "avsätta 50 000 kronor till föräldravandringar",
]  # fmt: skip
TEXTS = [
    "Samordnaren redogör för arbetet sedan förra mötet.",
    "Polisen redovisar brottsutvecklingen i kommunen under det senaste kvartalet. "
    "Antalet anmälda inbrott har minskat medan skadegörelsen har ökat något.",
    "Fältgruppen har varit ute fredagar och lördagar och mött många ungdomar i centrum.",
    "Ärendet har beretts av arbetsutskottet. Ett förslag har skickats ut med kallelsen.",
    "En trygghetsvandring genomfördes i september tillsammans med fastighetsägarna.",
]


@dataclass
class Person:
    name: str
    party: str | None = None
    role: str | None = None  # "ordförande", "vice ordförande"
    title: str | None = None  # "socialchef"
    serving: bool = False  # "tjg ers."
    partial: str | None = None  # "till kl. 15.30", "§§ 3–5"


@dataclass
class Item:
    number: int
    title: str
    text: str
    ref: str | None
    decisions: list[str]  # the actions ("godkänna ...")
    lead: str  # "Rådet beslutar", "Arbetsgruppen beslutade", "Beslutades", "" (numbered points)
    style: str  # "beslut-att", "beslutar-att", "points", "sentence", "info", "beslutades"


@dataclass
class Meeting:
    municipality: str
    body: str
    date: tuple[int, int, int]
    start: str
    end: str
    place: str
    members: list[Person]
    others: list[Person]
    absent: list[str]
    guests: list[Person]
    items: list[Item]
    secretary: str
    chair: str
    adjuster: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def iso(self) -> str:
        y, m, d = self.date
        return f"{y:04d}-{m:02d}-{d:02d}"


def written_date(rng: random.Random, date: tuple[int, int, int], *, weekday: bool = True) -> str:
    import datetime as dt

    y, m, d = date
    style = rng.randrange(4)
    if style == 0:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if style == 1:
        return f"{d} {MONTHS[m - 1]} {y}"
    if style == 2 and weekday:
        return f"{WEEKDAYS[dt.date(y, m, d).weekday()]} {d} {MONTHS[m - 1]} {y}"
    if style == 2:
        return f"den {d} {MONTHS[m - 1]} {y}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def written_time(rng: random.Random, start: str, end: str) -> str:
    s, e = start.replace(":", "."), end.replace(":", ".")
    return rng.choice(
        [f"kl. {s}–{e}", f"kl {s} - {e}", f"{start}–{end}", f"kl. {s}-{e}", f"klockan {s}–{e}"]
    )


def person_text(rng: random.Random, p: Person, *, comma: bool = True) -> str:
    parts = [p.name]
    if p.party:
        parts[0] += f" ({p.party})"
    if p.role:
        parts.append(p.role)
    if p.title:
        parts.append(p.title)
    if p.serving:
        parts.append(rng.choice(["tjg ers.", "tjänstgörande ersättare"]))
    if p.partial:
        parts.append(p.partial)
    return ", ".join(parts) if comma else " ".join(parts)


def new_meeting(rng: random.Random, *, political: bool, n_items: int | None = None) -> Meeting:
    municipality, body = rng.choice(BODIES)
    names = rng.sample(NAMES, 14)
    date = (rng.choice([2018, 2019, 2020, 2021]), rng.randint(1, 12), rng.randint(1, 28))
    start_h = rng.choice([8, 9, 13, 14, 15])
    start = f"{start_h:02d}:{rng.choice(['00', '15', '30'])}"
    end = f"{start_h + 2:02d}:{rng.choice(['00', '30', '45'])}"
    members: list[Person] = []
    for i, name in enumerate(names[:5]):
        p = Person(name, party=rng.choice(PARTIES) if political else None)
        if i == 0:
            p.role = "ordförande"
        elif i == 1 and rng.random() < 0.5:
            p.role = "vice ordförande"
        members.append(p)
    if political and rng.random() < 0.7:
        members[-1].serving = True
    others = [Person(n, title=rng.choice(TITLES)) for n in names[5:8]]
    if rng.random() < 0.6:
        others[-1].partial = rng.choice(["till kl. 15.30", "§§ 3–5", "§ 2", "från kl. 14.00"])
    absent = names[8:10] if rng.random() < 0.7 else []
    guests = [Person(names[10], title=rng.choice(TITLES))] if rng.random() < 0.5 else []
    count = n_items or rng.randint(4, 7)
    titles = rng.sample(ITEM_TITLES, count)
    first = rng.choice([1, 1, 1, 12, 45])
    items: list[Item] = []
    for i, title in enumerate(titles):
        style = rng.choice(["beslut-att", "beslutar-att", "points", "sentence", "info", "info"])
        acts = rng.sample(ACTIONS, rng.choice([1, 1, 2]))
        lead = rng.choice([f"{body} beslutar", "Rådet beslutar", "Nämnden beslutar"])
        ref = (
            rng.choice(
                [f"KS {date[0]}/{rng.randint(10, 999):04d}-{rng.randint(1, 9)}",
                 f"{date[0]}/{rng.randint(10, 300)}", f"SN {date[0]}.{rng.randint(10, 99)}"]
            )
            if rng.random() < 0.5
            else None
        )  # fmt: skip
        items.append(Item(first + i, title, rng.choice(TEXTS), ref, acts, lead, style))
    return Meeting(
        municipality, body, date, start, end, rng.choice(PLACES), members, others, absent,
        guests, items, secretary=names[11], chair=names[0], adjuster=names[1],
    )  # fmt: skip


def decisions_of(item: Item) -> list[str]:
    """The decisions a person copies from an item, as the parser's schema writes them."""
    if item.style == "info":
        return []
    if item.style == "points":
        return [f"{_capital(a)}." for a in item.decisions]
    if item.style == "sentence":
        return [f"Rådet tackar för redovisningen och beslutar att {item.decisions[0]}."]
    if item.style == "beslutades":
        return [f"Beslutades att {a}." for a in item.decisions]
    return [f"{item.lead} att {a}." for a in item.decisions]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def decision_block(rng: random.Random, item: Item) -> list[str]:
    if item.style == "info":
        return (
            [rng.choice(["Informationen noteras.", "", "Noteras."])] if rng.random() < 0.3 else []
        )
    head = rng.choice(["Beslut", "Beslut:", "Beslutet", "BESLUT"])
    if item.style == "points":
        return [head, *(f"{i}. {_capital(a)}." for i, a in enumerate(item.decisions, 1))]
    if item.style == "sentence":
        return [head, decisions_of(item)[0]]
    if item.style == "beslutades":
        return [f"Beslutades att {a}." for a in item.decisions]
    if item.style == "beslutar-att":
        if len(item.decisions) == 1:
            return [f"{item.lead} att {item.decisions[0]}."]
        return [f"{item.lead}", *(f"att {a}," for a in item.decisions[:-1]),
                f"att {item.decisions[-1]}."]  # fmt: skip
    return [head, f"{item.lead}", *(f"att {a}" for a in item.decisions)]


def expected_minutes(m: Meeting, layout: str, kind: str = "minutes") -> dict[str, Any]:
    present = [p.name for p in m.members] + [p.name for p in m.others]
    fields: dict[str, Any] = {
        "date": m.iso,
        "start": m.start,
        "end": m.end,
        "place": m.place,
        "present": present,
        "absent": list(m.absent),
        "guests": [g.name for g in m.guests],
        "items": [{"number": i.number, "title": i.title} for i in m.items],
        "decisions": [d for i in m.items for d in decisions_of(i)],
    }
    if kind == "notice":
        fields.update(present=[], absent=[], guests=[], decisions=[])
    fields.update(m.extra.get("override", {}))
    return {"layout": layout, "kind": kind, "fields": fields}


# --- Layout 1: the common municipal minutes template -------------------------------------------


def template_front(rng: random.Random, m: Meeting, variant: int) -> list[str]:
    when = f"{written_date(rng, m.date)}, {written_time(rng, m.start, m.end)}"
    members_label = rng.choice(["Beslutande", "Ledamöter", "Beslutande ledamöter"])
    others_label = rng.choice(["Övriga deltagare", "Övriga närvarande", "Övriga deltagande"])
    sep = "\t" if variant % 2 == 0 else "   "
    lines = [
        f"{m.municipality.upper()}{sep}SAMMANTRÄDESPROTOKOLL",
        f"{sep}Sammanträdesdatum",
        f"{m.body}{sep}{m.iso}",
        "",
    ]
    if variant % 3 == 0:
        lines += [f"Plats och tid{sep}{m.place}, {when}"]
    else:
        lines += [f"Plats och tid{sep}{m.place}", f"{sep}{when}"]
    lines.append("")
    people = [person_text(rng, p) for p in m.members]
    lines.append(f"{members_label}{sep}{people[0]}")
    lines += [f"{sep}{p}" for p in people[1:]]
    lines.append("")
    others = [person_text(rng, p) for p in m.others]
    lines.append(f"{others_label}{sep}{others[0]}")
    lines += [f"{sep}{p}" for p in others[1:]]
    if m.guests:
        lines += ["", f"{rng.choice(['Gäster', 'Inbjudna'])}{sep}{person_text(rng, m.guests[0])}"]
    if m.absent:
        label = rng.choice(["Frånvarande", "Anmält förhinder", "Ej närvarande"])
        lines += ["", f"{label}{sep}{', '.join(m.absent)}"]
    first, last = m.items[0].number, m.items[-1].number
    lines += [
        "",
        f"Utses att justera{sep}{m.adjuster}",
        "",
        f"Justeringens plats och tid{sep}Kommunkansliet {written_date(rng, m.date)}",
        "",
        f"Underskrifter{sep}Sekreterare{sep}...............................{sep}"
        f"Paragrafer {first}–{last}",
        f"{sep}{m.secretary}",
        f"{sep}Ordförande{sep}...............................",
        f"{sep}{m.chair}",
        f"{sep}Justerande{sep}...............................",
        f"{sep}{m.adjuster}",
        "",
        "ANSLAG/BEVIS",
        "Protokollet är justerat. Justeringen har tillkännagivits genom anslag",
        f"Organ{sep}{m.body}",
        f"Sammanträdesdatum{sep}{m.iso}",
        f"Datum då anslaget sätts upp{sep}2019-04-01{sep}Datum då anslaget tas ned{sep}2019-04-23",
        f"Förvaringsplats för protokollet{sep}Kommunkansliet",
        f"Underskrift{sep}...............................",
        "",
    ]
    return lines


def item_lines(rng: random.Random, item: Item, numbering: str) -> list[str]:
    heading = {
        "§ n": f"§ {item.number}",
        "§n": f"§{item.number}",
        "n §": f"{item.number} §",
        "n.": f"{item.number}.",
        "n": f"{item.number}",
        "Ärende n": f"Ärende {item.number}",
        "Punkt n": f"Punkt {item.number}",
    }[numbering]
    lines: list[str] = []
    if numbering in {"§ n", "§n", "n §"} and rng.random() < 0.4:
        lines += [heading, item.title]
    else:
        lines += [f"{heading} {item.title}"]
    if item.ref:
        lines.append(
            rng.choice([f"Dnr {item.ref}", f"Diarienummer: {item.ref}", f"Dnr: {item.ref}"])
        )
    lines += ["", item.text, ""]
    block = decision_block(rng, item)
    if block:
        lines += [*block, ""]
    return lines


def page_furniture(rng: random.Random, m: Meeting, page: int, pages: int, style: int) -> list[str]:
    marker = [f"Sida {page} av {pages}", f"{page} ({pages})", f"BLAD {page}", f"{page}/{pages}"][
        style % 4
    ]
    return [f"{m.municipality.upper()}\tSAMMANTRÄDESPROTOKOLL\t{marker}", f"{m.body}\t{m.iso}", ""]


def template_document(rng: random.Random, m: Meeting, variant: int) -> str:
    lines = template_front(rng, m, variant)
    numbering = ["§ n", "§n", "n §", "§ n"][variant % 4]
    pages = len(m.items) // 2 + 2
    page = 2
    for index, item in enumerate(m.items):
        if index % 2 == 0:
            lines += ["", "Justerandes sign\tUtdragsbestyrkande", ""]
            lines += page_furniture(rng, m, page, pages, variant)
            page += 1
        lines += item_lines(rng, item, numbering)
    lines += ["", "Justerandes sign", ""]
    return "\n".join(lines) + "\n"


# --- Layout 2: text as it comes out of a PDF ---------------------------------------------------


def hyphenate(rng: random.Random, text: str, width: int) -> str:
    """Wrap long lines at width, breaking some long words with a hyphen as PDFs do."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width or "\t" in line:
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            if len(current) + len(word) + 1 > width and current:
                if len(word) >= 10 and rng.random() < 0.6:
                    cut = len(word) // 2
                    out.append(f"{current} {word[:cut]}-")
                    current = word[cut:]
                    continue
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return "\n".join(out)


def flattened_page_document(rng: random.Random, m: Meeting) -> str:
    """Each page on one line, with its running header and footer inside the line."""
    lines = template_front(rng, m, 1)
    text_pages = [" ".join(line.strip() for line in lines if line.strip())]
    for start in range(0, len(m.items), 2):
        body: list[str] = []
        for item in m.items[start : start + 2]:
            body += item_lines(rng, item, "§ n")
        page = len(text_pages) + 1
        header = f"{m.municipality} Sammanträdesprotokoll {m.iso} Sida {page} av 4"
        text_pages.append(
            f"{header} " + " ".join(b.strip() for b in body if b.strip()) + " Justerandes sign"
        )
    return "\n\n".join(text_pages) + "\n"


def labels_first_document(rng: random.Random, m: Meeting) -> str:
    """The front page's labels in one column, then their values: a PDF read by columns."""
    when = f"{written_date(rng, m.date)} {written_time(rng, m.start, m.end)}"
    labels = ["Plats och tid", "Beslutande", "Övriga deltagare", "Utses att justera",
              "Justeringens plats och tid"]  # fmt: skip
    values = [f"{m.place}, {when}", *[person_text(rng, p) for p in m.members], "",
              *[person_text(rng, p) for p in m.others], "", m.adjuster, "",
              f"Kommunkansliet {m.iso}"]  # fmt: skip
    lines = [f"{m.municipality}", "SAMMANTRÄDESPROTOKOLL", f"Sammanträdesdatum {m.iso}", m.body, ""]
    lines += labels + [""] + values + [""]
    if m.absent:
        lines += ["Frånvarande", *m.absent, ""]
    if m.guests:
        lines += ["Gäster", person_text(rng, m.guests[0]), ""]
    for item in m.items:
        lines += item_lines(rng, item, "§ n")
    lines += ["Vid protokollet", m.secretary, "", "Justeras", m.chair, m.adjuster]
    return hyphenate(rng, "\n".join(lines), 70) + "\n"


def hyphenated_document(rng: random.Random, m: Meeting) -> str:
    text = template_document(rng, m, 2)
    return hyphenate(rng, text, 48)


# --- Layout 3: items numbered every way, with a table of contents ------------------------------


def items_document(rng: random.Random, m: Meeting, numbering: str, toc: bool) -> str:
    lines = [
        rng.choice(["PROTOKOLL", "Protokoll", "Sammanträdesprotokoll"]),
        m.body,
        f"Datum: {written_date(rng, m.date)}",
        f"Tid: {written_time(rng, m.start, m.end)}",
        f"Plats: {m.place}",
        "",
        "Närvarande",
        *[person_text(rng, p) for p in m.members + m.others],
        "",
    ]
    if m.absent:
        lines += ["Förhinder", *m.absent, ""]
    if m.guests:
        lines += ["Gäster", *[person_text(rng, g) for g in m.guests], ""]
    if toc:
        lines += ["Innehållsförteckning", ""]
        for page, item in enumerate(m.items, start=2):
            mark = "§ " if numbering.startswith("§") else ""
            lines.append(f"{mark}{item.number} {item.title} {'.' * rng.randint(8, 30)} {page}")
        lines.append("")
    for item in m.items:
        lines += item_lines(rng, item, numbering)
    lines += ["", "Vid protokollet", "", m.secretary, "", "Justeras", "", m.chair, m.adjuster]
    return "\n".join(lines) + "\n"


# --- Layout 5: notices ---------------------------------------------------------------------------


def notice_document(rng: random.Random, m: Meeting, variant: int) -> str:
    when = written_date(rng, m.date)
    lines = ["KALLELSE" if variant % 2 else "Kallelse till sammanträde", "", m.body, ""]
    lines += [f"Tid\t{when} {written_time(rng, m.start, m.end)}", f"Plats\t{m.place}", ""]
    lines += ["Ärenden\tDnr\tFöredragande"] if variant % 3 == 0 else ["Ärenden"]
    clock_h, clock_m = int(m.start[:2]), int(m.start[3:])
    number = 1
    for item in m.items:
        start = f"{clock_h:02d}.{clock_m:02d}"
        clock_m += 30
        clock_h, clock_m = clock_h + clock_m // 60, clock_m % 60
        end = f"{clock_h:02d}.{clock_m:02d}"
        presenter = f"{rng.choice(NAMES)}, {rng.choice(TITLES)}"
        if variant % 3 == 0:
            lines.append(f"{number}. {item.title}\t{item.ref or ''}\t{presenter}")
        elif variant % 3 == 1:
            lines.append(f"{number}. {item.title}, kl. {start}–{end}")
            lines.append(f"Föredragande: {presenter}")
        else:
            lines.append(f"{number}\t{item.title} ({presenter.split(',')[0]})\tkl. {start}–{end}")
        item.number = number
        number += 1
        if number == 3 and rng.random() < 0.7:
            lines.append(
                f"Paus\tkl. {end}–{end[:3]}{int(end[3:]) + 10 if int(end[3:]) < 50 else 59}"
            )
    lines += [
        "",
        "Förhinder anmäls till sekreteraren senast dagen före sammanträdet.*",
        "",
        f"{m.municipality.split()[0]} den {written_date(rng, m.date, weekday=False)}",
        "",
        f"{m.chair}\t{m.secretary}",
        "Ordförande\tSekreterare",
        "",
        "* Ersättare kallas endast vid förhinder för ordinarie ledamot.",
        "",
        "",
        "",
        "Rapport från fältgruppen",
        "",
        "Fältgruppen har under perioden arbetat i centrum och vid skolorna.",
        "Bilaga 1",
    ]
    return "\n".join(lines) + "\n"


# --- Layout 6: memory notes of working groups -----------------------------------------------------


def memory_notes_document(rng: random.Random, m: Meeting, variant: int) -> str:
    lines = [rng.choice(["Minnesanteckningar", "MINNESANTECKNINGAR", "Mötesanteckningar"])]
    lines += [f"{m.body}", f"Datum: {written_date(rng, m.date)}"]
    lines += [f"Tid: {written_time(rng, m.start, m.end)}", f"Plats: {m.place}", ""]
    present = [f"{p.name}, {p.title or 'ledamot'}" if p.title else p.name for p in m.members]
    present += [person_text(rng, p) for p in m.others]
    if variant % 2:
        lines += ["Närvarande: " + "; ".join(present), ""]
    else:
        lines += ["Närvarande:", *present, ""]
    if m.absent:
        label = rng.choice(["Förhinder:", "Frånvarande:", "Anmält förhinder:"])
        lines += [f"{label} {', '.join(m.absent)}", ""]
    if m.guests:
        lines += [f"Gäster: {person_text(rng, m.guests[0])}", ""]
    for index, item in enumerate(m.items, start=1):
        item.number = index
        item.ref = None
        bullet = rng.choice(["• ", "- ", ""]) if variant % 3 == 0 else ""
        lines += [f"{bullet}{item.title}", item.text]
        if item.style == "beslutades":
            lines += [f"Beslutades att {a}." for a in item.decisions]
        elif item.style != "info":
            item.style = "beslutade"
            lines += [f"Arbetsgruppen beslutade att {a}." for a in item.decisions]
        lines.append("")
    lines += [
        f"{rng.choice(['Antecknat av', 'Vid anteckningarna', 'Antecknat av:'])} {m.secretary}"
    ]
    return "\n".join(lines) + "\n"


def memory_decisions(m: Meeting) -> list[str]:
    out: list[str] = []
    for item in m.items:
        if item.style == "beslutades":
            out += [f"Beslutades att {a}." for a in item.decisions]
        elif item.style == "beslutade":
            out += [f"Arbetsgruppen beslutade att {a}." for a in item.decisions]
    return out


# --- Layout 7: citizen promises as the police publish them ---------------------------------------

PROMISES_POLICE = [
    "genomföra minst tio trygghetsvandringar per år tillsammans med boende",
    "vara synliga i centrum fredag och lördag kväll",
    "prioritera narkotikabrott i anslutning till skolor",
]
PROMISES_MUNICIPALITY = [
    "utöka fältgruppens arbete till helger under sommaren",
    "förbättra belysningen i gångtunnlarna vid stationen",
    "ta bort klotter inom 48 timmar",
]
PROMISES_JOINT = [
    "genomföra en medborgardialog om tryggheten i Norra Bro",
    "följa upp löftena varje kvartal och redovisa resultatet på kommunens webbplats",
]


def promises_document(rng: random.Random, variant: int) -> tuple[str, dict[str, Any]]:
    municipality = rng.choice(["Köping", "Sala", "Kramfors", "Arboga", "Nora", "Hallsberg"])
    y = rng.choice([2019, 2020, 2021])
    promises: list[dict[str, Any]] = []
    lines = [
        rng.choice(
            [f"{municipality} – medborgarlöften", f"Medborgarlöften för {municipality} kommun {y}"]
        ),
        "",
    ]
    validity = rng.choice(
        [
            f"Medborgarlöftena gäller från 1 januari {y} till 31 december {y + 1}.",
            f"Löftena gäller {y}-01-01 – {y + 1}-12-31.",
        ]
    )
    lines += [
        f"Polisen och {municipality} kommun har tillsammans tagit fram medborgarlöften utifrån "
        "en gemensam lägesbild och dialog med invånarna.",
        validity,
        "",
    ]
    if variant % 3 != 2:
        lines += [rng.choice(["Våra löften", "Medborgarlöften", "Löften"]), ""]
        for text in rng.sample(PROMISES_POLICE, 2):
            lines.append(f"• Polisen lovar att {text}.")
            promises.append({"text": f"Polisen lovar att {text}.", "parties": ["police"]})
        for text in rng.sample(PROMISES_MUNICIPALITY, 2):
            who = rng.choice(["Kommunen", "Socialtjänsten", f"{municipality} kommun"])
            lines.append(f"• {who} lovar att {text}.")
            promises.append({"text": f"{who} lovar att {text}.", "parties": ["municipality"]})
        text = rng.choice(PROMISES_JOINT)
        lines.append(f"• Kommunen och polisen lovar att {text}.")
        promises.append(
            {
                "text": f"Kommunen och polisen lovar att {text}.",
                "parties": ["municipality", "police"],
            }
        )
    else:
        lines += ["Löfte\tAnsvarig", ""]
        for text in rng.sample(PROMISES_POLICE, 2):
            lines.append(f"{_capital(text)}\tPolisen")
            promises.append({"text": f"{_capital(text)}.", "parties": ["police"]})
        for text in rng.sample(PROMISES_MUNICIPALITY, 2):
            lines.append(f"{_capital(text)}\tKommunen")
            promises.append({"text": f"{_capital(text)}.", "parties": ["municipality"]})
    lines += [""]
    if variant % 2:
        lines += [
            "Uppföljning av förra årets löften",
            "Löftet om fler trygghetsvandringar är uppfyllt: tolv vandringar genomfördes.",
            "",
        ]
    day = rng.randint(1, 28)
    month = rng.randint(1, 6)
    sign_date = f"{day} {MONTHS[month - 1]} {y}"
    lines += [f"{municipality} den {sign_date}", ""]
    chief, police = rng.sample(NAMES, 2)
    lines += [f"{chief}\t{police}", "Kommunstyrelsens ordförande\tLokalpolisområdeschef", ""]
    expected = {
        "layout": "promises",
        "kind": "promises",
        "fields": {
            "valid_from": f"{y}-01-01",
            "valid_to": f"{y + 1}-12-31",
            "place": municipality,
            "date": f"{y}-{month:02d}-{day:02d}",
            "promises": promises,
            "signatories": [chief, police],
        },
    }
    return "\n".join(lines) + "\n", expected


# --- Layout 8: OCR of scanned pages ---------------------------------------------------------------


def ocr_noise(rng: random.Random, text: str) -> str:
    """Noise as Tesseract leaves it on a clean scan: stray bars and rules, split words."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.replace("\t", "   ")
        if line.strip() and rng.random() < 0.15:
            line = f"| {line}"
        if line.strip() and rng.random() < 0.1:
            line = f"{line} |"
        if rng.random() < 0.05:
            out.append(rng.choice(["=", "—", "-", "_ _", "|"]))
        out.append(line)
    return "\n".join(out)


# --- Writing ----------------------------------------------------------------------------------


def write(name: str, text: str, expected: dict[str, Any]) -> None:
    (OUT / f"{name}.txt").write_text(text, encoding="utf-8")
    write_json(name, expected)


def write_json(name: str, expected: dict[str, Any]) -> None:
    (OUT / f"{name}.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def write_pdf(name: str, text: str, expected: dict[str, Any]) -> None:
    """Print the text as a PDF with WeasyPrint: tab columns become table cells, pages break."""
    from html import escape

    from weasyprint import HTML

    rows: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            cells = "".join(f"<td>{escape(cell)}</td>" for cell in line.split("\t"))
            rows.append(f"<table><tr>{cells}</tr></table>")
        elif line.strip():
            rows.append(f"<p>{escape(line)}</p>")
        else:
            rows.append("<p>&nbsp;</p>")
    html = (
        "<html><head><style>@page{size:A4;margin:2cm;"
        "@top-right{content:'Sida ' counter(page) ' av ' counter(pages)}"
        "@bottom-left{content:'Justerandes sign'}}"
        "body{font-family:sans-serif;font-size:10pt} p{margin:0} td{padding-right:2em}"
        "</style></head><body>" + "".join(rows) + "</body></html>"
    )
    HTML(string=html).write_pdf(OUT / f"{name}.pdf")
    write_json(name, expected)


def write_docx(name: str, text: str, expected: dict[str, Any]) -> None:
    from docx import Document

    document = Document()
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            table = document.add_table(rows=1, cols=len(cells))
            for cell, value in zip(table.rows[0].cells, cells, strict=True):
                cell.text = value
        else:
            document.add_paragraph(line)
    document.save(str(OUT / f"{name}.docx"))
    write_json(name, expected)


def main(out: Path = OUT, seed: int = 20190312) -> None:
    """Write the corpus to `out`; another seed gives other documents of the same layouts
    (`python -m tests.import_corpus.make_corpus DIR SEED`: a held-out set to check on)."""
    global OUT
    OUT = out
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    rng = random.Random(seed)
    for v in range(6):
        m = new_meeting(rng, political=True)
        text = template_document(rng, m, v)
        expected = expected_minutes(m, "template")
        if v == 4:
            write_pdf(f"template-{v + 1}", text, expected)
        elif v == 5:
            write_docx(f"template-{v + 1}", text, expected)
        else:
            write(f"template-{v + 1}", text, expected)
    for v in range(6):
        m = new_meeting(rng, political=v % 2 == 0)
        if v in (0, 1):
            text = flattened_page_document(rng, m)
        elif v in (2, 3):
            text = labels_first_document(rng, m)
        else:
            text = hyphenated_document(rng, m)
        write(f"pdf-text-{v + 1}", text, expected_minutes(m, "pdf_text"))
    for v in range(2):
        m = new_meeting(rng, political=True)
        text = template_document(rng, m, v)
        write_pdf(f"pdf-printed-{v + 1}", text, expected_minutes(m, "pdf_text"))
    numberings = ["§ n", "§n", "n", "n.", "Ärende n", "Punkt n", "n §"]
    for v, numbering in enumerate(numberings):
        m = new_meeting(rng, political=v % 2 == 1)
        if numbering not in {"§ n", "§n", "n §"}:
            for index, item in enumerate(m.items, start=1):
                item.number = index
        text = items_document(rng, m, numbering, toc=v % 2 == 0)
        write(f"items-{v + 1}", text, expected_minutes(m, "items"))
    styles = ["beslut-att", "beslutar-att", "points", "sentence", "info", "beslutades"]
    for v in range(6):
        m = new_meeting(rng, political=False)
        for index, item in enumerate(m.items):
            item.style = styles[(index + v) % len(styles)]
        text = items_document(rng, m, "§ n", toc=False)
        write(f"decisions-{v + 1}", text, expected_minutes(m, "decisions"))
    for v in range(6):
        m = new_meeting(rng, political=True)
        text = notice_document(rng, m, v)
        expected = expected_minutes(m, "notice", kind="notice")
        if v == 5:
            write_pdf(f"notice-{v + 1}", text, expected)
        else:
            write(f"notice-{v + 1}", text, expected)
    for v in range(6):
        m = new_meeting(rng, political=False)
        text = memory_notes_document(rng, m, v)
        expected = expected_minutes(m, "memory_notes")
        expected["fields"]["items"] = [{"number": i.number, "title": i.title} for i in m.items]
        expected["fields"]["decisions"] = memory_decisions(m)
        write(f"memory-notes-{v + 1}", text, expected)
    for v in range(6):
        text, expected = promises_document(rng, v)
        if v == 4:
            write_pdf(f"promises-{v + 1}", text, expected)
        else:
            write(f"promises-{v + 1}", text, expected)
    for v in range(4):
        m = new_meeting(rng, political=v % 2 == 0)
        if v % 2:
            text = memory_notes_document(rng, m, v)
            expected = expected_minutes(m, "scanned")
            expected["fields"]["items"] = [{"number": i.number, "title": i.title} for i in m.items]
            expected["fields"]["decisions"] = memory_decisions(m)
        else:
            text = template_document(rng, m, v)
            expected = expected_minutes(m, "scanned")
        write(f"scanned-{v + 1}", ocr_noise(rng, text), expected)
    _ = (re, textwrap)


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3:
        main(Path(sys.argv[1]), int(sys.argv[2]))
    else:
        main()
