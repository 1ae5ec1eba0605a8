"""The default safety survey a council can start from.

Built on the items of the police's yearly safety survey (trygghetsmätning): problems in the
neighbourhood, worry about crimes, and feeling unsafe outdoors late in the evening in one's own
area (the NTU indicator), plus where in the area one feels unsafe; and gender and age, each
with "Vet ej" and "Vill inte svara", to cross the results by (who is affected).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from samverkan.core.audit import Actor
from samverkan.dialogue.models import QuestionKind, Survey
from samverkan.dialogue.services.builder import (
    QuestionFields,
    SurveyFields,
    question_create,
    section_create,
    survey_create,
)
from samverkan.organisations.models import Council

# (Swedish, English) pairs. The survey's texts are data, stored in both languages.
PROBLEMS = [
    ("Klotter", "Graffiti"),
    ("Nedskräpning", "Littering"),
    ("Skadegörelse", "Vandalism"),
    ("Dåligt upplysta platser", "Poorly lit places"),
    ("Mopeder på gång- och cykelvägar", "Mopeds on foot and cycle paths"),
    ("Ungdomsgäng som stör ordningen", "Groups of young people disturbing public order"),
    ("Störande trafik och bilkörning", "Disturbing traffic and driving"),
    ("Berusade personer utomhus", "Intoxicated people outdoors"),
]
WORRIES = [
    ("Inbrott i bostaden", "Burglary in your home"),
    ("Stöld", "Theft"),
    ("Skadegörelse", "Vandalism"),
    ("Misshandel eller överfall", "Assault"),
]
UNSAFE_OPTIONS = [
    ("Mycket trygg", "Very safe"),
    ("Ganska trygg", "Fairly safe"),
    ("Ganska otrygg", "Fairly unsafe"),
    ("Mycket otrygg", "Very unsafe"),
    ("Går aldrig ut ensam sent på kvällen", "Never go out alone late in the evening"),
]
DEFAULT_GROUPS = ["16–29 år", "30–49 år", "50–64 år", "65 år eller äldre"]
# "Who is affected": the results are crossed by gender and age (cross_results.py). Both
# questions let the respondent not know or not say; those answers are columns of their own.
NO_ANSWER = [("Vet ej", "Don't know"), ("Vill inte svara", "Prefer not to say")]
GENDERS = [("Kvinna", "Woman"), ("Man", "Man"), ("Annat", "Other"), *NO_ANSWER]
AGES = [
    ("16–29 år", "16–29 years"),
    ("30–49 år", "30–49 years"),
    ("50–64 år", "50–64 years"),
    ("65 år eller äldre", "65 years or older"),
    *NO_ANSWER,
]


@transaction.atomic
def survey_create_default(
    *,
    actor: Actor,
    council: Council,
    title_sv: str = "",
    areas: list[str] | None = None,
    opens_on: dt.date | None = None,
) -> Survey:
    """Create a draft of the default survey, ready to edit and publish."""
    survey = survey_create(
        actor=actor,
        council=council,
        fields=SurveyFields(
            title_sv=title_sv or "Trygghetsenkät",
            title_en="" if title_sv else "Safety survey",
            intro_sv=(
                "Hur trygg känner du dig där du bor? Dina svar hjälper kommunen och polisen att "
                "välja vad vi ska arbeta med. Enkäten är anonym: vi sparar inte vem du är, "
                "din IP-adress eller klockslaget när du svarade."
            ),
            intro_en=(
                "How safe do you feel where you live? Your answers help the municipality and "
                "the police choose what to work on. The survey is anonymous: we do not store "
                "who you are, your IP address or the time of day you answered."
            ),
            opens_on=opens_on,
            areas=areas or [],
            groups=DEFAULT_GROUPS,
            # The place question's help offers a point; it is kept only coarsely (answers.py).
            place_points=True,
        ),
    )
    problems = section_create(
        actor=actor,
        survey=survey,
        title_sv="Problem i ditt bostadsområde",
        title_en="Problems in your neighbourhood",
    )
    for sv, en in PROBLEMS:
        question_create(
            actor=actor,
            section=problems,
            fields=QuestionFields(
                kind=QuestionKind.SCALE,
                text_sv=f"{sv}: hur stort problem är det i ditt bostadsområde?",
                text_en=f"{en}: how big a problem is it in your neighbourhood?",
                low_label_sv="Inget problem alls",
                low_label_en="No problem at all",
                high_label_sv="Ett mycket stort problem",
                high_label_en="A very big problem",
            ),
        )
    worries = section_create(
        actor=actor, survey=survey, title_sv="Oro för brott", title_en="Worry about crime"
    )
    for sv, en in WORRIES:
        question_create(
            actor=actor,
            section=worries,
            fields=QuestionFields(
                kind=QuestionKind.SCALE,
                text_sv=f"{sv}: hur orolig är du för att utsättas?",
                text_en=f"{en}: how worried are you of being a victim?",
                low_label_sv="Inte alls orolig",
                low_label_en="Not at all worried",
                high_label_sv="Mycket orolig",
                high_label_en="Very worried",
            ),
        )
    safety = section_create(
        actor=actor, survey=survey, title_sv="Trygghet ute", title_en="Feeling safe outdoors"
    )
    question_create(
        actor=actor,
        section=safety,
        fields=QuestionFields(
            kind=QuestionKind.SINGLE,
            text_sv=(
                "Hur trygg eller otrygg känner du dig om du går ut ensam sent en kväll "
                "i ditt eget bostadsområde?"
            ),
            text_en=(
                "How safe or unsafe do you feel if you go out alone late in the evening "
                "in your own neighbourhood?"
            ),
            options_sv=[sv for sv, _en in UNSAFE_OPTIONS],
            options_en=[en for _sv, en in UNSAFE_OPTIONS],
        ),
    )
    question_create(
        actor=actor,
        section=safety,
        fields=QuestionFields(
            kind=QuestionKind.PLACE,
            text_sv="Var i ditt område känner du dig mest otrygg?",
            text_en="Where in your area do you feel least safe?",
            help_sv="Välj ett område eller ange en punkt.",
            help_en="Choose an area or give a point.",
        ),
    )
    question_create(
        actor=actor,
        section=safety,
        fields=QuestionFields(
            kind=QuestionKind.TEXT,
            text_sv="Vill du berätta något mer om tryggheten där du bor?",
            text_en="Is there anything more you want to tell us about safety where you live?",
            help_sv="Skriv inte namn eller personnummer.",
            help_en="Do not write names or personal identity numbers.",
        ),
    )
    about = section_create(actor=actor, survey=survey, title_sv="Om dig", title_en="About you")
    for sv, en, options in (("Kön", "Gender", GENDERS), ("Ålder", "Age", AGES)):
        question_create(
            actor=actor,
            section=about,
            fields=QuestionFields(
                kind=QuestionKind.SINGLE,
                text_sv=sv,
                text_en=en,
                options_sv=[option_sv for option_sv, _en in options],
                options_en=[option_en for _sv, option_en in options],
            ),
        )
    return survey
