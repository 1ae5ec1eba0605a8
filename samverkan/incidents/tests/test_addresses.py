"""The council's address register: imported whole (CSV, XLSX, GeoJSON) and all or nothing;
searched as the user types on the report forms, and naming the point tapped on a map; and the
plain search without JavaScript that fills in the citizen's form."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.incidents.models import Address
from samverkan.incidents.selectors import address_nearest, address_search
from samverkan.incidents.services.addresses import address_register_import
from samverkan.incidents.services.categories import place_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _swedish():
    # The services' messages in Swedish, as a coordinator reads them (pages are English in
    # this folder's tests, see conftest).
    with translation.override("sv"):
        yield


# The municipality's own register, as exported from its GIS: semicolons, Swedish headers, the
# number in its own column, decimal commas.
REGISTER = (
    "Gatuadress;Nummer;Postnummer;Postort;Lat;Lon\n"
    "Storgatan;10;731 30;Köping;59,51390;15,99420\n"
    "Storgatan;12;731 30;Köping;59,51410;15,99480\n"
    "Storgatan;12B;731 30;Köping;59,51420;15,99500\n"
    "Östra Långgatan;3;731 32;Köping;59,51200;16,00100\n"
).encode()


def _import(council, data=REGISTER, filename="adresser.csv"):
    return address_register_import(actor=None, council=council, filename=filename, data=data)


def test_the_register_is_read_from_the_municipalitys_table(council):
    assert _import(council) == 4
    storgatan_12 = Address.objects.get(council=council, street="Storgatan", number="12")
    assert (storgatan_12.postcode, storgatan_12.locality) == ("73130", "Köping")
    assert (storgatan_12.latitude, storgatan_12.longitude) == (59.5141, 15.9948)
    assert storgatan_12.label == "Storgatan 12, Köping"
    assert AuditEvent.objects.filter(model="organisations.Council").exists()


def test_a_whole_address_in_one_column_is_split_into_street_and_number(council):
    _import(council, b"adress,lat,lon\nStorgatan 12 B,59.5142,15.995\nKyrkogatan 5,59.5,16.0\n")
    assert sorted(Address.objects.values_list("street", "number")) == [
        ("Kyrkogatan", "5"),
        ("Storgatan", "12B"),
    ]


def test_geojson_points_with_lantmateriets_properties(council):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [15.9948, 59.5141]},
                "properties": {
                    "adressomrade": "Storgatan",
                    "adressplatsnummer": "12",
                    "postnummer": "73130",
                    "postort": "Köping",
                },
            }
        ],
    }
    assert _import(council, json.dumps(collection).encode(), "adresser.geojson") == 1
    assert Address.objects.get().label == "Storgatan 12, Köping"


def test_a_new_file_replaces_the_register(council):
    _import(council)
    _import(council, b"adress,lat,lon\nTorget 1,59.5,16.0\n")
    assert list(Address.objects.values_list("street", flat=True)) == ["Torget"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "tom"),
        (b"Namn;Telefon\nBo;070\n", "kolumner för gata"),
        (b"adress;lat;lon\nStorgatan 1;59,5;16,0\nStorgatan 2;6513000;150000\n", "Rad 3"),
        (b"adress;lat;lon\nStorgatan 1;norr;16,0\n", "måste vara tal"),
        (b"adress;lat;lon\n;59,5;16,0\n", "gatan saknas"),
        (
            b'{"type": "FeatureCollection", "features": [{"geometry": {"type": "LineString"}}]}',
            "måste vara en punkt",
        ),
        (b"{not json", "inte läsbar GeoJSON"),
    ],
)
def test_a_faulty_file_changes_nothing_and_says_why(council, data, message):
    # given: a register already in place
    _import(council)

    # when
    with pytest.raises(ServiceError) as refused:
        _import(council, data)

    # then: the old register stands, whole
    assert message in refused.value.message
    assert Address.objects.filter(council=council).count() == 4


def test_typing_finds_addresses_by_their_start_and_places_by_name(council):
    _import(council)
    place_create(
        actor=None,
        council=council,
        name="Stortorget",
        kind="centre",
        geometry={"type": "Point", "coordinates": [15.995, 59.514]},
    )

    found = address_search(council, "  storgatan   12")

    assert [item.label for item in found] == ["Storgatan 12, Köping", "Storgatan 12B, Köping"]
    assert [item.label for item in address_search(council, "stort")] == ["Stortorget"]
    assert address_search(council, "s") == []


def test_a_tapped_point_is_named_by_the_nearest_address_within_reach(council):
    _import(council)
    nearest = address_nearest(council, 59.51408, 15.99470)
    assert nearest is not None
    assert nearest.label == "Storgatan 12, Köping"
    # Far out in the lake: no address names it.
    assert address_nearest(council, 59.45, 16.10) is None


def test_the_search_answers_the_public_form_and_nothing_for_a_council_that_does_not_publish(
    client, council
):
    _import(council)
    url = reverse("incidents:address_search", args=[council.slug])
    assert client.get(url, {"q": "storgatan 1"}).status_code == 404

    council.publishes = True
    council.save()
    answer = client.get(url, {"q": "storgatan 1"}).json()
    assert [found["label"] for found in answer["results"]] == [
        "Storgatan 10, Köping",
        "Storgatan 12, Köping",
        "Storgatan 12B, Köping",
    ]
    nearest = client.get(url, {"lat": "59.51408", "lon": "15.9947"}).json()
    assert nearest["nearest"]["label"] == "Storgatan 12, Köping"
    bad = client.get(url, {"lat": "norr", "lon": "16"})
    assert bad.status_code == 400
    assert "two numbers" in bad.json()["detail"]  # pages in English here (conftest)


def test_without_javascript_the_search_fills_in_the_citizens_form(client, council):
    # given
    _import(council)
    council.publishes = True
    council.save()
    form_url = reverse("incidents:citizen_report", args=[council.slug])

    # when: the citizen searches, and follows the match
    page = client.get(form_url, {"sok": "Storgatan 12"}).content.decode()
    assert "Matches for" in page
    assert "?punkt=59.514100,15.994800&amp;adress=Storgatan%2012%2C%20K%C3%B6ping" in page
    filled = client.get(
        form_url, {"punkt": "59.514100,15.994800", "adress": "Storgatan 12, Köping"}
    ).content.decode()

    # then: the form holds the point and the address
    assert 'value="59.5141"' in filled
    assert 'value="15.9948"' in filled
    assert 'value="Storgatan 12, Köping"' in filled
    assert (
        "No address or place matches" in client.get(form_url, {"sok": "Månvägen"}).content.decode()
    )


def test_the_coordinator_replaces_the_register_on_its_page(client, users, council):
    client.force_login(users["coordinator"])
    url = reverse("incidents:address_register", args=[council.slug])

    response = client.post(url, {"file": SimpleUploadedFile("adresser.csv", REGISTER)})
    assert response.status_code == 302
    assert "holds 4 addresses" in client.get(url).content.decode()

    bad = client.post(url, {"file": SimpleUploadedFile("fel.csv", b"Namn\nBo\n")})
    assert bad.status_code == 400
    assert "columns for the street" in bad.content.decode()
    assert Address.objects.count() == 4


@settings(
    max_examples=60, deadline=1000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000), filename=st.sampled_from(["a.csv", "a.geojson", "a.xlsx"]))
def test_any_file_is_imported_whole_or_refused_with_a_message(council, data, filename):
    before = list(Address.objects.filter(council=council).values_list("pk", flat=True))
    message = ""
    try:
        address_register_import(actor=None, council=council, filename=filename, data=data)
    except ServiceError as refused:
        message = refused.message
        after = list(Address.objects.filter(council=council).values_list("pk", flat=True))
        assert after == before
    assert message or Address.objects.filter(council=council).exists()


def test_the_partners_form_of_a_council_that_does_not_publish_finds_addresses_too(
    client, users, council, other_council
):
    # given: a council that does not publish, with its register
    _import(council)
    url = reverse("incidents:address_search", args=[council.slug])
    form_url = reverse("incidents:report", args=[council.slug])

    # then: its partners search it from their form; nobody outside sees it
    assert client.get(url, {"q": "storgatan 12"}).status_code in (302, 404)
    client.force_login(users["reporter"])
    assert len(client.get(url, {"q": "storgatan 12"}).json()["results"]) == 2
    page = client.get(form_url, {"sok": "Storgatan 12"}).content.decode()
    assert "Storgatan 12B, Köping" in page
    filled = client.get(form_url, {"punkt": "59.5141,15.9948", "adress": "Storgatan 12, Köping"})
    assert 'value="Storgatan 12, Köping"' in filled.content.decode()
    client.force_login(users["outsider"])
    assert client.get(url, {"q": "storgatan 12"}).status_code == 404


def test_sweref_99_tm_coordinates_are_read_as_the_municipalitys_files_give_them(council):
    # given: the register in SWEREF 99 TM, with N and E columns (Storgatan 12 in Köping)
    data = b"Adress;N (SWEREF 99 TM);E (SWEREF 99 TM)\nStorgatan 12;6597721;556298\n"

    # when
    _import(council, data)

    # then: stored as WGS 84 degrees, within a metre or so
    address = Address.objects.get()
    assert abs(address.latitude - 59.5141) < 0.0005
    assert abs(address.longitude - 15.9948) < 0.0005


def test_geojson_in_sweref_99_tm_is_read_too(council):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [556298, 6597721]},
                "properties": {"adressomrade": "Storgatan", "adressplatsnummer": "12"},
            }
        ],
    }
    _import(council, json.dumps(collection).encode(), "adresser.geojson")
    assert abs(Address.objects.get().latitude - 59.5141) < 0.0005
