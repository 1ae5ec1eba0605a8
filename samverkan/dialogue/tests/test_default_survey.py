"""The default survey follows the police's yearly safety survey."""

from __future__ import annotations

from samverkan.dialogue.models import QuestionKind, SurveyStatus
from samverkan.dialogue.selectors.surveys import questions_of, sections_of


def test_the_default_survey_asks_the_police_survey_items(draft):
    texts = " ".join(q.text_sv for q in questions_of(draft))
    for item in [
        "Klotter",
        "Nedskräpning",
        "Skadegörelse",
        "Dåligt upplysta platser",
        "Mopeder på gång- och cykelvägar",
        "Ungdomsgäng som stör ordningen",
        "Störande trafik",
        "Berusade personer utomhus",
        "Inbrott",
        "Stöld",
        "Misshandel",
        "sent en kväll",
    ]:
        assert item in texts, item
    kinds = [q.kind for q in questions_of(draft)]
    assert kinds.count(QuestionKind.SCALE) == 12
    assert QuestionKind.PLACE in kinds
    assert all(q.text_en for q in questions_of(draft))
    assert [s.title_sv for s in sections_of(draft)][0] == "Problem i ditt bostadsområde"
    assert draft.status == SurveyStatus.DRAFT
    assert draft.areas == ["Nygård", "Centrum", "Malmön"]
