"""The report of a safety walk, as PDF/A and as DOCX, from one context: the walk, a map of the
findings, and the list of findings with what became of each."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.core.documents import render_pdf
from samverkan.dialogue.models import Finding, SafetyWalk
from samverkan.dialogue.walk_map import walk_map, walk_map_png


def _action(finding: Finding) -> str:
    if finding.activity_id is not None and finding.activity is not None:
        return _("Plan activity: %(text)s") % {"text": finding.activity.text[:200]}
    if finding.incident_id is not None:
        return _("Reported as incident no. %(number)s") % {"number": finding.incident_id}
    return _("No action yet")


def walk_report_context(walk: SafetyWalk, findings: list[Finding]) -> dict[str, Any]:
    drawing = walk_map(walk, findings)
    return {
        "walk": walk,
        "title": _("Safety walk %(date)s, %(area)s")
        % {"date": walk.walked_on.isoformat(), "area": walk.area_name},
        "organisations": ", ".join(o.name for o in walk.organisations.all()),
        "map": drawing,
        "map_svg": render_to_string("dialogue/walk_map.svg.html", {"map": drawing}),
        "rows": [(finding, _action(finding)) for finding in findings],
    }


def walk_report_pdf(walk: SafetyWalk, findings: list[Finding]) -> bytes:
    with translation.override("sv"):
        return render_pdf("dialogue/walk_report.html", walk_report_context(walk, findings))


def walk_report_docx(walk: SafetyWalk, findings: list[Finding]) -> bytes:
    from docx import Document
    from docx.shared import Cm

    with translation.override("sv"):
        context = walk_report_context(walk, findings)
        doc = Document()
        doc.core_properties.title = context["title"]
        doc.core_properties.language = "sv-SE"
        doc.add_heading(context["title"], level=1)
        if context["organisations"]:
            doc.add_paragraph(_("Organisations: %(names)s") % {"names": context["organisations"]})
        doc.add_paragraph(_("Residents taking part: %(count)s") % {"count": walk.residents})
        if walk.notes:
            doc.add_paragraph(walk.notes)
        if not context["map"].empty:
            doc.add_heading(_("Map of the findings"), level=2)
            doc.add_picture(io.BytesIO(walk_map_png(context["map"])), width=Cm(16))
        doc.add_heading(_("Findings and actions"), level=2)
        if not findings:
            doc.add_paragraph(_("No findings were recorded."))
        for finding, action in context["rows"]:
            doc.add_heading(f"{finding.number}. {finding.get_kind_display().capitalize()}", 3)
            doc.add_paragraph(f"{finding.latitude:.5f}, {finding.longitude:.5f}")
            if finding.description:
                doc.add_paragraph(finding.description)
            if finding.suggestion:
                doc.add_paragraph(_("Suggestion: %(text)s") % {"text": finding.suggestion})
            doc.add_paragraph(action)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
