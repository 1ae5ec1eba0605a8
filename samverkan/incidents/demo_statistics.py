"""The demo's reported crimes per offence type, with the county, a municipality group and the
country to compare with, and the municipality's population: made-up figures in the shape of
Brå's download, imported through the same service as a real file (its source says "demo")."""

from __future__ import annotations

from django.utils import timezone

from samverkan.core.importing import tables
from samverkan.incidents.services.statistics import (
    crime_guess_mapping,
    crime_statistics_import,
    population_set,
)
from samverkan.organisations.models import Council

SOURCE = "Demo: påhittade siffror i Brås form"
# (offence type, the municipality's count in the first year, the county's, the group's and the
# country's rate per 100,000 inhabitants)
OFFENCES = [
    ("Skadegörelse", 310, 1090, 1010, 960),
    ("Stöld och tillgrepp", 520, 2300, 2150, 2600),
    ("Misshandel", 95, 330, 310, 340),
    ("Inbrott", 60, 290, 260, 310),
    ("Narkotikabrott", 80, 470, 430, 560),
    ("Klotter", 45, 250, 180, 330),
]
AREAS = ["Västmanlands län", "Kommungrupp: Lågpendlingskommun nära större stad", "Riket"]
POPULATION = 26_000


def load_demo_statistics(council: Council) -> None:
    """The seed's year 2018 and the last three whole years, so each view has a year to show."""
    this_year = timezone.localdate().year
    years = sorted({2018, *range(this_year - 3, this_year)})
    lines = ["Region;År;Brottstyp;Antal anmälda brott;Antal per 100 000 invånare"]
    for step, year in enumerate(years):
        population = POPULATION + 60 * step
        population_set(actor=None, council=council, year=year, count=population)
        for number, (offence, count, *rates) in enumerate(OFFENCES):
            # A little up and down between the years, the same each time the demo loads.
            own = count + (7 * step * (1 if number % 2 else -1)) + 3 * step
            lines.append(f"Köpings kommun;{year};{offence};{own};")
            for area, rate in zip(AREAS, rates, strict=True):
                lines.append(f"{area};{year};{offence};;{rate + 5 * step * (number % 3 - 1)}")
    table = tables.read_table("bra-demo.csv", "\n".join(lines).encode())
    crime_statistics_import(
        actor=None,
        council=council,
        table=table,
        mapping=crime_guess_mapping(table.headers),
        source=SOURCE,
    )
