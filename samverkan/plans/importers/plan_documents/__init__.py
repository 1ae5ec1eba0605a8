"""Read the plan documents of a local crime-prevention council.

`parse_plan_document(text, kind=None)` turns the plain text of one document into
`ParsedPlanDocument` (`parser`: two passes over the lines; `result`: what they give;
`words`: the patterns of the headings, statuses and dates; `activity_table`: a plan's
table). Three kinds are read:

- "promises": citizen promises (medborgarlöften) with background, dialogues, current picture,
  the promises, the joint promise, validity, place, date and signatories;
- "agreement": a cooperation agreement (samverkansöverenskommelse) with purpose, method,
  numbered commitments, governance bodies, current picture, date, parties and signatories;
- "plan": an implementation plan (genomförandeplan), a table Aktivitet / Ansvarig [/ Status].

Every non-empty line that is not placed is reported in `warnings` with its line number. A text
that is none of the kinds raises ImportRejected("not_plan_document"). The JSON schema and the
messages are described in docs/formats/plan-documents.md. No Django import.
"""

from __future__ import annotations

from samverkan.plans.importers.plan_documents.parser import (
    detect_kind,
    parse_plan_document,
    parse_plan_file,
)
from samverkan.plans.importers.plan_documents.result import (
    BLOCKING_WARNINGS,
    KINDS,
    MISSING_COLUMN,
    MISSING_COLUMN_MESSAGE,
    NOT_PLAN_DOCUMENT,
    NOT_PLAN_DOCUMENT_MESSAGE,
    STATUSES,
    WARNING_MESSAGES,
    Activity,
    Commitment,
    JsonObject,
    Kind,
    ParsedPlanDocument,
    Promise,
    Signatory,
    Status,
)
from samverkan.plans.importers.plan_documents.words import normalise_status, split_responsible

__all__ = [
    "BLOCKING_WARNINGS",
    "KINDS",
    "MISSING_COLUMN",
    "MISSING_COLUMN_MESSAGE",
    "NOT_PLAN_DOCUMENT",
    "NOT_PLAN_DOCUMENT_MESSAGE",
    "STATUSES",
    "WARNING_MESSAGES",
    "Activity",
    "Commitment",
    "JsonObject",
    "Kind",
    "ParsedPlanDocument",
    "Promise",
    "Signatory",
    "Status",
    "detect_kind",
    "normalise_status",
    "parse_plan_document",
    "parse_plan_file",
    "split_responsible",
]
