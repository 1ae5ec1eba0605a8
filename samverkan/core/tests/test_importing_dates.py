"""Swedish dates and times as every importer reads them (core/importing/dates.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.core.importing.dates import (
    find_date,
    find_times,
    full_date_in,
    parse_date,
    parse_when,
)
from samverkan.core.importing.rejections import NOT_A_DATE, REJECTION_MESSAGES, ImportRejected

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sammanträde 2019-03-12 i Stadshuset", dt.date(2019, 3, 12)),
        ("Datum: 2019.03.12", dt.date(2019, 3, 12)),
        ("tisdagen den 12 mars 2019 kl. 14.00", dt.date(2019, 3, 12)),
        ("den 1:a maj 2020", dt.date(2020, 5, 1)),
        ("12 sept. 2018", dt.date(2018, 9, 12)),
        ("12/3 2019", dt.date(2019, 3, 12)),
        ("signed 7 May 2019", dt.date(2019, 5, 7)),
    ],
)
def test_it_reads_the_dates_secretaries_write(text, expected):
    assert parse_date(text) == expected


def test_a_date_without_its_year_takes_the_documents_year():
    assert parse_date("Nästa möte 12 mars", default_year=2021) == dt.date(2021, 3, 12)
    with pytest.raises(ImportRejected) as caught:
        parse_date("Nästa möte 12 mars")
    assert caught.value.code == NOT_A_DATE


def test_a_day_that_does_not_exist_is_no_date():
    assert find_date("2019-02-30") is None
    with pytest.raises(ImportRejected) as caught:
        parse_date("den 30 februari 2019")
    assert caught.value.message == REJECTION_MESSAGES[NOT_A_DATE]


def test_agreements_date_themselves_with_the_year_written_out():
    assert full_date_in("gäller från 1 januari 2019 till 31 december 2020") == "2019-01-01"
    assert full_date_in("Köping 2018-05-24") == "2018-05-24"
    assert full_date_in("Köping den 24 maj") is None
    assert full_date_in("2019-02-30") is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("kl. 14.00–16.30", "14:00", "16:30"),
        ("Tid: 9.30 - 11", "09:30", None),  # without "kl", a bare hour is no end
        ("klockan 9 till 11", "09:00", "11:00"),
        ("13:15-15:00, ajournering 14.00-14.10", "13:15", "15:00"),
    ],
)
def test_it_reads_the_times_of_a_meeting(text, start, end):
    found_start, found_end, _span = find_times(text)
    assert (found_start, found_end) == (start, end)


def test_a_cell_gives_a_date_and_time_in_the_councils_zone():
    assert parse_when("2018-05-31 21:30", STOCKHOLM) == dt.datetime(
        2018, 5, 31, 21, 30, tzinfo=STOCKHOLM
    )
    assert parse_when("31.05.2018", STOCKHOLM) == dt.datetime(2018, 5, 31, tzinfo=STOCKHOLM)
    assert parse_when(dt.date(2018, 5, 31), STOCKHOLM) == dt.datetime(2018, 5, 31, tzinfo=STOCKHOLM)
    assert parse_when("igår", STOCKHOLM) is None
    assert parse_when(None, STOCKHOLM) is None


SWEDISH = st.text(
    alphabet=st.sampled_from(list("0123456789 -./:–kl.denmarsjanuaribMAJ2019\n\tåäö")), max_size=80
)


def _date_or_rejection(text: str, year: int | None) -> dt.date | ImportRejected:
    try:
        return parse_date(text, default_year=year)
    except ImportRejected as rejected:
        return rejected


@settings(max_examples=400, deadline=None, database=None)
@given(st.one_of(SWEDISH, st.text(max_size=80)), st.none() | st.integers(1900, 2100))
def test_any_text_gives_a_date_or_a_clear_rejection(text, year):
    outcome = _date_or_rejection(text, year)

    if isinstance(outcome, ImportRejected):
        assert outcome.code == NOT_A_DATE
        assert outcome.message == REJECTION_MESSAGES[NOT_A_DATE]
    else:
        assert isinstance(outcome, dt.date)


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(SWEDISH, st.text(max_size=80)))
def test_any_text_gives_times_or_none_and_any_cell_a_datetime_or_none(text):
    start, end, span = find_times(text)
    assert start is None or (len(start) == 5 and start[2] == ":")
    assert end is None or start is not None
    assert (span is None) == (start is None)
    when = parse_when(text, STOCKHOLM)
    assert when is None or when.tzinfo is not None
