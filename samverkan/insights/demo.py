"""Demo data for the lägesbild: this year's draft for the demo council, written by the
coordinator with the police member as co-author (their own section and figures), with other
information from the national crime survey and the fire service, and two prioritised problems
in the problem-analysis triangle, ready to be decided in a meeting and published.

samverkan/demo/loader.py calls `load_demo_situation_report` once the personas have their logins.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils import timezone

from samverkan.insights.models import SectionKey, SourceKind
from samverkan.insights.services.situation_report import (
    ProblemFields,
    problem_save,
    section_write,
    situation_report_create,
    source_table_save,
)
from samverkan.organisations.models import Council

SECTIONS = {
    SectionKey.SUMMARY: (
        "samordnare",
        "Skadegörelsen i centrum och vid skolorna står för de flesta händelserna och kostnaderna. "
        "Otryggheten kvällstid i centrum och vid resecentrum är fortsatt hög enligt "
        "trygghetsmätningen. Rådet prioriterar två problem för åtgärdsplanen.",
    ),
    SectionKey.CONSEQUENCES: (
        "samordnare",
        "Skadegörelsen kostar kommunen och KBAB hundratusentals kronor om året. Otryggheten gör "
        "att äldre och kvinnor undviker centrum kvällstid; handlare rapporterar färre kunder.",
    ),
    SectionKey.POLICE: (
        "polis",
        "Polisens bedömning: de anmälda skadegörelsebrotten ligger stilla, men en mindre grupp "
        "unga står för en stor del av händelserna i centrum fredagar och lördagar. Narkotika "
        "förekommer vid resecentrum. Polisen ser behov av fler vuxna i rörelse kvällstid.",
    ),
    SectionKey.ANALYSIS: (
        "samordnare",
        "Händelserna samlas på få platser och tider. Analysen följer problemanalystriangeln: "
        "gärningspersoner, platser och mål för varje problem nedan.",
    ),
    SectionKey.SOURCES: (
        "samordnare",
        "Rådets egna händelserapporter (kommunen, KBAB, medborgare), polisens siffror, "
        "Brås nationella trygghetsundersökning och räddningstjänstens anlagda bränder. "
        "Begränsning: alla händelser rapporteras inte; enkätsvar under 5 visas inte.",
    ),
    SectionKey.INTERNAL: (
        "samordnare",
        "Fråga polisen om siffrorna för resecentrum innan utkastet går till beslut.",
    ),
}

TABLES = [
    (
        "polis",
        SourceKind.POLICE,
        "Polisens siffror för centrum",
        "Polisen, lokalpolisområde Västra Mälardalen",
        [("Anmäld skadegörelse i centrum", "84"), ("Narkotikabrott vid resecentrum", "23")],
    ),
    (
        "samordnare",
        SourceKind.OTHER,
        "Nationella trygghetsundersökningen (NTU)",
        "Brottsförebyggande rådet, NTU, länet",
        [("Otrygga ute sent en kväll", "29 %"), ("Utsatta för trakasserier", "7 %")],
    ),
    (
        "samordnare",
        SourceKind.OTHER,
        "Anlagda bränder",
        "Räddningstjänsten Mälardalen",
        [("Anlagda bränder utomhus", "31"), ("Varav vid skolor", "9")],
    ),
]

PROBLEMS = [
    (
        "samordnare",
        ProblemFields(
            title="Skadegörelse vid skolorna",
            what="Krossade rutor, klotter och bränder i papperskorgar.",
            where="Nygårdsskolan och Malmbergsskolan.",
            when="Helgkvällar, mest under höst och vinter.",
            affected="Skolorna och deras elever; kommunens fastighetsenhet.",
            causes="Få vuxna i rörelse, mörka skolgårdar.",
            risk_factors="Grupper av unga utan fritidssysselsättning kvällstid.",
            protective_factors="Fältassistenter och föreningsliv i området.",
            offender="Unga 13–17 år i mindre grupper.",
            place="Skolgårdar utan belysning och kamerabevakning.",
            target="Skolbyggnader och papperskorgar.",
            prioritised=True,
            rationale="Flest händelser och högst kostnad; drabbar barnens skolmiljö.",
        ),
    ),
    (
        "polis",
        ProblemFields(
            title="Otrygghet vid resecentrum kvällstid",
            what="Otrygghet, stök och narkotikaförsäljning.",
            where="Resecentrum och gångtunneln mot centrum.",
            when="Fredagar och lördagar 20–02.",
            affected="Resenärer, särskilt kvinnor och äldre.",
            causes="Öppen narkotikaförsäljning, dålig belysning i tunneln.",
            risk_factors="Samlingsplats utan vuxennärvaro.",
            protective_factors="Nattvandrare, väktare på helger.",
            offender="Ett fåtal kända personer och tillfälliga besökare.",
            place="Gångtunneln och busshållplatserna.",
            target="Resenärer.",
            prioritised=True,
            rationale="Störst otrygghet i trygghetsmätningen; polisen ser narkotika på platsen.",
        ),
    ),
    (
        "samordnare",
        ProblemFields(
            title="Nedskräpning i parkerna",
            what="Skräp efter sammankomster.",
            where="Stadsparken.",
            when="Sommarkvällar.",
        ),
    ),
]


def load_demo_situation_report(council: Council) -> None:
    """This year's lägesbild as a draft, written by the coordinator and the police member."""
    users = {u.username: u for u in User.objects.filter(username__in=["samordnare", "polis"])}
    report = situation_report_create(
        actor=users.get("samordnare"), council=council, year=timezone.localdate().year
    )
    for key, (author, text) in SECTIONS.items():
        section_write(actor=users.get(author), report=report, key=key, text=text)
    for author, kind, title, source, rows in TABLES:
        source_table_save(
            actor=users.get(author),
            report=report,
            kind=kind,
            title=title,
            source=source,
            rows=rows,
        )
    for author, fields in PROBLEMS:
        problem_save(actor=users.get(author), report=report, fields=fields)
