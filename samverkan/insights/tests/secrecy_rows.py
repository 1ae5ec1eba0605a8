"""Secrecy-matrix rows for the situational picture: the public dashboard and the staff's CSV
downloads hold counts, never the text of a report, a citizen's address or who reported (the
markers are planted by incidents/tests/secrecy_rows.py; see accounts/tests/secrecy.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from samverkan.accounts.tests.secrecy import EVERYONE, Ids, Place, get
from samverkan.incidents.models import Place as PlaceModel
from samverkan.incidents.tests.secrecy_rows import CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN
from samverkan.insights.models import SectionKey
from samverkan.insights.services.situation_report import section_write, situation_report_create
from samverkan.insights.views.dashboard import CSV_FIGURES
from samverkan.organisations.models import Council
from samverkan.plans.models import Activity
from samverkan.plans.services.activities import plan_create
from samverkan.plans.tests.secrecy_rows import DRAFT_TITLE, PLAN_MANAGERS

EFFECT_SECRET = "Xqeffectsecret"
PICTURE_ANALYSIS = "Xqpictureanalysis"
PICTURE_YEAR = 2014


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    """A problem picture's year with a draft lägesbild, whose analysis those who keep the plan
    copy into promises (the draft promises are planted by plans/tests/secrecy_rows.py); a
    measure not for publication at a place."""
    # The problem picture's year has a draft lägesbild: its analysis is shown there to those
    # who read drafts only (not a year the lägesbild's own rows plant).
    report = situation_report_create(actor=None, council=council, year=PICTURE_YEAR)
    section_write(
        actor=None, report=report, key=SectionKey.ANALYSIS, text=f"{PICTURE_ANALYSIS} mörkret"
    )
    # A measure not for publication at a place: its text reaches only those who read what is
    # not for publication; its place and figures everyone of the council.
    place = PlaceModel.objects.create(
        council=council,
        name="Effektplatsen",
        kind="area",
        geometry={"type": "Point", "coordinates": [15.99, 59.51]},
    )
    plan = plan_create(actor=None, council=council, title="Åtgärdsplan med plats", year=2012)
    Activity.objects.create(
        plan=plan,
        text=f"{EFFECT_SECRET} kameror vid effektplatsen",
        not_for_publication=True,
        place=place,
        starts_on=timezone.localdate() - dt.timedelta(days=70),
    )
    return {"insights_year": PICTURE_YEAR, "effect_plan": plan.pk}


def _dashboard_csv(figure: str) -> Callable[[Ids], str]:
    return lambda i: reverse("insights:dashboard_csv", kwargs={"slug": i["slug"], "figure": figure})


PLACES = [
    Place(
        "the effect at a plan's measures' places",
        get(lambda i: reverse("insights:measure_effect", args=[i["slug"], i["effect_plan"]])),
        secrets=(EFFECT_SECRET,),
        never=(CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN),
        shown=("Effektplatsen",),
        routes=("insights:measure_effect",),
    ),
    Place(
        "problem picture, with the promises to copy its analysis into",
        get(lambda i: reverse("insights:problem_picture", args=[i["slug"], i["insights_year"]])),
        # The draft's title is in the choice, for those who keep the plan.
        secrets=(DRAFT_TITLE,),
        never=(CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN),
        readers=PLAN_MANAGERS,
        shown=(str(PICTURE_YEAR),),
        routes=("insights:problem_picture",),
    ),
    Place(
        "problem picture, with the analysis of the year's draft lägesbild",
        get(lambda i: reverse("insights:problem_picture", args=[i["slug"], i["insights_year"]])),
        secrets=(PICTURE_ANALYSIS,),
        never=(CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN),
        shown=(str(PICTURE_YEAR),),
        routes=("insights:problem_picture",),
    ),
    Place(
        "problem picture's PDF, with the analysis of the year's draft lägesbild",
        get(
            lambda i: reverse("insights:problem_picture_pdf", args=[i["slug"], i["insights_year"]])
        ),
        secrets=(PICTURE_ANALYSIS,),
        never=(CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN),
        routes=("insights:problem_picture_pdf",),
    ),
    Place(
        "public situational picture",
        get(lambda i: reverse("insights:public_dashboard", args=[i["slug"]])),
        secrets=(),
        never=(CITIZEN_EMAIL, DESCRIPTION),
        shown=("Brottsförebyggande rådet",),
        shown_to=EVERYONE,
        routes=("insights:public_dashboard",),
    ),
    *(
        Place(
            f"staff dashboard CSV of {figure}",
            get(_dashboard_csv(figure)),
            secrets=(),
            never=(CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN),
            # The partner's report counts under its category; the other figures have no text.
            shown=("Glaskross",) if figure == "categories" else (),
            routes=("insights:dashboard_csv",),
        )
        for figure in CSV_FIGURES
    ),
]
