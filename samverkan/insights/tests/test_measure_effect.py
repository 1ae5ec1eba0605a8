"""The effect at a measure's place: a measure of the åtgärdsplan names one of the council's
places, and the follow-up reads the incidents there in the same number of whole months before
its start and since, by category (insights/selectors/measure_effect.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.incidents.services.categories import place_create
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.incidents.tests.conftest import NYGARDEN
from samverkan.insights.selectors.measure_effect import add_months, measure_effects, whole_months
from samverkan.organisations.tests.document_jobs import document_response
from samverkan.plans.models import Activity
from samverkan.plans.services.activities import ActivityFields, activity_create, plan_create

pytestmark = pytest.mark.usefixtures("english_pages")

START = dt.date(2026, 3, 15)
TODAY = dt.date(2026, 9, 20)  # six whole months since the start


def _report(council, place, category, day: dt.date) -> None:
    incident_report(
        actor=None,
        council=council,
        where=Where(place=place),
        what=What(
            category=category,
            occurred_from=timezone.make_aware(dt.datetime.combine(day, dt.time(21, 0))),
        ),
    )


@pytest.fixture
def plan(council):
    return plan_create(actor=None, council=council, title="Åtgärdsplan 2026–2029", year=2026)


@pytest.fixture
def measure(council, plan, area):
    return activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(text="Belysning i Nygården", starts_on=START, place=area),
    )


def test_whole_months_and_the_same_day_months_later():
    assert whole_months(START, TODAY) == 6
    assert whole_months(START, dt.date(2026, 4, 13)) == 0
    assert whole_months(START, dt.date(2026, 4, 14)) == 1
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(START, -6) == dt.date(2025, 9, 15)


def test_incidents_before_and_after_the_start_are_counted_per_category(
    council, plan, measure, area, school, categories
):
    # Before: 2025-09-15 .. 2026-03-14; after: 2026-03-15 .. 2026-09-14.
    for day in (dt.date(2025, 10, 1), dt.date(2025, 12, 24), dt.date(2026, 3, 14)):
        _report(council, area, categories["graffiti"], day)
    _report(council, area, categories["graffiti"], dt.date(2026, 5, 2))
    _report(council, area, categories["arson_small"], dt.date(2026, 6, 2))
    # Outside the windows or at another place: not counted.
    _report(council, area, categories["graffiti"], dt.date(2025, 9, 14))
    _report(council, area, categories["graffiti"], dt.date(2026, 9, 15))
    _report(council, school, categories["graffiti"], dt.date(2026, 5, 2))

    [effect] = measure_effects(plan, [measure], today=TODAY)

    assert effect.months == 6
    assert (effect.before_from, effect.before_to) == (dt.date(2025, 9, 15), dt.date(2026, 3, 14))
    assert (effect.after_from, effect.after_to) == (START, dt.date(2026, 9, 14))
    assert [(r.category, r.before, r.after) for r in effect.rows] == [
        ("Anlagd brand (container, papperskorg)", 0, 1),
        ("Klotter", 3, 1),
    ]
    assert (effect.before_total, effect.after_total, effect.change) == (3, 2, -1)


def test_a_measure_not_yet_a_month_old_has_nothing_to_compare(council, plan, measure):
    [effect] = measure_effects(plan, [measure], today=START + dt.timedelta(days=20))
    assert effect.months == 0
    assert effect.rows == []


def test_the_page_shows_the_figures_and_is_linked_from_plan_follow_up_and_measure(
    client, users, council, plan, measure, area, categories, django_assert_num_queries
):
    today = timezone.localdate()
    Activity.objects.filter(pk=measure.pk).update(starts_on=add_months(today, -2))
    _report(council, area, categories["graffiti"], add_months(today, -3))
    client.force_login(users["member"])
    url = reverse("insights:measure_effect", args=[council.slug, plan.pk])
    for name in ("plans:plan_detail", "plans:follow_up"):
        page = client.get(reverse(name, args=[council.slug, plan.pk])).content.decode()
        assert url in page
    measure_page = client.get(reverse("plans:activity_detail", args=[council.slug, measure.pk]))
    assert "Nygården" in measure_page.content.decode()
    assert url in measure_page.content.decode()
    client.get(url)  # warm the session and the council's caches
    with django_assert_num_queries(10):
        page = client.get(url).content.decode()
    assert "Belysning i Nygården" in page
    assert "Incidents at Nygården, 2 months before and after the start" in page
    assert '<th scope="row">Klotter</th><td>1</td><td>0</td>' in page


def test_the_query_count_does_not_grow_with_the_measures(
    client, users, council, plan, area, school, django_assert_num_queries
):
    today = timezone.localdate()
    for n in range(6):
        activity_create(
            actor=None,
            plan=plan,
            fields=ActivityFields(
                text=f"Åtgärd {n}", starts_on=add_months(today, -3), place=(area, school)[n % 2]
            ),
        )
    client.force_login(users["member"])
    url = reverse("insights:measure_effect", args=[council.slug, plan.pk])
    client.get(url)
    with django_assert_num_queries(10):
        page = client.get(url).content.decode()
    assert page.count("months before and after the start") == 6


def test_the_measure_form_offers_only_the_councils_places_and_saves_one(
    client, users, council, other_council, plan, area
):
    foreign = place_create(
        actor=None, council=other_council, name="Annanstans", kind="area", geometry=NYGARDEN
    )
    client.force_login(users["coordinator"])
    url = reverse("plans:activity_create", args=[council.slug, plan.pk])
    form = client.get(url).content.decode()
    assert "Nygården" in form
    assert "Annanstans" not in form
    refused = client.post(url, {"text": "Väktare", "place": foreign.pk})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()
    assert 'value="Väktare"' in refused.content.decode() or "Väktare</textarea>" in (
        refused.content.decode()
    )
    assert not Activity.objects.filter(text="Väktare").exists()
    saved = client.post(url, {"text": "Väktare", "place": area.pk, "starts_on": "2026-03-01"})
    assert saved.status_code == 302
    assert Activity.objects.get(text="Väktare").place == area


def test_the_service_refuses_another_councils_place(council, other_council, plan):
    from samverkan.core.errors import ServiceError

    foreign = place_create(
        actor=None, council=other_council, name="Annanstans", kind="area", geometry=NYGARDEN
    )
    with pytest.raises(ServiceError):
        activity_create(actor=None, plan=plan, fields=ActivityFields(text="Väktare", place=foreign))
    assert not Activity.objects.filter(text="Väktare").exists()


def _docx_text(content: bytes) -> str:
    import io

    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_the_follow_up_document_holds_the_effect_at_the_place(
    client, users, council, plan, measure, area, categories
):
    today = timezone.localdate()
    Activity.objects.filter(pk=measure.pk).update(starts_on=add_months(today, -2))
    _report(council, area, categories["graffiti"], add_months(today, -3))
    client.force_login(users["coordinator"])
    # (the document is made by the worker: follow the link to the job's file)
    response = document_response(
        client, reverse("plans:follow_up_docx", args=[council.slug, plan.pk])
    )
    assert response.status_code == 200
    text = _docx_text(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert "Effekt på åtgärdernas platser" in text
    assert "Belysning i Nygården (Nygården)" in text
    assert "Klotter" in text


def test_a_plan_without_places_has_no_effect_section_in_its_follow_up(client, users, council, plan):
    activity_create(actor=None, plan=plan, fields=ActivityFields(text="Utan plats"))
    client.force_login(users["coordinator"])
    response = document_response(
        client, reverse("plans:follow_up_docx", args=[council.slug, plan.pk])
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Effekt på åtgärdernas platser" not in _docx_text(content)
