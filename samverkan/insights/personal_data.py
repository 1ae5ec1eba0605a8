"""A person in the insights: the parts of a lägesbild their login last wrote (registered with
organisations/personal_data.py). The texts are the council's analysis, kept as its record; the
export says which parts the person wrote and when."""

from __future__ import annotations

from django.utils.translation import gettext as _

from samverkan.insights.models import Problem, ReportSection, SourceTable
from samverkan.organisations.models import Council, Person
from samverkan.organisations.personal_data import Section, collects, plain


@collects("insights.ReportSection", "insights.Problem", "insights.SourceTable")
def _situation_reports(person: Person, council: Council) -> list[Section]:
    written = Section(
        "situation_report_parts",
        _("Parts of a lägesbild you wrote"),
        [("year", _("year")), ("part", _("part")), ("at", _("when"))],
        kept=_("Kept as the council's lägesbild, a public record once decided."),
    )
    if person.user_id is None:
        return [written]
    login, mine = person.user_id, {"report__council": council}
    parts: list[tuple[int, str, object]] = []
    for section in ReportSection.objects.filter(written_by_id=login, **mine).select_related(
        "report"
    ):
        parts.append((section.report.year, section.get_key_display(), section.written_at))
    for problem in Problem.objects.filter(written_by_id=login, **mine).select_related("report"):
        parts.append((problem.report.year, problem.title, problem.written_at))
    for table in SourceTable.objects.filter(written_by_id=login, **mine).select_related("report"):
        parts.append((table.report.year, table.title, table.written_at))
    for year, part, at in sorted(parts, key=lambda row: (row[0], str(row[1]))):
        written.rows.append({"year": year, "part": part, "at": plain(at)})
    return [written]
