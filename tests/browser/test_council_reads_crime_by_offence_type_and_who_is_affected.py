"""The council reads reported crime per offence type against the county and the country, from
Brå's download of several areas (a neighbour's rows are left out, never summed), and a safety
survey crossed by gender and age, with a small group shown as "<5"."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from samverkan.dialogue.models import Question, ResponseSource
from samverkan.dialogue.services.answers import field_name, response_submit
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from samverkan.incidents.models import CrimeStatistic, StatisticArea
from samverkan.organisations.models import Municipality
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

STATISTICS = exactly("Reported crimes and key figures", "Anmälda brott och nyckeltal")
IMPORT_CRIMES = exactly(
    "Import reported crimes (CSV or XLSX)", "Importera anmälda brott (CSV eller XLSX)"
)
CHECK = exactly("Check the rows", "Kontrollera raderna")
IMPORT = exactly("Import all rows", "Importera alla rader")
RESULTS = exactly("Survey results", "Enkätresultat")
SHOW_CROSS = exactly("Show the cross table", "Visa korstabellen")
SAFE = (
    "Hur trygg eller otrygg känner du dig om du går ut ensam sent en kväll "
    "i ditt eget bostadsområde?"
)
BRA = (
    "Region;År;Brottstyp;Antal anmälda brott;Antal per 100 000 invånare\n"
    "Köpings kommun;2023;Skadegörelse;310;1190\n"
    "Köpings kommun;2023;Misshandel;52;200\n"
    "Köpings kommun;2022;Skadegörelse;250;960\n"
    "Arboga kommun;2023;Skadegörelse;120;880\n"
    "Västmanlands län;2023;Skadegörelse;3000;1090\n"
    "Västmanlands län;2023;Misshandel;800;290\n"
    "Riket;2023;Skadegörelse;100000;960\n"
)


def _survey(council):
    """The default survey, which asks gender and age ("Vet ej", "Vill inte svara" too), and its
    answers."""
    draft = survey_create_default(actor=None, council=council, areas=["Centrum"])
    survey = survey_publish(actor=None, survey=draft)
    questions = {q.text_sv: q for q in Question.objects.filter(section__survey=survey)}
    for gender, age, safe, times in (
        ("Kvinna", "16–29 år", "Ganska otrygg", 7),
        ("Kvinna", "30–49 år", "Ganska trygg", 6),
        ("Man", "16–29 år", "Mycket trygg", 2),
        ("Man", "30–49 år", "Mycket trygg", 9),
        ("Vill inte svara", "Vet ej", "Ganska trygg", 5),
    ):
        data = {"area": ["Centrum"], "group": [""]}
        for text, value in (("Kön", gender), ("Ålder", age), (SAFE, safe)):
            option = questions[text].options.get(text_sv=value)
            data[field_name(questions[text])] = [str(option.pk)]
        for _time in range(times):
            response_submit(
                survey=survey,
                data=data,
                answered_on=survey.created_at.date(),
                source=ResponseSource.PAPER,
            )
    return survey, questions


def test_the_council_reads_crime_by_offence_type_and_a_survey_by_gender_and_age(
    open_visitor, users, council
):
    # given a council in Köping (code 1983, Västmanlands län) and Brå's download of four areas
    Municipality.objects.filter(pk=council.municipality_id).update(code="1983")
    survey, questions = _survey(council)
    visitor: Visitor = open_visitor()
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["coordinator"].username)

    # when the coordinator imports the file through the column choice
    visitor.visit(f"/councils/{council.slug}/incidents/statistics/")
    visitor.follow(IMPORT_CRIMES, scope=main)
    visitor.field("file").set_input_files(
        {"name": "bra.csv", "mimeType": "text/csv", "buffer": BRA.encode()}
    )
    with page.expect_navigation():
        main.locator("form button[type=submit]").click()
    visitor.check()
    # the count and the region were guessed from Brå's headers
    expect(visitor.field("count")).to_have_value("3")
    expect(visitor.field("region")).to_have_value("0")
    visitor.submit(CHECK)
    # then the report says the neighbour's row is left out
    expect(main).to_contain_text("Arboga kommun")
    visitor.submit(IMPORT)
    assert CrimeStatistic.objects.filter(council=council, area=StatisticArea.COUNTY).count() == 2
    assert not CrimeStatistic.objects.filter(count=120).exists()
    # the import's page (the worker ran it) leads on to the statistics
    visitor.follow(exactly("Continue", "Fortsätt"), scope=main)

    # and the statistics page shows each offence type against the county and the country
    table = page.get_by_role("table", name=re.compile("2023"))
    expect(table).to_contain_text("Västmanlands län")
    damage = table.get_by_role("row", name=re.compile("^Skadegörelse"))
    expect(damage).to_contain_text("310")
    expect(damage).to_contain_text(re.compile(r"11[.,]9"))  # the municipality per 1,000
    expect(damage).to_contain_text(re.compile(r"10[.,]9"))  # the county per 1,000
    expect(damage).to_contain_text("+60")  # against 2022
    expect(page.get_by_role("img", name=re.compile("1[ ,]000"))).to_be_visible()

    # when the coordinator crosses the survey's feeling of safety by gender and age
    visitor.visit(f"/councils/{council.slug}/surveys/{survey.pk}/results/")
    visitor.field("first").select_option(str(questions["Kön"].pk))
    visitor.field("second").select_option(str(questions["Ålder"].pk))
    visitor.field("question").select_option(str(questions[SAFE].pk))
    visitor.submit(SHOW_CROSS)
    # then each pair of answers is a column, "Vill inte svara" and "Vet ej" too, and the two
    # young men are hidden with the next smallest of the men and of the young beside them
    cross = page.get_by_role("table", name=re.compile("^(How safe|Hur trygg)"))
    headers = cross.get_by_role("columnheader")
    expect(headers.filter(has_text="Kvinna, 16–29 år")).to_be_visible()
    expect(headers.filter(has_text="Vill inte svara, Vet ej")).to_contain_text("n=5")
    expect(headers.filter(has_text="Man, 16–29 år")).to_contain_text("n=<5")
    expect(headers.filter(has_text="Kvinna, 16–29 år")).to_contain_text("n=<5")
    expect(headers.filter(has_text="Man, 30–49 år")).to_contain_text("n=<5")
    # and a chart beside the table draws the pairs that may be shown, naming the hidden ones
    chart = page.locator("#cross").get_by_role("img", name=re.compile("^(How safe|Hur trygg)"))
    expect(chart).to_be_visible()
    expect(page.locator("#cross")).to_contain_text(
        re.compile("Man, 16–29 år: (fewer than 5|färre än 5)")
    )
    # and the same cross downloads as CSV
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("cross table|korstabellen")).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Kvinna, 16–29 år" in text
