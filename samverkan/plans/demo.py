"""Demo data for plans: the council's åtgärdsplan over four years from the current one (the
demo shows the year it is run in, as the seed shows 2018), with measures for the municipality
and the police, indicators with baseline (the year before) and target (the last year), and an
outcome for the first tertial, so that the plan, a measure's page, the year's status report and
the follow-up per tertial show something.

samverkan/demo/loader.py calls `load_demo_action_plan` after the organisations exist.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from samverkan.organisations.models import Council, Organisation
from samverkan.plans.services.activities import ActivityFields, activity_create, plan_create
from samverkan.plans.services.indicators import (
    IndicatorFields,
    indicator_create,
    indicator_outcome_record,
)

# (measure, organisations by name, target group, hours, kronor, indicators:
#  (name, unit, baseline, target, the first year's T1 outcome or None))
MEASURES = (
    (
        "Bättre belysning och röjd vegetation i gångstråken kring Gläntan",
        ("Köpings kommun",),
        "public_place",
        160,
        450_000,
        (
            ("Anmälda personrån i Gläntan", "st", 14, 8, 3),
            ("Andel som känner sig trygga i Gläntan på kvällen", "%", 52, 65, None),
        ),
    ),
    (
        "Fotpatrull i centrum fredag och lördag kväll",
        ("Polisen, lokalpolisområde Västra Mälardalen", "Köpings kommun"),
        "public_place",
        600,
        None,
        (("Anmälda misshandelsbrott i centrum kvällstid", "st", 41, 30, 9),),
    ),
    (
        "Tidig upptäckt av skadegörelse på skolor tillsammans med fastighetsförvaltningen",
        ("Köpings kommun",),
        "school",
        80,
        120_000,
        (("Kostnad för skadegörelse på skolor", "kr", 310_000, 200_000, 64_000),),
    ),
)


def load_demo_action_plan(council: Council) -> None:
    first = timezone.localdate().year
    last = first + 3
    plan = plan_create(
        actor=None, council=council, title=f"Åtgärdsplan {first}–{last}", year=first, end_year=last
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
        for name, unit, baseline, target, outcome in indicators:
            indicator = indicator_create(
                actor=None,
                activity=measure,
                fields=IndicatorFields(
                    name=name,
                    unit=unit,
                    baseline_value=Decimal(baseline),
                    baseline_year=first - 1,
                    target_value=Decimal(target),
                    target_year=last,
                ),
            )
            if outcome is not None:
                indicator_outcome_record(
                    actor=None,
                    indicator=indicator,
                    year=first,
                    period="t1",
                    value=Decimal(outcome),
                    note="Första tertialen.",
                )
