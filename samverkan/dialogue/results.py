"""Survey results for staff: counts per question, by area or respondent group, compared with
the previous survey; small groups suppressed.

Every figure passes through here, so the page, the charts and the exports suppress alike: a
group (a series of a question) with 1 to SUPPRESS_BELOW - 1 respondents shows "<5" and no
counts; a group of none shows 0 (it gives nobody away). When exactly one group of a breakdown is
suppressed, the next smallest group with answers is suppressed too, so that it cannot be worked
out from the total. A hidden mean shows "–" with the reason, never "<5" (on a 1–5 scale that
reads as a value).

Shares are whole percent, rounded half up; where each respondent gives one answer (all but
multiple choice) a column is made to add up to 100 % by the largest-remainder method.

Questions of two surveys are matched by their Swedish text, options by their Swedish text and
scale answers by value, so a survey copied each year (or imported results) compare.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from samverkan.dialogue.models import (
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    ImportedCount,
    Question,
    QuestionKind,
    Response,
    Survey,
)
from samverkan.dialogue.selectors.surveys import questions_of, survey_place_names

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
# A hidden mean, or a figure of a question the previous survey did not ask.
NOT_ASKED = HIDDEN_MEAN = "–"
POINT = "__point"
NOT_STATED = "__none"


class Breakdown:
    NONE = "none"
    AREA = "area"
    GROUP = "group"
    ALL = (NONE, AREA, GROUP)


@dataclass
class Tally:
    """Counts of one survey by question: (area, group, answer) and respondents (area, group)."""

    counts: dict[str, dict[tuple[str, str, str], int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    respondents: dict[str, dict[tuple[str, str], int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )

    def count(self, question: str, answer: str, area: str | None, group: str | None) -> int:
        return sum(
            n
            for (a, g, key), n in self.counts.get(question, {}).items()
            if key == answer and _match(a, area) and _match(g, group)
        )

    def respondent_count(self, question: str, area: str | None, group: str | None) -> int:
        return sum(
            n
            for (a, g), n in self.respondents.get(question, {}).items()
            if _match(a, area) and _match(g, group)
        )


def _match(value: str, wanted: str | None) -> bool:
    if wanted is None:
        return True
    return value == ("" if wanted == NOT_STATED else wanted)


def answer_key(answer_option_sv: str | None, value: int | None, text: str, point: bool) -> str:
    if answer_option_sv is not None:
        return answer_option_sv
    if value is not None:
        return str(value)
    return text or (POINT if point else "")


def tally_of(survey: Survey) -> Tally:
    """The counts of a survey: from its answers, or from imported aggregates (two queries)."""
    tally = Tally()
    if survey.imported:
        imported = list(ImportedCount.objects.filter(survey=survey))
        for item in imported:
            tally.counts[item.question_sv][(item.area, "", item.answer)] += item.count
        # Respondents of an imported question: the sum of a one-answer question's counts, or
        # at least the largest count of a multiple choice.
        sums: dict[tuple[str, str], int] = defaultdict(int)
        tops: dict[tuple[str, str], int] = defaultdict(int)
        kinds: dict[str, str] = {}
        for item in imported:
            where = (item.question_sv, item.area)
            sums[where] += item.count
            tops[where] = max(tops[where], item.count)
            kinds[item.question_sv] = item.kind
        for (question, area), total in sums.items():
            multiple = kinds[question] == QuestionKind.MULTIPLE
            tally.respondents[question][(area, "")] = tops[(question, area)] if multiple else total
        return tally
    rows = (
        Answer.objects.filter(response__survey=survey)
        .exclude(question__kind=QuestionKind.TEXT)
        .values(
            "question__text_sv",
            "response__area",
            "response__group",
            "option__text_sv",
            "value",
            "text",
            "latitude",
        )
        .annotate(n=Count("id"))
    )
    for row in rows:
        key = answer_key(
            row["option__text_sv"], row["value"], row["text"], row["latitude"] is not None
        )
        tally.counts[row["question__text_sv"]][
            (row["response__area"], row["response__group"], key)
        ] += row["n"]
    people = (
        Answer.objects.filter(response__survey=survey)
        .values("question__text_sv", "response__area", "response__group")
        .annotate(n=Count("response", distinct=True))
    )
    for row in people:
        tally.respondents[row["question__text_sv"]][
            (row["response__area"], row["response__group"])
        ] = row["n"]
    return tally


@dataclass
class Row:
    key: str
    label: str


@dataclass
class Series:
    label: str
    respondents: int
    suppressed: bool = False
    counts: list[int] = field(default_factory=list)
    mean: float | None = None

    # False for the previous survey's series of a question it did not ask.
    asked: bool = True
    # True for the previous survey's series, which the chart labels as earlier.
    earlier: bool = False
    # True when each respondent gives one answer, so the shares add up to 100 %.
    one_answer: bool = True

    @property
    def shown_respondents(self) -> str:
        if not self.asked:
            return _("not asked")
        return SUPPRESSED if self.suppressed else str(self.respondents)

    @property
    def visible(self) -> bool:
        """Whether the series has figures to show (in the table and the chart)."""
        return self.asked and not self.suppressed and self.respondents > 0

    def percents(self) -> list[int] | None:
        if not self.visible:
            return None
        return whole_percents(
            self.counts,
            self.respondents,
            to_100=self.one_answer and sum(self.counts) == self.respondents,
        )

    def percent(self, index: int) -> int | None:
        shares = self.percents()
        return None if shares is None else shares[index]

    def cells(self) -> list[tuple[str, str]]:
        """(count, percent) as shown: "<5" and "" when suppressed, "–" when not asked."""
        if not self.asked:
            return [(NOT_ASKED, "") for _count in self.counts]
        if self.suppressed:
            return [(SUPPRESSED, "") for _count in self.counts]
        shares = self.percents()
        return [
            (str(count), "" if shares is None else f"{shares[index]} %")
            for index, count in enumerate(self.counts)
        ]


def whole_percents(counts: list[int], total: int, *, to_100: bool) -> list[int]:
    """Each count as a whole percent of `total`, rounded half up (22.5 → 23).

    With `to_100` (the counts share the total out) the largest-remainder method is used
    instead, so the column adds up to exactly 100: each share is rounded down, and the points
    left go to the largest remainders (ties: the larger count, then the first row).
    """
    if total <= 0:
        return [0 for _count in counts]
    if not to_100:
        return [(200 * count + total) // (2 * total) for count in counts]
    shares = [100 * count // total for count in counts]
    left = 100 - sum(shares)
    order = sorted(
        range(len(counts)),
        key=lambda i: (-(100 * counts[i] % total), -counts[i], i),
    )
    for index in order[:left]:
        shares[index] += 1
    return shares


@dataclass
class QuestionResult:
    question: Question
    rows: list[Row]
    series: list[Series]
    text_answers: int = 0

    @property
    def answered(self) -> bool:
        """Whether anyone answered the question (in any series)."""
        return any(series.respondents > 0 for series in self.series)

    def table(self) -> list[tuple[str, list[str]]]:
        """Each answer's label and its cell per series: "count (share)", or "<5"."""
        columns = [series.cells() for series in self.series]
        return [
            (
                row.label,
                [
                    f"{cells[i][0]} ({cells[i][1]})" if cells[i][1] else cells[i][0]
                    for cells in columns
                ],
            )
            for i, row in enumerate(self.rows)
        ]


def rows_of(question: Question, places: list[str]) -> list[Row]:
    if question.kind == QuestionKind.SCALE:
        rows = []
        for value in range(SCALE_MIN, SCALE_MAX + 1):
            label = str(value)
            if value == SCALE_MIN and question.low_label:
                label = f"1 – {question.low_label}"
            elif value == SCALE_MAX and question.high_label:
                label = f"5 – {question.high_label}"
            rows.append(Row(str(value), label))
        return rows
    if question.kind in {QuestionKind.SINGLE, QuestionKind.MULTIPLE}:
        return [Row(option.text_sv, option.text) for option in question.options.all()]
    if question.kind == QuestionKind.PLACE:
        return [*(Row(name, name) for name in places), Row(POINT, _("a point on the map"))]
    return []


def _other_places(tally: Tally, question: Question, places: list[str]) -> list[str]:
    """Names in a place question's answers that are no longer offered (a place renamed or
    removed since): still counted, or they could be worked out from the total."""
    if question.kind != QuestionKind.PLACE:
        return []
    found = {key for _area, _group, key in tally.counts.get(question.text_sv, {})}
    return sorted(name for name in found if name and name != POINT and name not in places)


def _series(
    tally: Tally,
    question: Question,
    rows: list[Row],
    label: str,
    area: str | None = None,
    group: str | None = None,
    *,
    asked: bool = True,
    earlier: bool = False,
) -> Series:
    key = question.text_sv
    respondents = tally.respondent_count(key, area, group)
    counts = [tally.count(key, row.key, area, group) for row in rows]
    series = Series(
        label=label,
        respondents=respondents,
        suppressed=is_suppressed(respondents),
        counts=counts,
        asked=asked,
        earlier=earlier,
        one_answer=question.kind != QuestionKind.MULTIPLE,
    )
    answered: int = sum(counts)
    if question.kind == QuestionKind.SCALE and series.visible and answered:
        weighted = sum(int(row.key) * n for row, n in zip(rows, counts, strict=True))
        series.mean = round(weighted / answered, 2)
    return series


def _suppress_complement(series: list[Series]) -> None:
    """When one group alone is hidden, hide the next smallest too (no working out by sums).

    The next smallest with answers: a group of none shows 0 and hiding it would protect nothing.
    """
    hidden = [s for s in series if s.suppressed]
    shown = [s for s in series if not s.suppressed and s.respondents > 0]
    if len(hidden) == 1 and shown:
        min(shown, key=lambda s: s.respondents).suppressed = True


def breakdown_names(survey: Survey, tally: Tally, by: str) -> list[tuple[str, str]]:
    """The (filter value, label) of each series of a breakdown.

    The survey's areas or groups, then any other name found in the answers (one removed from
    the survey after answers came in: left out, it could be worked out from the total), then
    "not stated" if anyone left it out.
    """
    position = 0 if by == Breakdown.AREA else 1
    names = list(survey.areas if by == Breakdown.AREA else survey.groups)
    found = {key[position] for keys in tally.respondents.values() for key in keys}
    names += sorted(name for name in found if name and name not in names)
    result = [(name, name) for name in names]
    if "" in found:
        result.append((NOT_STATED, _("not stated")))
    return result


def survey_results(survey: Survey, *, by: str = Breakdown.NONE) -> list[QuestionResult]:
    """Per question the rows and series to show; the previous survey is a series of its own."""
    tally = tally_of(survey)
    previous = tally_of(survey.previous) if survey.previous_id and survey.previous else None
    previous_asked = (
        asked_questions(survey.previous, previous)
        if previous is not None and survey.previous is not None
        else set()
    )
    text_counts = dict(
        Answer.objects.filter(response__survey=survey, question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .values_list("question_id")
        .annotate(n=Count("id"))
    )
    results = []
    questions = questions_of(survey)
    places = (
        survey_place_names(survey) if any(q.kind == QuestionKind.PLACE for q in questions) else []
    )
    for question in questions:
        rows = rows_of(question, places + _other_places(tally, question, places))
        if question.kind == QuestionKind.TEXT:
            results.append(
                QuestionResult(question, rows, [], text_answers=text_counts.get(question.pk, 0))
            )
            continue
        if by == Breakdown.NONE:
            series = [_series(tally, question, rows, survey.title)]
            if previous is not None and survey.previous is not None:
                series.append(
                    _series(
                        previous,
                        question,
                        rows,
                        survey.previous.title,
                        asked=question.text_sv in previous_asked,
                        earlier=True,
                    )
                )
        else:
            series = [
                _series(
                    tally,
                    question,
                    rows,
                    label,
                    area=name if by == Breakdown.AREA else None,
                    group=name if by == Breakdown.GROUP else None,
                )
                for name, label in breakdown_names(survey, tally, by)
            ]
            _suppress_complement(series)
        results.append(QuestionResult(question, rows, series))
    return results


def asked_questions(survey: Survey, tally: Tally) -> set[str]:
    """The Swedish texts of the questions a survey asked (one query, none when imported)."""
    if survey.imported:
        return set(tally.counts) | set(tally.respondents)
    return set(Question.objects.filter(section__survey=survey).values_list("text_sv", flat=True))


def is_suppressed(total: int) -> bool:
    """Whether a number of respondents is too small to show: 1 to 4 (none gives nobody away)."""
    return 0 < total < SUPPRESS_BELOW


def shown_count(total: int) -> str:
    """A number of respondents as shown: "<5" for one to four, else the number (0 too)."""
    return SUPPRESSED if is_suppressed(total) else str(total)


def response_total(survey: Survey) -> str:
    """The number of responses as shown: "<5" for one to four."""
    return shown_count(Response.objects.filter(survey=survey).count())
