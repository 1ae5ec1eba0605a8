"""Tell a decision's kind from its verb: "att notera …" is noted, "att godkänna …" approved."""

from __future__ import annotations

import re

from samverkan.meetings.models import DecisionKind

# The verb right after "att" says what was decided; checked in this order.
_VERBS: list[tuple[DecisionKind, re.Pattern[str]]] = [
    (
        DecisionKind.NOTED,
        re.compile(
            r"\b(notera|noteras|lägga .* till handlingarna|läggs till handlingarna"
            r"|informationen noteras|tacka för informationen)",
            re.I,
        ),
    ),
    (DecisionKind.APPROVED, re.compile(r"\b(godkänn|godkänns|bifall|bevilja)", re.I)),
    (
        DecisionKind.ADOPTED,
        re.compile(
            r"\b(anta|antas|fastställ|ställa sig bakom|ställer sig bakom|inrätta|införa)", re.I
        ),
    ),
    # Before the assignments: "utse Andreas Trygg till protokolljusterare" elects someone for
    # the meeting, it gives nobody a task.
    (
        DecisionKind.ELECTED,
        re.compile(
            r"\b(utse|utses|utsågs|välja|väljer|väljs|valdes|vald)\b.*"
            r"\b(justerare|protokolljusterare|justera protokollet|ordförande|sekreterare"
            r"|rösträknare)\b",
            re.I,
        ),
    ),
    (
        DecisionKind.ASSIGNED,
        re.compile(r"\b(uppdra|uppdras|ge .* i uppdrag|ges i uppdrag|utse|utses|delegera)", re.I),
    ),
]


def decision_kind(text: str) -> DecisionKind:
    """Return the kind of the decision text; OTHER when no known verb is found."""
    clause = text.split(" att ", 1)[1] if " att " in text else text
    for kind, pattern in _VERBS:
        if pattern.search(clause):
            return kind
    return DecisionKind.OTHER
