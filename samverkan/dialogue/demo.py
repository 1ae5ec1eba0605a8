"""Demo data for the dialogue app: the default survey, published, with synthetic paper answers;
the seed's citizen dialogue of 16 May 2018 and the joint safety walk in the town centre.

The answers are made up (a fixed random seed, so every demo looks the same) and spread over
three areas of Köping, so the results page has something to show, including a small group.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from samverkan.dialogue.models import (
    Announcement,
    Dialogue,
    FindingKind,
    Option,
    Question,
    QuestionKind,
    ResponseSource,
    SafetyWalk,
    Survey,
)
from samverkan.dialogue.selectors.surveys import questions_of
from samverkan.dialogue.services.answers import field_name, response_submit
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from samverkan.dialogue.services.dialogues import (
    DialogueFields,
    InputFields,
    dialogue_create,
    dialogue_input_add,
)
from samverkan.dialogue.services.walks import FindingFields, WalkFields, finding_add, walk_create
from samverkan.incidents.models import Category, Place
from samverkan.organisations.models import Council, Organisation

AREAS = ["Nygård", "Centrum", "Malmön"]
SURVEY_OPENS_ON = dt.date(2018, 4, 16)
# How many answers each area gives, and how much bigger its problems are (on the 1–5 scale).
ANSWERS = {"Nygård": 18, "Centrum": 17, "Malmön": 5}
WORSE = {"Nygård": 1.0, "Centrum": 0.5, "Malmön": 0.0}
FREE_TEXTS = [
    "Gångtunneln vid stationen är mörk på kvällen.",
    "Mer belysning vid busshållplatsen, tack.",
    "Mopeder kör fort på cykelvägen längs ån.",
]


@transaction.atomic
def load_demo_survey(council: Council) -> Survey:
    """Create the default survey, publish it and add about 40 synthetic paper answers."""
    survey = survey_create_default(
        actor=None,
        council=council,
        title_sv="Trygghetsenkät 2018",
        areas=AREAS,
        # Opened in the spring, before the dialogue of 16 May, so the year's problem picture
        # has it; the paper answers were typed in after the autumn's collection.
        opens_on=SURVEY_OPENS_ON,
    )
    survey = survey_publish(actor=None, survey=survey)
    rng = random.Random(2018)  # noqa: S311 (made-up demo answers, not security)
    # Gender and age from a generator of their own, so the other answers stay as they were.
    about = random.Random(2019)  # noqa: S311 (made-up demo answers, not security)
    questions = questions_of(survey)
    number = 0
    for area, count in ANSWERS.items():
        for _index in range(count):
            number += 1
            data: dict[str, list[str]] = {
                "area": [area],
                "group": [rng.choice(survey.groups)],
            }
            for question in questions:
                name = field_name(question)
                if question.kind == QuestionKind.SCALE:
                    value = round(rng.triangular(1, 5, 1.5 + WORSE[area] * 2))
                    data[name] = [str(min(5, max(1, value)))]
                elif question.text_sv in ("Kön", "Ålder"):
                    data[name] = [str(_about_you(about, question, data["group"][0]).pk)]
                elif question.kind == QuestionKind.SINGLE:
                    options = list(question.options.all())
                    weights = [4, 4, 2 + WORSE[area] * 3, 1 + WORSE[area] * 2, 1]
                    data[name] = [str(rng.choices(options, weights=weights[: len(options)])[0].pk)]
                elif question.kind == QuestionKind.PLACE and rng.random() < 0.5:
                    data[name] = [rng.choice(AREAS)]
                elif question.kind == QuestionKind.TEXT and number % 9 == 0:
                    data[name] = [FREE_TEXTS[number % len(FREE_TEXTS)]]
            response_submit(
                survey=survey,
                data=data,
                answered_on=dt.date(2018, 9, 10) + dt.timedelta(days=number % 14),
                source=ResponseSource.PAPER,
            )
    return survey


def _about_you(rng: random.Random, question: Question, group: str) -> Option:
    """A demo respondent's gender, or age as their respondent group says (now and then
    "Vet ej" or "Vill inte svara", so the cross has those columns too)."""
    options = {option.text_sv: option for option in question.options.all()}
    if rng.random() < 0.04:
        return options[rng.choice(["Vet ej", "Vill inte svara"])]
    if question.text_sv == "Ålder":
        return options.get(group) or options["Vill inte svara"]
    return options[rng.choices(["Kvinna", "Man", "Annat"], weights=[49, 49, 2])[0]]


# The seed's "Medborgardialoger 2018": the meeting of 16 May 2018 at the elderly home Nygården,
# held by the municipality and the police, and what the seed says was heard there.
DIALOGUE_DAY = dt.date(2018, 5, 16)
DIALOGUE_PLACE = "Äldreboendet Nygården, Köping"
# (theme, place name or "", category code or "", what was said)
DIALOGUE_INPUTS = [
    (
        "Otrygghet i centrum",
        "Köpings centrum",
        "",
        "Näringsidkare i centrum känner sig otrygga, särskilt när butikerna stänger på kvällen.",
    ),
    (
        "Otrygghet i centrum",
        "Köpings centrum",
        "gathering",
        "Boende i centrum undviker torget på kvällar och helger.",
    ),
    (
        "Skolgårdar efter skoltid",
        "Nygårdsskolan",
        "gathering",
        "Det känns otryggt att vistas på skolgårdarna efter skoltid.",
    ),
    (
        "Skadegörelse på skolor",
        "Karlbergsskolan",
        "broken_glass",
        "Flera fall av skadegörelse på skolorna, krossade fönster och klotter.",
    ),
]

# The seed's joint promise: "en gemensam trygghetsvandring i centrum kommer att genomföras".
# The seed gives no day; an autumn evening is when the lighting shows.
WALK_DAY = dt.date(2018, 10, 11)
WALK_AREA = "Köpings centrum"
WALK_RESIDENTS = 12
# A loop through the centre: the station, the square, the pedestrian street and back.
WALK_ROUTE = [
    (59.5105, 15.9925),
    (59.5118, 15.9938),
    (59.5131, 15.9952),
    (59.5142, 15.9968),
    (59.5150, 15.9955),
    (59.5139, 15.9931),
    (59.5118, 15.9920),
]
# (latitude, longitude, kind, description, suggestion)
WALK_FINDINGS = [
    (
        59.5118,
        15.9938,
        FindingKind.LIGHTING,
        "Gångpassagen mellan resecentrum och torget är mörk; två armaturer är trasiga.",
        "Byt armaturerna och förstärk belysningen i passagen.",
    ),
    (
        59.5142,
        15.9968,
        FindingKind.VEGETATION,
        "Höga buskar längs gångvägen skymmer sikten mot parkeringen.",
        "Beskär buskarna så att man ser och syns.",
    ),
    (
        59.5139,
        15.9931,
        FindingKind.GRAFFITI,
        "Klotter på fasaden och elskåpet vid gågatan.",
        "Sanera inom ett dygn, enligt kommunens klotterpolicy.",
    ),
]


def _council_organisations(council: Council, *names: str) -> list[Organisation]:
    by_name = {o.name: o for o in Organisation.objects.filter(council=council, name__in=names)}
    return [by_name[name] for name in names if name in by_name]


@transaction.atomic
def load_demo_dialogue(council: Council, *, organisers: list[str]) -> Dialogue:
    """The citizen dialogue of 16 May 2018 with a few inputs by theme, through the services."""
    places = {p.name: p for p in Place.objects.filter(council=council)}
    categories = {c.code: c for c in Category.objects.filter(council=council).exclude(code="")}
    dialogue = dialogue_create(
        actor=None,
        council=council,
        fields=DialogueFields(
            held_on=DIALOGUE_DAY,
            place_text=DIALOGUE_PLACE,
            place=places.get("Nygården"),
            organisers=_council_organisations(council, *organisers),
            announced_via=[
                Announcement.WEBSITE,
                Announcement.FACEBOOK,
                Announcement.NEWSPAPER,
            ],
            notes=(
                "Allmänheten fick framföra åsikter och synpunkter om tryggheten i Köpings "
                "kommun. Synpunkter kunde också lämnas anonymt i trygghetsenkäten."
            ),
        ),
    )
    for theme, place, code, text in DIALOGUE_INPUTS:
        dialogue_input_add(
            actor=None,
            dialogue=dialogue,
            fields=InputFields(
                text=text,
                theme=theme,
                place=places.get(place),
                category=categories.get(code),
            ),
        )
    return dialogue


@transaction.atomic
def load_demo_walk(council: Council, *, organisations: list[str]) -> SafetyWalk:
    """The joint safety walk in the town centre with its route and three findings."""
    walk = walk_create(
        actor=None,
        council=council,
        fields=WalkFields(
            walked_on=WALK_DAY,
            starts_at=dt.time(18),  # walks are held after dark, when lighting shows
            area_text=WALK_AREA,
            place=Place.objects.filter(council=council, name=WALK_AREA).first(),
            organisations=_council_organisations(council, *organisations),
            residents=WALK_RESIDENTS,
            route_text="\n".join(f"{lat}, {lon}" for lat, lon in WALK_ROUTE),
            notes="Gemensam trygghetsvandring enligt medborgarlöftet 2018.",
        ),
    )
    for latitude, longitude, kind, description, suggestion in WALK_FINDINGS:
        finding_add(
            actor=None,
            walk=walk,
            fields=FindingFields(
                latitude=latitude,
                longitude=longitude,
                kind=kind,
                description=description,
                suggestion=suggestion,
            ),
        )
    return walk
