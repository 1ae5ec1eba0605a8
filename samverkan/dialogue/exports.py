"""The tables of a survey's results, with the same suppression as the page ("<5"), for
core/exports.py to write as CSV and XLSX.

Free-text answers go only into the XLSX of staff who may read them, masked as on the page.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from samverkan.core import exports
from samverkan.core.privacy import mask_personal_data
from samverkan.dialogue.models import Survey
from samverkan.dialogue.results import Breakdown, survey_results
from samverkan.dialogue.selectors.surveys import free_text_answers


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


def results_table(survey: Survey) -> exports.Table:
    header, *rows = result_rows(survey)
    return exports.Table(header=header, rows=rows, name=_("Survey results"))


def results_csv(survey: Survey) -> bytes:
    return exports.csv_bytes(results_table(survey))


def results_tables(survey: Survey, *, free_text: bool = False) -> list[exports.Table]:
    """The results; with `free_text` (for staff only) a second table of masked free text."""
    tables = [results_table(survey)]
    if free_text:
        answers = free_text_answers(survey)
        tables.append(
            exports.Table(
                header=[_("Question"), _("Answer")],
                rows=[[a.question.text, mask_personal_data(a.text)] for a in answers],
                name=_("Free-text answers"),
            )
        )
    return tables


def results_xlsx(survey: Survey, *, free_text: bool = False) -> bytes:
    return exports.xlsx_bytes(*results_tables(survey, free_text=free_text))
