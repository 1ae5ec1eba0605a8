"""What the GDPR warning reacts to, and what it leaves alone (costs, dates, times, counts)."""

from __future__ import annotations

import pytest
from django.utils import translation

from samverkan.incidents.privacy import personal_data_found


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The names asserted below are the English msgids; the interface default is Swedish."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Pojken med personnummer 811218-9876 sprang.", ["a personal identity number"]),
        ("Pnr 198112189876", ["a personal identity number"]),
        ("Samordningsnummer 811278-9873", ["a personal identity number"]),
        ("Ring 070-123 45 67", ["a phone number"]),
        ("tel +46 70 123 45 67", ["a phone number"]),
        ("Växeln 0221-251 00", ["a phone number"]),
        ("skriv till kalle.anka@example.se", ["an e-mail address"]),
        (
            "Kalle 811218-9876, kalle@example.se",
            ["a personal identity number", "an e-mail address"],
        ),
    ],
)
def test_it_finds_what_identifies_a_person(text, found):
    assert [str(item) for item in personal_data_found(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "Glaskross 325 000 kr, klotter 16 000 kr, övrig skadegörelse 25 000 kr",
        "Upptäckt 2018-05-03 kl. 07.30, sanerat 2018-05-04",
        "Två rutor krossade vid entrén, 12 rutor totalt under januari–maj",
        "Fakturanummer 811218-9875",  # the check digit is wrong: not a personal number
        "Punkt 59.5195, 15.9790",
        "",
    ],
)
def test_it_leaves_ordinary_descriptions_alone(text):
    assert personal_data_found(text) == []
