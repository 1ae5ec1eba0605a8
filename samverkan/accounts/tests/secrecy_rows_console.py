"""Secrecy-matrix rows for the operator's console (/admin/): the audit trail of every council and
the accessibility feedback inbox reach site administrators only; a council's coordinator never
reads another council's events there, nor its own (see accounts/tests/secrecy.py)."""

from __future__ import annotations

from django.contrib.auth.models import User

from samverkan.accounts.tests.secrecy import Ids, Place, get
from samverkan.core.feedback import feedback_receive
from samverkan.organisations import services
from samverkan.organisations.models import Council

# A person registered in the other council: its creation in the trail. (A name is no secret in
# its own council, whose people list shows it, so the marker is planted across the border.)
THERE = "Xqconsolethere"
FEEDBACK = "Xqconsolefeedback"  # a message sent through the accessibility statement
OPERATORS = frozenset({"site_admin"})


def plant(council: Council, users: dict[str, User | None]) -> Ids:
    outsider = users["outsider"]
    assert outsider is not None
    other = outsider.council_roles.get().council
    services.person_create(actor=outsider, council=other, name=f"{THERE} Bo")
    feedback_receive(actor=None, page_url="", message=f"{FEEDBACK} kartan", email="")
    return {"console_other_council": other.pk}


PLACES = [
    Place(
        "console: audit trail of every council",
        # Searched for the marker (without its first letters, which the login page would echo
        # back): the trail is paged, newest first, and the other areas' plants
        # write after this one.
        get(lambda ids: f"/admin/core/auditevent/?q={THERE[2:]}"),
        secrets=(THERE,),
        readers=OPERATORS,
        shown=(THERE,),
        shown_to=OPERATORS,
        # Who enters the console is the login's, not its capabilities in a council.
        per_login=True,
    ),
    Place(
        "console: audit trail filtered to the other council",
        get(
            lambda ids: (
                f"/admin/core/auditevent/?council={ids['console_other_council']}&q={THERE[2:]}"
            )
        ),
        secrets=(THERE,),
        readers=OPERATORS,
        shown=(THERE,),
        shown_to=OPERATORS,
        # Who enters the console is the login's, not its capabilities in a council.
        per_login=True,
    ),
    Place(
        "console: accessibility feedback inbox",
        get(lambda ids: "/admin/core/feedback/"),
        secrets=(FEEDBACK,),
        readers=OPERATORS,
        shown=(FEEDBACK,),
        shown_to=OPERATORS,
        # Who enters the console is the login's, not its capabilities in a council.
        per_login=True,
    ),
]
