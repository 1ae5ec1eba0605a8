"""Secrecy-matrix rows for dialogue: an input of a dialogue meeting and a finding of a safety
walk taken up as a plan activity that is not for publication, and a free-text survey answer,
which only staff who change records read (see accounts/tests/secrecy.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samverkan.accounts.tests.secrecy import CHANGE_RECORDS, NOBODY, Ids, Place, get
from samverkan.dialogue.models import (
    Dialogue,
    DialogueInput,
    Finding,
    QuestionKind,
    ResponseSource,
    SafetyWalk,
)
from samverkan.dialogue.selectors.surveys import questions_of
from samverkan.dialogue.services.answers import field_name, response_submit
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from samverkan.organisations.models import Council
from samverkan.plans.models import Activity, Plan
from samverkan.plans.services.activities import ActivityFields, activity_create

WALK_ACTIVITY = "Xqwalkactivity"  # an activity not for publication, from a finding
INPUT_ACTIVITY = "Xqinputactivity"  # an activity not for publication, from a dialogue input
FREE_TEXT = "Xqfreetext"  # a free-text answer to a survey
FINDING = "Xqfinding"  # what the walk found, for anyone who sees the council
INPUT = "Xqinput"  # what was said at the dialogue meeting


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    plan = Plan.objects.create(council=council, title="Plan 2020", year=2020)

    def secret(text: str) -> Activity:
        return activity_create(
            actor=None,
            plan=plan,
            fields=ActivityFields(text=f"{text} kameror", not_for_publication=True),
        )

    walk = SafetyWalk.objects.create(council=council, walked_on=dt.date(2020, 4, 2))
    Finding.objects.create(
        walk=walk,
        latitude=59.51,
        longitude=15.99,
        kind="lighting",
        description=f"{FINDING} mörk gångtunnel",
        activity=secret(WALK_ACTIVITY),
    )
    dialogue = Dialogue.objects.create(council=council, held_on=dt.date(2020, 4, 3))
    DialogueInput.objects.create(
        dialogue=dialogue, text=f"{INPUT} otrygg tunnel", activity=secret(INPUT_ACTIVITY)
    )
    survey = survey_publish(
        actor=None, survey=survey_create_default(actor=None, council=council, areas=["Centrum"])
    )
    text = next(q for q in questions_of(survey) if q.kind == QuestionKind.TEXT)
    response_submit(
        survey=survey,
        data={"area": ["Centrum"], "group": [""], field_name(text): [f"{FREE_TEXT} otryggt"]},
        answered_on=dt.date(2026, 9, 10),
        source=ResponseSource.PAPER,
    )
    return {"secret_walk": walk.pk, "secret_dialogue": dialogue.pk, "free_text_survey": survey.pk}


def _url(name: str, key: str) -> Callable[[Client, Ids], str]:
    return get(lambda i: reverse(name, args=[i["slug"], i[key]]))


PLACES = [
    Place(
        "survey results",
        _url("dialogue:survey_results", "free_text_survey"),
        secrets=(FREE_TEXT,),
        readers=NOBODY,
        shown=("Centrum",),
        routes=("dialogue:survey_results",),
    ),
    Place(
        "survey results CSV",
        _url("dialogue:survey_results_csv", "free_text_survey"),
        secrets=(FREE_TEXT,),
        readers=NOBODY,
        routes=("dialogue:survey_results_csv",),
    ),
    Place(
        # Only single-choice questions are crossed, and the shown question is never free text.
        "survey results crossed, CSV",
        get(
            lambda i: (
                reverse(
                    "dialogue:survey_results_cross_csv", args=[i["slug"], i["free_text_survey"]]
                )
                + "?question=0&first=0&second=0"
            )
        ),
        secrets=(FREE_TEXT,),
        readers=NOBODY,
        routes=("dialogue:survey_results_cross_csv",),
    ),
    Place(
        "survey results XLSX",
        _url("dialogue:survey_results_xlsx", "free_text_survey"),
        secrets=(FREE_TEXT,),
        readers=CHANGE_RECORDS,
        routes=("dialogue:survey_results_xlsx",),
    ),
    Place(
        "survey free text",
        _url("dialogue:free_text", "free_text_survey"),
        secrets=(FREE_TEXT,),
        readers=CHANGE_RECORDS,
        routes=("dialogue:free_text",),
    ),
    Place(
        "safety walk",
        _url("dialogue:walk_detail", "secret_walk"),
        secrets=(WALK_ACTIVITY,),
        shown=(FINDING,),
        routes=("dialogue:walk_detail",),
    ),
    Place(
        "safety walk report PDF",
        _url("dialogue:walk_report_pdf", "secret_walk"),
        secrets=(WALK_ACTIVITY,),
        shown=(FINDING,),
        routes=("dialogue:walk_report_pdf",),
    ),
    Place(
        "safety walk report DOCX",
        _url("dialogue:walk_report_docx", "secret_walk"),
        secrets=(WALK_ACTIVITY,),
        shown=(FINDING,),
        routes=("dialogue:walk_report_docx",),
    ),
    Place(
        # Opened by a partner who sits for an organisation of the walk, too (none here).
        "safety walk's finding form",
        _url("dialogue:walk_finding_add", "secret_walk"),
        secrets=(WALK_ACTIVITY,),
        readers=NOBODY,
        shown=("2020-04-02",),
        shown_to=CHANGE_RECORDS,
        routes=("dialogue:walk_finding_add",),
    ),
    Place(
        "dialogue meeting",
        _url("dialogue:dialogue_detail", "secret_dialogue"),
        secrets=(INPUT_ACTIVITY,),
        shown=(INPUT,),
        routes=("dialogue:dialogue_detail",),
    ),
]
