"""The coordinator imports the year's implementation plan from a spreadsheet saved as CSV: the
worker reads it while its page shows the progress, then the preview shows a responsible party
the council does not know, the coordinator says which
organisation it is, checks again, imports, and sees the activities in the plan. And keeps the
cooperation agreement and links the activities that fulfil a citizen promise."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from samverkan.demo.loader import DEMO_PASSWORD, load_demo
from samverkan.organisations import services as org_services
from samverkan.organisations.models import OrganisationAlias
from samverkan.plans.models import Activity, Agreement, DocumentImport, PromiseSet
from tests.browser import ui
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

READ = exactly("Read the document", "Läs dokumentet")
CHECK_AGAIN = exactly("Check again", "Kontrollera igen")
IMPORT = exactly("Import", "Importera")
PREVIEW_ATTACHMENT = re.compile("^(Preview the import|Förhandsgranska importen)")
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
    visitor: Visitor, users, council, settings, tmp_path: Path
):
    # given the real queue in the database, and no worker running until the story says so
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    kbab = org_services.organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )
    csv = tmp_path / "genomforandeplan-2018.csv"
    csv.write_text(PLAN_CSV, encoding="utf-8")
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["coordinator"].username)

    # The upload waits for the worker to read the file, with a progress bar; the worker reads
    # it and the page moves on by itself to what would be saved; nothing is saved yet.
    visitor.visit("/councils/koping/plans/import/")
    page.get_by_label(exactly("Document", "Dokument")).set_input_files(str(csv))
    visitor.field("year").fill("2018")
    visitor.submit(READ)
    expect(page.get_by_role("heading", level=1)).to_contain_text("genomforandeplan-2018.csv")
    expect(main.get_by_role("progressbar")).to_be_visible()
    call_command("worker", "--once", verbosity=0)
    expect(page.get_by_role("heading", level=1)).to_have_text(PREVIEW_TITLE, timeout=30_000)
    visitor.check()
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

    # A file that is no plan document: the worker refuses it, and its page says why.
    shopping = tmp_path / "inkopslista.txt"
    shopping.write_text("Mjölk, bröd och smör.\n", encoding="utf-8")
    visitor.visit("/councils/koping/plans/import/")
    page.get_by_label(exactly("Document", "Dokument")).set_input_files(str(shopping))
    visitor.submit(READ)
    call_command("worker", "--once", verbosity=0)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(
        containing("The document could not be imported", "Dokumentet kunde inte importeras"),
        timeout=30_000,
    )
    expect(alert).to_contain_text(containing("Nothing was saved.", "Inget sparades."))
    visitor.check()


ADD_COMMITMENT = exactly("Add a commitment", "Lägg till ett åtagande")
ADD_GROUP = exactly("Add a governance body", "Lägg till en styrande grupp")
CHOOSE_ACTIVITIES = re.compile(r"^(?:Choose activities|Välj aktiviteter)\b")
EXPIRES = containing("The agreement expires in 30 days.", "Överenskommelsen upphör om 30 dagar.")


def test_coordinator_keeps_the_agreement_and_links_activities_to_a_promise(open_visitor):
    load_demo()
    coordinator: Visitor = open_visitor()
    page = coordinator.page
    main = page.get_by_role("main")
    coordinator.log_in("samordnare", DEMO_PASSWORD)
    agreement = Agreement.objects.get(council__slug="koping-bra")
    promise_set = PromiseSet.objects.get(council__slug="koping-bra")

    # The seed's agreement: its commitments, groups linked to the council's bodies, signatories.
    coordinator.visit(f"/councils/koping-bra/plans/agreements/{agreement.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samverkansöverenskommelse 2")
    expect(main).to_contain_text("Arbetsutskottet")
    expect(main).to_contain_text("Lokalpolisområdeschef")

    # A fifth commitment: refused empty, saved with its text.
    coordinator.follow(ADD_COMMITMENT)
    coordinator.submit(ui.SAVE)
    expect(page.get_by_role("alert")).to_contain_text(ui.ERROR_SUMMARY)
    coordinator.field("text").fill("Parterna följer upp överenskommelsen varje kvartal.")
    coordinator.submit(ui.SAVE)
    expect(main).to_contain_text("Parterna följer upp överenskommelsen varje kvartal.")
    assert agreement.commitments.count() == 5

    # A working group, linked to a body of the council.
    coordinator.follow(ADD_GROUP)
    coordinator.field("name").fill("arbetsgrupp Nygård")
    coordinator.field("kind").select_option("working_group")
    coordinator.field("body").select_option(label="Projektgruppen Nygård")
    coordinator.submit(ui.SAVE)
    groups = main.get_by_role("table", name=exactly("Governance bodies", "Styrande grupper"))
    expect(groups).to_contain_text("Projektgruppen Nygård")

    # Ending in 30 days, the page says so.
    Agreement.objects.filter(pk=agreement.pk).update(
        valid_to=timezone.localdate() + dt.timedelta(days=30)
    )
    coordinator.visit(f"/councils/koping-bra/plans/agreements/{agreement.pk}/")
    expect(main).to_contain_text(EXPIRES)

    # The other forms of the agreement and of the promises open, each with its own heading.
    first = promise_set.promises.order_by("position").first()
    commitment = agreement.commitments.first()
    group = agreement.governance_bodies.first()
    assert first is not None
    assert commitment is not None
    assert group is not None
    ag = "/councils/koping-bra/plans/agreements/"
    ps = "/councils/koping-bra/plans/promises/"
    for path in [
        f"{ag}new/",
        f"{ag}{agreement.pk}/edit/",
        f"{ag}commitments/{commitment.pk}/edit/",
        f"{ag}{agreement.pk}/parties/new/",
        f"{ag}groups/{group.pk}/edit/",
        f"{ag}{agreement.pk}/signatories/new/",
        f"{ps}new/",
        f"{ps}{promise_set.pk}/edit/",
        f"{ps}{promise_set.pk}/signatories/new/",
        f"{ps}{promise_set.pk}/promises/new/",
        f"{ps}promise/{first.pk}/edit/",
    ]:
        coordinator.visit(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()

    # The first promise is fulfilled by an activity of the year's plan.
    coordinator.visit(f"/councils/koping-bra/plans/promises/{promise_set.pk}/")
    coordinator.follow(CHOOSE_ACTIVITIES, scope=page.locator(f"#promise-{first.pk}").locator(".."))
    activity = Activity.objects.filter(plan__year=2018).order_by("position").first()
    assert activity is not None
    page.locator(f"input[name=activities][value='{activity.pk}']").check()
    coordinator.submit(ui.SAVE)
    expect(page.locator(f"#promise-{first.pk}").locator("..")).to_contain_text(activity.text[:30])
    assert list(first.activities.all()) == [activity]

    # The minutes' attachments are imported already: none waits.
    coordinator.visit("/councils/koping-bra/plans/import/attachments/")
    expect(main).to_contain_text(
        containing("No attachment waits to be imported.", "Ingen bilaga väntar på att importeras.")
    )

    # Had the promises not been imported, their attachment waits, and opens in the same preview.
    DocumentImport.objects.filter(council=promise_set.council, kind="promises").delete()
    coordinator.visit("/councils/koping-bra/plans/import/attachments/")
    coordinator.submit(PREVIEW_ATTACHMENT)
    expect(page.get_by_role("heading", level=1)).to_have_text(PREVIEW_TITLE)
    expect(main).to_contain_text(promise_set.promises.order_by("position")[0].text[:30])
