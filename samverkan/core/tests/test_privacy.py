"""What counts as personal data in free text, found and masked alike, and what is left alone
(costs, dates, times, counts, invoice numbers)."""

from __future__ import annotations

import pytest
from django.utils import translation

from samverkan.core.privacy import mask_personal_data, personal_data_found


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The names asserted below are the English msgids; the interface default is Swedish."""
    with translation.override("en"):
        yield


ORDINARY = [
    "Glaskross 325 000 kr, klotter 16 000 kr, övrig skadegörelse 25 000 kr",
    "Upptäckt 2018-05-03 kl. 07.30, sanerat 2018-05-04",
    "Två rutor krossade vid entrén, 12 rutor totalt under januari–maj",
    "Fakturanummer 811218-9875",  # the check digit is wrong: not a personal number
    "Punkt 59.5195, 15.9790",
    "Det hände 2018 vid nr 12.",
    "",
]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Pojken med personnummer 811218-9876 sprang.", ["a personal identity number"]),
        ("Pnr 198112189876", ["a personal identity number"]),
        ("Samordningsnummer 811278-9873", ["a personal identity number"]),
        ("Ring 070-123 45 67", ["a phone number"]),
        ("tel +46 70 123 45 67", ["a phone number"]),
        ("tel +46 (0)70-123 45 67", ["a phone number"]),
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


@pytest.mark.parametrize("text", ORDINARY)
def test_it_leaves_ordinary_descriptions_alone(text):
    assert personal_data_found(text) == []


def test_it_masks_what_identifies_a_person_and_keeps_the_rest():
    text = (
        "Ring mig på 070-123 45 67 eller +46 8 123 456 78, mejla anna.berg@example.se. "
        "Mitt personnummer är 19850412-1230 och hans 850412-1230, "
        "samordningsnummer 850472-1237. Det hände 2018 vid nr 12."
    )
    masked = mask_personal_data(text)
    assert masked == (
        "Ring mig på [phone number] eller [phone number], mejla [e-mail address]. "
        "Mitt personnummer är [personal identity number] och hans [personal identity number], "
        "samordningsnummer [personal identity number]. Det hände 2018 vid nr 12."
    )


@pytest.mark.parametrize("text", ORDINARY)
def test_it_masks_nothing_in_ordinary_text(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize(
    "text", ["Pojken med personnummer 811218-9876 sprang.", "kalle@example.se", "070-123 45 67"]
)
def test_what_is_found_is_what_is_masked(text):
    # given: text the warning reacts to
    assert personal_data_found(text)
    # when: masked, then nothing is left to warn about
    assert personal_data_found(mask_personal_data(text)) == []
