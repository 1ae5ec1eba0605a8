"""Demo data for plans: the council's åtgärdsplan over the mandate period 2027–2030, with
measures for the municipality and the police, indicators with baseline and target, and an
outcome for the first tertial of 2027, so that the plan, a measure's page and the follow-up
per tertial show something.

samverkan/demo/loader.py calls `load_demo_action_plan` after the organisations exist.
"""

from __future__ import annotations

from decimal import Decimal

from samverkan.organisations.models import Council, Organisation
from samverkan.plans.services.activities import ActivityFields, activity_create, plan_create
from samverkan.plans.services.indicators import (
    IndicatorFields,
    indicator_create,
    indicator_outcome_record,
)

# (measure, organisations by name, target group, hours, kronor, indicators:
#  (name, unit, baseline, baseline year, target, target year, 2027 T1 outcome or None))
MEASURES = (
    (
        "Bättre belysning och röjd vegetation i gångstråken kring Gläntan",
        ("Köpings kommun",),
        "public_place",
        160,
        450_000,
        (
            ("Anmälda personrån i Gläntan", "st", 14, 2026, 8, 2030, 3),
            ("Andel som känner sig trygga i Gläntan på kvällen", "%", 52, 2026, 65, 2030, None),
        ),
    ),
    (
        "Fotpatrull i centrum fredag och lördag kväll",
        ("Polisen, lokalpolisområde Västra Mälardalen", "Köpings kommun"),
        "public_place",
        600,
        None,
        (("Anmälda misshandelsbrott i centrum kvällstid", "st", 41, 2026, 30, 2030, 9),),
    ),
    (
        "Tidig upptäckt av skadegörelse på skolor tillsammans med fastighetsförvaltningen",
        ("Köpings kommun",),
        "school",
        80,
        120_000,
        (("Kostnad för skadegörelse på skolor", "kr", 310_000, 2026, 200_000, 2030, 64_000),),
    ),
)


def load_demo_action_plan(council: Council) -> None:
    plan = plan_create(
        actor=None, council=council, title="Åtgärdsplan 2027–2030", year=2027, end_year=2030
    )
    organisations = {o.name: o for o in Organisation.objects.filter(council=council)}
    for text, names, target_group, hours, kronor, indicators in MEASURES:
        measure = activity_create(
            actor=None,
            plan=plan,
            fields=ActivityFields(
                text=text,
                organisations=[organisations[n] for n in names if n in organisations],
                target_group=target_group,
                resource_hours=hours,
                resource_kronor=kronor,
            ),
        )
        for name, unit, baseline, since, target, by, outcome in indicators:
            indicator = indicator_create(
                actor=None,
                activity=measure,
                fields=IndicatorFields(
                    name=name,
                    unit=unit,
                    baseline_value=Decimal(baseline),
                    baseline_year=since,
                    target_value=Decimal(target),
                    target_year=by,
                ),
            )
            if outcome is not None:
                indicator_outcome_record(
                    actor=None,
                    indicator=indicator,
                    year=2027,
                    period="t1",
                    value=Decimal(outcome),
                    note="Första tertialen.",
                )
