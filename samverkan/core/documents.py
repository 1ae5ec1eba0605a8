"""The one document renderer: a template to archival, tagged PDF (PDF/A-3a) with WeasyPrint.

DOCX documents are built per document type with python-docx (see e.g.
meetings/documents/minutes_docx.py), from the same context as the PDF.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# PDF/A-3a: archival (RA-FS 2009:2) and tagged, so that screen readers can read it.
PDF_VARIANT = "pdf/a-3a"


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render the template to PDF/A. Costly (about a second): call it from a view or a task."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    stylesheet = finders.find("core/documents.css")
    pdf: bytes = HTML(string=html, base_url=None).write_pdf(
        stylesheets=[CSS(filename=stylesheet)] if stylesheet else None,
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
    )
    return pdf
