"""The coordinator imports the year's implementation plan from a spreadsheet saved as CSV: the
preview shows a responsible party the council does not know, the coordinator says which
organisation it is, checks again, imports, and sees the activities in the plan."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from samverkan.organisations import services as org_services
from samverkan.organisations.models import OrganisationAlias
from samverkan.plans.models import Activity
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

READ = exactly("Read the document", "Läs dokumentet")
CHECK_AGAIN = exactly("Check again", "Kontrollera igen")
IMPORT = exactly("Import", "Importera")
PREVIEW_TITLE = exactly("Check the import", "Kontrollera importen")
ORGANISATION_FOR = containing(
    "Organisation for “Bostadsbolaget”", "Organisation för ”Bostadsbolaget”"
)
NOT_KNOWN = containing("Choose what this name means.", "Välj vad namnet betyder.")
IMPORTED = containing("activities were imported", "aktiviteter importerades")
PLAN_CSV = (
    "Aktivitet;Ansvarig;Status\n"
    "Trygghetsvandring på Nygård;Bostadsbolaget + Köpings kommun;pågår\n"
    "Belysning i Karlsdalsparken;Köpings kommun;ej påbörjad\n"
)


def test_coordinator_imports_a_plan_and_maps_an_unknown_name(
    visitor: Visitor, users, council, tmp_path: Path
):
    kbab = org_services.organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )
    csv = tmp_path / "genomforandeplan-2018.csv"
    csv.write_text(PLAN_CSV, encoding="utf-8")
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["coordinator"].username)

    # The upload reads the file and shows what would be saved; nothing is saved yet.
    visitor.visit("/councils/koping/plans/import/")
    page.get_by_label(exactly("Document", "Dokument")).set_input_files(str(csv))
    visitor.field("year").fill("2018")
    visitor.submit(READ)
    expect(page.get_by_role("heading", level=1)).to_have_text(PREVIEW_TITLE)
    expect(main).to_contain_text("Trygghetsvandring på Nygård")
    expect(main).to_contain_text(NOT_KNOWN)
    assert not Activity.objects.exists()

    # The unknown name is the housing company; checking again keeps the choice.
    page.get_by_label(ORGANISATION_FOR).select_option(label="Köpings Bostads AB")
    visitor.submit(CHECK_AGAIN)
    expect(page.get_by_label(ORGANISATION_FOR)).to_have_value(str(kbab.pk))
    expect(main).not_to_contain_text(NOT_KNOWN)

    # Imported: the plan shows both activities, and the name is remembered.
    visitor.submit(IMPORT)
    expect(page.get_by_role("status")).to_contain_text(IMPORTED)
    expect(main).to_contain_text("Trygghetsvandring på Nygård")
    expect(main).to_contain_text("Belysning i Karlsdalsparken")
    walk = Activity.objects.get(text="Trygghetsvandring på Nygård")
    assert {o.name for o in walk.organisations.all()} == {"Köpings Bostads AB", "Köpings kommun"}
    assert OrganisationAlias.objects.filter(organisation=kbab, name="Bostadsbolaget").exists()

    # The organisation's page lists the other name.
    visitor.visit(f"/councils/koping/organisations/{kbab.pk}/")
    expect(main).to_contain_text("Bostadsbolaget")
