"""The Kolada key figures a council may fetch: a short list relevant to crime prevention, by
Kolada's id with its Swedish name (https://api.kolada.se/v2/kpi/<id> gives the full text).

Kolada (RKA) publishes under CC BY 4.0. The address is the setting `KOLADA_URL` (the public API
v2 by default; a closed network points it at a mirror, or saves the answer as a file and imports
that, as with the police's events).
"""

from __future__ import annotations

# Kolada's key figure for the number of inhabitants (31 December); its import also sets the
# population of the year.
POPULATION_KPI = "N01951"

KEY_FIGURES: dict[str, str] = {
    "N07540": "Anmälda brott totalt, antal/100 000 inv",
    "N07403": "Anmälda våldsbrott, antal/100 000 inv",
    "N07402": "Anmälda brott om grov kvinnofridskränkning, antal/100 000 inv",
    "U07418": "Anmälda våldsbrott (treårsmedelvärde), antal/1 000 inv",
    "U07417": "Anmälda stöld- och tillgreppsbrott, antal/1 000 inv",
    "U07452": "Anmälda brott om skadegörelse, antal/1 000 inv",
    "N02905": "Invånare 15–17 år lagförda för brott, antal/1 000 inv",
    POPULATION_KPI: "Invånare totalt, antal",
}
# Asked for by default on the fetch page.
DEFAULT_KEY_FIGURES = ("N07540", "N07403", POPULATION_KPI)
# Kolada pages its answer: at most this many pages are followed.
MAX_PAGES = 20


def key_figure_name(kpi: str) -> str:
    """The Swedish name of a key figure on the list, else its id."""
    return KEY_FIGURES.get(kpi, kpi)
