"""Permission-matrix rows for dialogue meetings and safety walks: everyone in the council reads,
those who keep the records write, those who keep the plans take an input or finding up as an
activity or a promise. On a joint walk, the partner's reporter who sits for a participating
organisation records findings too, and nothing more."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from samverkan.accounts.models import CouncilRole, Role
from samverkan.accounts.tests.matrix import CHANGE, SEE_COUNCIL
from samverkan.dialogue.services.dialogues import (
    DialogueFields,
    InputFields,
    dialogue_create,
    dialogue_input_add,
)
from samverkan.dialogue.services.walks import FindingFields, WalkFields, finding_add, walk_create
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.organisations.models import Body, Organisation
from samverkan.organisations.services import (
    membership_create,
    organisation_create,
    person_create,
    person_link_user,
)
from samverkan.plans.services.activities import plan_create
from samverkan.plans.services.promises import PromiseSetFields, promise_set_create


def _list(i):
    return {"slug": i["slug"]}


def _dialogue(i):
    return {"slug": i["slug"], "pk": i["dia2_dialogue"]}


def _input(i):
    return {"slug": i["slug"], "pk": i["dia2_dialogue"], "input_pk": i["dia2_input"]}


def _walk(i):
    return {"slug": i["slug"], "pk": i["dia2_walk"]}


def _finding(i):
    return {"slug": i["slug"], "pk": i["dia2_walk"], "finding_pk": i["dia2_finding"]}


def _joint_walk(i):
    return {"slug": i["slug"], "pk": i["dia2_joint_walk"]}


def _joint_finding(i):
    return {"slug": i["slug"], "pk": i["dia2_joint_walk"], "finding_pk": i["dia2_joint_finding"]}


# The reporter sits for the housing company, which walks the joint walk.
JOINT_WALK = {**CHANGE, "reporter": 200}
PARTNER = "Östra bostäder"  # sorts last: other rows take the first organisation


def _theme(i):
    return {"slug": i["slug"], "theme_pk": i["dia2_theme"]}


def _new_dialogue(i):
    return {"held_on": "2018-03-14", "place_text": "Nygårdens äldreboende"}


def _new_walk(i):
    return {"walked_on": "2018-10-03", "area_text": "Centrum", "residents": "5"}


# (url name, kwargs from ids, method, answers[, POST data]). A POST that succeeds redirects.
PAGES = [
    ("dialogue:dialogue_list", _list, "get", SEE_COUNCIL),
    ("dialogue:dialogue_create", _list, "get", CHANGE),
    ("dialogue:dialogue_create", _list, "post", CHANGE, _new_dialogue),
    ("dialogue:dialogue_detail", _dialogue, "get", SEE_COUNCIL),
    ("dialogue:dialogue_edit", _dialogue, "get", CHANGE),
    ("dialogue:dialogue_edit", _dialogue, "post", CHANGE, _new_dialogue),
    ("dialogue:dialogue_delete", _dialogue, "get", CHANGE),
    ("dialogue:dialogue_delete", _dialogue, "post", CHANGE),
    ("dialogue:dialogue_input_add", _dialogue, "post", CHANGE, lambda i: {"text": "Mörkt"}),
    ("dialogue:dialogue_input_edit", _input, "get", CHANGE),
    ("dialogue:dialogue_input_edit", _input, "post", CHANGE, lambda i: {"text": "Ljust"}),
    ("dialogue:dialogue_input_delete", _input, "post", CHANGE),
    ("dialogue:dialogue_input_to_activity", _input, "get", CHANGE),
    (
        "dialogue:dialogue_input_to_activity",
        _input,
        "post",
        CHANGE,
        lambda i: {"plan": i["dia2_plan"]},
    ),
    ("dialogue:dialogue_input_to_promise", _input, "get", CHANGE),
    (
        "dialogue:dialogue_input_to_promise",
        _input,
        "post",
        CHANGE,
        lambda i: {"promise_set": i["dia2_promise_set"], "parties": ["police"]},
    ),
    ("dialogue:theme_list", _list, "get", SEE_COUNCIL),
    ("dialogue:theme_rename", _theme, "get", CHANGE),
    ("dialogue:theme_rename", _theme, "post", CHANGE, lambda i: {"name": "Belysning i parken"}),
    ("dialogue:theme_merge", _theme, "get", CHANGE),
    ("dialogue:theme_merge", _theme, "post", CHANGE, lambda i: {"into": i["dia2_theme_into"]}),
    ("dialogue:walk_list", _list, "get", SEE_COUNCIL),
    ("dialogue:walk_create", _list, "get", CHANGE),
    ("dialogue:walk_create", _list, "post", CHANGE, _new_walk),
    ("dialogue:walk_detail", _walk, "get", SEE_COUNCIL),
    ("dialogue:walk_edit", _walk, "get", CHANGE),
    ("dialogue:walk_edit", _walk, "post", CHANGE, _new_walk),
    ("dialogue:walk_delete", _walk, "get", CHANGE),
    ("dialogue:walk_delete", _walk, "post", CHANGE),
    ("dialogue:walk_finding_add", _walk, "get", CHANGE),
    (
        "dialogue:walk_finding_add",
        _walk,
        "post",
        CHANGE,
        lambda i: {"latitude": "59.512", "longitude": "15.993", "kind": "graffiti"},
    ),
    ("dialogue:walk_finding_edit", _finding, "get", CHANGE),
    (
        "dialogue:walk_finding_edit",
        _finding,
        "post",
        CHANGE,
        lambda i: {"latitude": "59.513", "longitude": "15.994", "kind": "vegetation"},
    ),
    ("dialogue:walk_finding_delete", _finding, "post", CHANGE),
    ("dialogue:walk_finding_photo", _finding, "get", SEE_COUNCIL),
    ("dialogue:walk_finding_to_activity", _finding, "get", CHANGE),
    (
        "dialogue:walk_finding_to_activity",
        _finding,
        "post",
        CHANGE,
        lambda i: {"plan": i["dia2_plan"]},
    ),
    ("dialogue:walk_finding_to_incident", _finding, "get", CHANGE),
    (
        "dialogue:walk_finding_to_incident",
        _finding,
        "post",
        CHANGE,
        lambda i: {"category": i["dia2_category"]},
    ),
    ("dialogue:walk_report_pdf", _walk, "get", SEE_COUNCIL),
    ("dialogue:walk_report_docx", _walk, "get", SEE_COUNCIL),
    # A joint walk: the partner records findings on it, but corrects, removes and takes up none.
    ("dialogue:walk_finding_add", _joint_walk, "get", JOINT_WALK),
    (
        "dialogue:walk_finding_add",
        _joint_walk,
        "post",
        JOINT_WALK,
        lambda i: {"latitude": "59.512", "longitude": "15.993", "kind": "graffiti"},
    ),
    ("dialogue:walk_finding_edit", _joint_finding, "get", CHANGE),
    ("dialogue:walk_finding_delete", _joint_finding, "post", CHANGE),
    ("dialogue:walk_finding_to_activity", _joint_finding, "get", CHANGE),
    ("dialogue:walk_finding_to_incident", _joint_finding, "get", CHANGE),
    ("dialogue:walk_edit", _joint_walk, "get", CHANGE),
]


def _photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 156)).save(out, format="PNG")
    return SimpleUploadedFile("fynd.png", out.getvalue(), "image/png")


def extra_ids(council, user=None):
    """Two inputs of two themes in a dialogue, a walk with a finding and its photo, a plan,
    a promise set."""
    dialogue = dialogue_create(
        actor=None,
        council=council,
        fields=DialogueFields(held_on=dt.date(2018, 3, 14), place_text="Äldreboendet"),
    )
    item = dialogue_input_add(
        actor=None, dialogue=dialogue, fields=InputFields(text="Mörkt i parken", theme="Ljus")
    )
    other = dialogue_input_add(
        actor=None, dialogue=dialogue, fields=InputFields(text="Skräp vid torget", theme="Skräp")
    )
    walk = walk_create(
        actor=None,
        council=council,
        fields=WalkFields(walked_on=dt.date(2018, 10, 3), area_text="Centrum"),
    )
    finding = finding_add(
        actor=None,
        walk=walk,
        fields=FindingFields(latitude=59.512, longitude=15.993, kind="lighting", photo=_photo()),
    )
    partner = organisation_create(actor=None, council=council, name=PARTNER)
    joint_walk = walk_create(
        actor=None,
        council=council,
        fields=WalkFields(
            walked_on=dt.date(2018, 10, 4), area_text="Nygård", organisations=[partner]
        ),
    )
    joint_finding = finding_add(
        actor=None,
        walk=joint_walk,
        fields=FindingFields(latitude=59.512, longitude=15.993, kind="damage"),
    )
    plan = plan_create(actor=None, council=council, title="Plan för fynden", year=2018)
    promise_set = promise_set_create(
        actor=None, council=council, fields=PromiseSetFields(title="Löften", year=2018)
    )
    category = categories_ensure_defaults(council=council)[0]
    return {
        "dia2_dialogue": dialogue.pk,
        "dia2_input": item.pk,
        "dia2_theme": item.theme_id,
        "dia2_theme_into": other.theme_id,
        "dia2_walk": walk.pk,
        "dia2_finding": finding.pk,
        "dia2_plan": plan.pk,
        "dia2_promise_set": promise_set.pk,
        "dia2_category": category.pk,
        "dia2_joint_walk": joint_walk.pk,
        "dia2_joint_finding": joint_finding.pk,
    }


def user_ids(council, user=None):
    """The reporter's login is linked to a person who sits for the partner on the joint walk."""
    if (
        user is not None
        and CouncilRole.objects.filter(user=user, council=council, role=Role.REPORTER).exists()
    ):
        person = person_create(actor=None, council=council, name="Östen Partner")
        person_link_user(actor=None, person=person, user=user)
        membership_create(
            actor=None,
            body=Body.objects.filter(council=council).first(),
            person=person,
            role="member",
            organisation=Organisation.objects.get(council=council, name=PARTNER),
        )
    return {}
