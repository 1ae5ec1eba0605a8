"""The report of a safety walk, as PDF/A and as DOCX, from one context: the walk, a map of the
findings, and the list of findings with what became of each."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.core.documents import (
    Block,
    Document,
    Figure,
    Heading,
    Paragraph,
    Section,
    Table,
    document_docx,
    document_pdf,
)
from samverkan.core.map_image import MapMarker, map_html, map_png
from samverkan.dialogue.models import Finding, SafetyWalk
from samverkan.dialogue.walk_map import walk_map
from samverkan.incidents.selectors import places_geojson
from samverkan.organisations.selectors import council_look


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
        "rows": [(finding, _action(finding)) for finding in findings],
    }


def walk_report_document(walk: SafetyWalk, findings: list[Finding]) -> Document:
    """The report as one structure for both renderings (call within Swedish)."""
    context = walk_report_context(walk, findings)
    header: list[Block] = [Heading(context["title"], 1)]
    if context["organisations"]:
        names = context["organisations"]
        header.append(Paragraph(_("Organisations: %(names)s") % {"names": names}, "meta"))
    header.append(
        Paragraph(_("Residents taking part: %(count)s") % {"count": walk.residents}, "meta")
    )
    body: list[Block] = [Paragraph(walk.notes)] if walk.notes else []
    if not context["map"].empty:
        # On the same base map as every map of the platform (core/map_image.py): the tiles of
        # MAP_TILES_FILE, or the council's places drawn as the base.
        places = [
            (feature["properties"]["name"], feature["geometry"])
            for feature in places_geojson(walk.council)["features"]
        ]
        png = map_png(
            places,
            [],
            route=walk.route_points(),
            markers=[MapMarker(f.number, f.latitude, f.longitude) for f in findings],
        )
        caption = _("The route and the numbered findings")
        picture = Figure(caption, map_html(png, caption), png)
        body.append(Section([Heading(_("Map of the findings"), 2), picture]))
    found: list[Block] = [Heading(_("Findings and actions"), 2)]
    if context["rows"]:
        rows = [
            (
                str(finding.number),
                finding.get_kind_display().capitalize()
                + (f": {finding.description}" if finding.description else ""),
                f"{finding.latitude:.5f}, {finding.longitude:.5f}",
                finding.suggestion,
                action,
            )
            for finding, action in context["rows"]
        ]
        header_row = (_("No."), _("What is wrong"), _("Coordinates"), _("Suggestion"), _("Action"))
        found.append(Table(rows, header=header_row))
    else:
        found.append(Paragraph(_("No findings were recorded.")))
    body.append(Section(found))
    return Document(
        title=context["title"],
        author=str(walk.council),
        description=_("Report of a safety walk"),
        header=header,
        body=body,
        look=council_look(walk.council),
    )


def walk_report_pdf(walk: SafetyWalk, findings: list[Finding]) -> bytes:
    with translation.override("sv"):
        return document_pdf(walk_report_document(walk, findings))


def walk_report_docx(walk: SafetyWalk, findings: list[Finding]) -> bytes:
    with translation.override("sv"):
        return document_docx(walk_report_document(walk, findings))
