"""Tables of reported crimes as people have them: the count and rate columns guessed from
headers written in many ways, and a region column honoured (a file of several areas is never
summed; other municipalities are left out and counted)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from samverkan.core.errors import ServiceError
from samverkan.core.importing.models import PendingImport
from samverkan.incidents import crime_tables
from samverkan.incidents.models import CrimeStatistic, StatisticArea
from samverkan.incidents.services import statistics
from samverkan.incidents.tests.test_statistics import _table

COUNT_HEADERS = ("Antal anmälda brott", "Antal", "Anmälda brott", "antal anmälningar", "Count")
RATE_HEADERS = (
    ("Antal per 100 000 inv", 0.01),
    ("Anmälda brott per 100 000 invånare", 0.01),
    ("per 1 000 invånare", 1.0),
    ("Antal/100000 inv", 0.01),
    ("Brott per 10 000 inv.", 0.1),
)
spacing = st.sampled_from(["", " ", "  ", "\u00a0"])


@given(
    count=st.sampled_from(COUNT_HEADERS),
    suffix=st.sampled_from(["", " 2023", " (st)", ", totalt", ":"]),
    case=st.sampled_from([str, str.upper, str.lower, str.title]),
    before=spacing,
    after=spacing,
    order=st.permutations(range(4)),
)
def test_the_count_column_is_found_however_its_header_is_written(
    count, suffix, case, before, after, order
):
    headers = ["År", "Brottstyp", before + case(count + suffix) + after, "Region"]
    shuffled = [headers[i] for i in order]
    mapping = statistics.crime_guess_mapping(shuffled)
    assert mapping["count"] == shuffled.index(headers[2])
    assert mapping["period"] == shuffled.index("År")
    assert mapping["category"] == shuffled.index("Brottstyp")
    assert mapping["region"] == shuffled.index("Region")


@given(rate=st.sampled_from(RATE_HEADERS), count=st.sampled_from(COUNT_HEADERS), flip=st.booleans())
def test_a_rate_column_is_never_taken_for_the_count(rate, count, flip):
    headers = ["År", "Brottstyp", rate[0], count] if flip else ["År", "Brottstyp", count, rate[0]]
    mapping = statistics.crime_guess_mapping(headers)
    assert headers[mapping["count"]] == count
    assert headers[mapping["rate"]] == rate[0]
    assert crime_tables.rate_factor(rate[0]) == pytest.approx(rate[1])


@given(
    name=st.sampled_from(["Köping", "Köpings kommun", "KÖPINGS KOMMUN", "1983 Köping", "1983"]),
    space=spacing,
)
def test_the_municipality_is_known_by_its_name_or_code(name, space):
    region = crime_tables.region_of(
        space + name + space, municipality_name="Köping", municipality_code="1983"
    )
    assert region is not None
    assert region.area == StatisticArea.MUNICIPALITY


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Riket", StatisticArea.COUNTRY),
        ("Hela landet", StatisticArea.COUNTRY),
        ("Västmanlands län", StatisticArea.COUNTY),
        ("19 Västmanlands län", StatisticArea.COUNTY),
        ("Kommungrupp: Lågpendlingskommun nära större stad", StatisticArea.GROUP),
        ("Pendlingskommun nära större stad", StatisticArea.GROUP),
        ("Arboga kommun", None),
        ("1984 Arboga", None),
        ("Stockholms län", None),
    ],
)
def test_areas_are_known_from_the_municipality(text, area):
    region = crime_tables.region_of(text, municipality_name="Köping", municipality_code="1983")
    assert region is not None
    assert region.area == area


@pytest.fixture
def koping(council):
    council.municipality.code = "1983"
    council.municipality.save()
    return council


@pytest.mark.django_db
def test_a_file_of_several_municipalities_is_never_summed(koping):
    # given Brå's download for three municipalities and the county
    table = _table(
        "Region;År;Brottstyp;Antal\n"
        "Köpings kommun;2023;Stöld;40\n"
        "Arboga kommun;2023;Stöld;30\n"
        "Kungsörs kommun;2023;Stöld;20\n"
        "Västmanlands län;2023;Stöld;900\n"
    )
    mapping = statistics.crime_guess_mapping(table.headers)
    # when it is checked and imported
    checked = statistics.crime_statistics_check(council=koping, table=table, mapping=mapping)
    with translation.override("en"):
        text = statistics.left_out_text(checked)
    result = statistics.crime_statistics_import(
        actor=None, council=koping, table=table, mapping=mapping
    )
    # then the municipality has its own 40, the county is a comparison row, and the two others
    # are left out with their names in the report
    assert (checked.left_out, result.created, result.left_out) == (2, 2, 2)
    assert "Arboga kommun, Kungsörs kommun" in text
    figures = dict(CrimeStatistic.objects.values_list("area", "count"))
    assert figures == {StatisticArea.MUNICIPALITY: 40, StatisticArea.COUNTY: 900}


@pytest.mark.django_db
def test_a_rate_column_without_a_unit_is_refused_with_a_message(koping):
    table = _table("År;Brottstyp;Antal;Takt\n2023;Stöld;40;3\n")
    mapping = {"period": 0, "category": 1, "count": 2, "rate": 3}
    with translation.override("en"), pytest.raises(ServiceError, match="must say its unit"):
        statistics.crime_statistics_check(council=koping, table=table, mapping=mapping)


@pytest.mark.django_db
def test_several_municipality_groups_are_a_problem(koping):
    table = _table(
        "Region;År;Brottstyp;Antal\n"
        "Köping;2023;Stöld;40\n"
        "Storstäder;2023;Stöld;9\n"
        "Landsbygdskommun;2023;Stöld;8\n"
    )
    with translation.override("en"):
        checked = statistics.crime_statistics_check(
            council=koping, table=table, mapping=statistics.crime_guess_mapping(table.headers)
        )
    assert any("several municipality groups" in str(p.message) for p in checked.problems)


def _upload(client, council, text: str) -> str:
    upload = SimpleUploadedFile("bra.csv", text.encode(), "text/csv")
    client.post(reverse("incidents:statistics_import", args=[council.slug]), {"file": upload})
    return reverse("incidents:statistics_map", args=[council.slug, PendingImport.objects.get().pk])


@pytest.mark.django_db
def test_the_check_page_names_the_areas_left_out_and_a_rate_without_a_unit(client, users, koping):
    client.force_login(users["coordinator"])
    url = _upload(
        client,
        koping,
        "Kommun;År;Brottstyp;Antal;Takt\nKöping;2023;Stöld;40;3\nArboga;2023;Stöld;30;2\n",
    )
    # the columns were guessed, the rate's header names no unit
    base = {"region": "0", "period": "1", "category": "2", "count": "3", "source": "Brå"}
    # (the worker checks the table; its page answers)
    with translation.override("en"):
        checked = client.post(
            url, base | {"action": "check"}, HTTP_ACCEPT_LANGUAGE="en", follow=True
        )
        refused = client.post(
            url, base | {"rate": "4", "action": "import"}, HTTP_ACCEPT_LANGUAGE="en", follow=True
        )
    assert checked.status_code == 200
    assert "1 row of another municipality or county is left out: Arboga." in (
        checked.content.decode()
    )
    assert refused.status_code == 400
    assert "must say its unit" in refused.content.decode()
    assert not CrimeStatistic.objects.exists()
