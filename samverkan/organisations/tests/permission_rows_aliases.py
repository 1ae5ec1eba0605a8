"""Permission-matrix rows for the other names of an organisation (see accounts/tests/matrix.py)."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import CHANGE
from samverkan.organisations.models import Council, Organisation, OrganisationAlias


def extra_ids(council: Council, user: object = None) -> dict[str, object]:
    organisation = Organisation.objects.filter(council=council).order_by("id")[0]
    alias = OrganisationAlias.objects.create(
        council=council, organisation=organisation, name="Kommunen"
    )
    return {"alias_organisation": organisation.pk, "alias": alias.pk}


PAGES = [
    (
        "organisations:organisation_alias_add",
        lambda i: {"slug": i["slug"], "pk": i["alias_organisation"]},
        "post",
        CHANGE,
        lambda i: {"alias-name": "KK"},
    ),
    (
        "organisations:organisation_alias_delete",
        lambda i: {"slug": i["slug"], "pk": i["alias"]},
        "post",
        CHANGE,
    ),
]
