"""Results as CSV and XLSX, with the same suppression as the page ("<5").

Free-text answers go only into the XLSX of staff who may read them, masked as on the page.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from samverkan.core.privacy import mask_personal_data
from samverkan.dialogue.models import Survey
from samverkan.dialogue.results import Breakdown, survey_results
from samverkan.dialogue.selectors import free_text_answers


def result_rows(survey: Survey) -> list[list[str]]:
    """One row per question, breakdown, series and answer; suppressed figures are "<5"."""
    header = [
        _("Question"),
        _("Breakdown"),
        _("Series"),
        _("Respondents"),
        _("Answer"),
        _("Count"),
        _("Share"),
    ]
    names = {
        Breakdown.NONE: _("all"),
        Breakdown.AREA: _("by area"),
        Breakdown.GROUP: _("by respondent group"),
    }
    rows = [header]
    for by in Breakdown.ALL:
        for result in survey_results(survey, by=by):
            for series in result.series:
                for row, (count, share) in zip(result.rows, series.cells(), strict=True):
                    rows.append(
                        [
                            result.question.text,
                            names[by],
                            series.label,
                            series.shown_respondents,
                            row.label,
                            count,
                            share,
                        ]
                    )
    return rows


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    return "'" + value if value[:1] in {"=", "+", "-", "@"} else value


def results_csv(survey: Survey) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in result_rows(survey):
        writer.writerow([_safe(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def results_xlsx(survey: Survey, *, free_text: bool = False) -> bytes:
    """The results; with `free_text` (for staff only) a second sheet of masked free text."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 (a new workbook always has a sheet)
    sheet.title = _("Survey results")[:31]
    for row in result_rows(survey):
        sheet.append([_safe(cell) for cell in row])
    if free_text:
        texts = workbook.create_sheet(_("Free-text answers")[:31])
        texts.append([_("Question"), _("Answer")])
        for answer in free_text_answers(survey):
            texts.append([_safe(answer.question.text), _safe(mask_personal_data(answer.text))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
