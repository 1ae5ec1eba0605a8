"""Permission-matrix rows for dialogue meetings and safety walks: everyone in the council reads,
those who keep the records write, those who keep the plans take an input or finding up as an
activity or a promise."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from samverkan.accounts.tests.matrix import CHANGE, SEE_COUNCIL
from samverkan.dialogue.services.dialogues import (
    DialogueFields,
    InputFields,
    dialogue_create,
    dialogue_input_add,
)
from samverkan.dialogue.services.walks import FindingFields, WalkFields, finding_add, walk_create
from samverkan.incidents.services.categories import categories_ensure_defaults
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
    }
