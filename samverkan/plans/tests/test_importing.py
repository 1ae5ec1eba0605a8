"""Importing plan documents from the interface: upload, preview with the mapping of unknown
names, confirm all or nothing; and the same from the attachments of the council's minutes."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.core.importing.models import PendingImport
from samverkan.core.importing.text import ocr_available as _ocr_available
from samverkan.demo.loader import seed_text
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations.models import Organisation, OrganisationAlias
from samverkan.organisations.services import organisation_alias_create, organisation_create
from samverkan.plans.models import Activity, Agreement, DocumentImport, Plan, PromiseSet

UNKNOWN = (
    "Aktivitet;Ansvarig;Status\nKameror i centrum;Bostadsbolaget;pågår\nBelysning;Köpings kommun;\n"
)


@pytest.fixture
def client(client):
    """Pages in English, the language of the msgids the tests look for."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def coordinator(client, users):
    client.force_login(users["coordinator"])
    return client


@pytest.fixture
def kbab(council) -> Organisation:
    return organisation_create(actor=None, council=council, name="Köpings Bostads AB")


def _url(name: str, council, **kwargs: object) -> str:
    return reverse(f"plans:{name}", kwargs={"slug": council.slug, **kwargs})


def _upload(client, council, text: str | bytes, name: str = "plan.csv", **options: str):
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        _url("document_upload", council),
        {"file": SimpleUploadedFile(name, data), **options},
    )


def _preview(client, url: str):
    """Open a preview as the user does: the worker reads the file first (the tests' task
    backend runs the queued reading at once), and its job's page leads on to the preview."""
    response = client.get(url, follow=True)
    pages = [hop for hop, _status in response.redirect_chain]
    assert any("/plans/import/jobs/" in hop for hop in pages), pages
    return response


def _saved() -> tuple[int, ...]:
    return (
        Activity.objects.count(),
        Plan.objects.count(),
        Agreement.objects.count(),
        PromiseSet.objects.count(),
        DocumentImport.objects.count(),
        Organisation.objects.count(),
        OrganisationAlias.objects.count(),
    )


def test_the_upload_page_offers_the_kinds_and_the_attachments(coordinator, council):
    page = coordinator.get(_url("document_upload", council)).content.decode()
    assert "Recognise it" in page
    assert _url("attachment_imports", council) in page


def test_an_unknown_name_is_mapped_in_the_preview_and_remembered(coordinator, council, kbab):
    # given: a plan whose "Bostadsbolaget" the council does not know
    response = _upload(coordinator, council, UNKNOWN, year="2018")
    assert response.status_code == 302
    preview_url = response.url
    page = _preview(coordinator, preview_url).content.decode()
    assert "Bostadsbolaget" in page
    assert "Create a new organisation named “Bostadsbolaget”" in page
    assert "Choose what this name means." in page
    pending = PendingImport.objects.get()
    confirm = _url("document_confirm", council, pk=pending.pk)
    # when: importing without choosing
    before = _saved()
    refused = coordinator.post(confirm, {"choices_made": "1", "year": "2018", "map_0": ""})
    # then: refused, nothing saved
    assert refused.status_code == 400
    assert "Bostadsbolaget" in refused.content.decode()
    assert _saved() == before
    # when: choosing the housing company, checking again, then importing
    choice = {"choices_made": "1", "year": "2018", "map_0": str(kbab.pk), "remember": "on"}
    again = coordinator.post(_url("document_preview", council, pk=pending.pk), choice)
    assert f'<option value="{kbab.pk}" selected>' in again.content.decode()
    done = coordinator.post(confirm, choice)
    # then
    plan = Plan.objects.get(council=council)
    assert done.status_code == 302
    assert done.url == _url("plan_detail", council, pk=plan.pk)
    first = plan.activities.get(text="Kameror i centrum")
    assert list(first.organisations.all()) == [kbab]
    assert OrganisationAlias.objects.filter(organisation=kbab, name="Bostadsbolaget").exists()
    assert not PendingImport.objects.exists()


def test_the_preview_keeps_an_unticked_remember_and_a_new_organisation(coordinator, council, kbab):
    # given
    _upload(coordinator, council, UNKNOWN, year="2018")
    pending = PendingImport.objects.get()
    _preview(coordinator, _url("document_preview", council, pk=pending.pk))
    # when
    choice = {"choices_made": "1", "year": "2018", "map_0": "new"}
    page = coordinator.post(_url("document_preview", council, pk=pending.pk), choice)
    # then
    html = page.content.decode()
    assert '<option value="new" selected>' in html
    assert 'name="remember" id="id_remember" checked' not in html
    coordinator.post(_url("document_confirm", council, pk=pending.pk), choice)
    created = Organisation.objects.get(council=council, name="Bostadsbolaget")
    assert list(Activity.objects.get(text="Kameror i centrum").organisations.all()) == [created]
    assert not OrganisationAlias.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Aktivitet;Ansvarig;Status\nA;Köpings kommun;frobnicated\n", "frobnicated"),
        ("Aktivitet;Ansvarig;Klart\nA;Köpings kommun;2019-02-30\n", "2019-02-30"),
    ],
)
def test_a_problem_in_the_document_is_shown_with_its_line_and_blocks_the_import(
    coordinator, council, text, message
):
    # given
    _upload(coordinator, council, text, year="2018")
    pending = PendingImport.objects.get()
    # when
    page = _preview(coordinator, _url("document_preview", council, pk=pending.pk)).content.decode()
    # then
    assert "Problems that stop the import" in page
    assert "Line 2" in page
    assert message in page
    before = _saved()
    refused = coordinator.post(_url("document_confirm", council, pk=pending.pk), {"year": "2018"})
    assert refused.status_code == 400
    assert message in refused.content.decode()
    assert _saved() == before


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Aktivitet;Status\nA;klar\n", "plan.csv", "Ansvarig"),
        (bytes(range(256)) * 40, "plan.txt", "readable text"),
        (b"Protokoll\n\nInget om planer.\n", "plan.txt", "does not look like"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_clearly(
    coordinator, council, data, name, message
):
    before = _saved()
    response = _upload(coordinator, council, data, name)
    page = _preview(coordinator, response.url)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert "Nothing was saved." in page.content.decode()
    assert _saved() == before
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [(b"", "plan.csv", "empty"), (b"hej", "plan.exe", "Choose a text")],
)
def test_an_empty_or_unknown_file_is_refused_by_the_form(coordinator, council, data, name, message):
    response = _upload(coordinator, council, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PendingImport.objects.exists()


def test_the_same_document_twice_is_refused(coordinator, council):
    text = "Aktivitet;Ansvarig\nBelysning;Köpings kommun\n"
    first = _upload(coordinator, council, text, year="2018")
    pending = PendingImport.objects.get()
    coordinator.post(_url("document_confirm", council, pk=pending.pk), {"year": "2018"})
    assert first.status_code == 302
    assert Activity.objects.count() == 1
    again = _preview(coordinator, _upload(coordinator, council, text, "copy.csv").url)
    assert again.status_code == 400
    assert "already imported" in again.content.decode()
    assert Activity.objects.count() == 1


def test_someone_elses_upload_is_not_found(client, users, council):
    client.force_login(users["secretary"])
    _upload(client, council, "Aktivitet;Ansvarig\nA;Köpings kommun\n")
    pending = PendingImport.objects.get()
    client.force_login(users["coordinator"])
    assert client.get(_url("document_preview", council, pk=pending.pk)).status_code == 404


# From the minutes' attachments --------------------------------------------------------------


@pytest.fixture
def seed_minutes(council):
    organisation_create(
        actor=None,
        council=council,
        name="Polisen, lokalpolisområde Västra Mälardalen",
        short_name="Polisen",
    )
    kbab = organisation_create(actor=None, council=council, name="Köpings Bostads AB")
    organisation_alias_create(actor=None, organisation=kbab, name="KBAB")
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    return meeting


def test_the_minutes_attachments_are_imported_through_the_preview(
    coordinator, council, seed_minutes
):
    # given
    url = _url("attachment_imports", council)
    page = coordinator.get(url).content.decode()
    assert page.count("Preview the import") == 3
    agreement = list(seed_minutes.attachments.all())[1]  # promises, agreement, plan
    # when
    preview = coordinator.post(_url("attachment_import", council, pk=agreement.pk))
    assert preview.status_code == 302
    assert "Samverkansöverenskommelse 2" in _preview(coordinator, preview.url).content.decode()
    pending = PendingImport.objects.get()
    done = coordinator.post(
        _url("document_confirm", council, pk=pending.pk), {"default_year": "2018"}
    )
    # then
    imported = Agreement.objects.get(council=council)
    assert done.url == _url("agreement_detail", council, pk=imported.pk)
    assert coordinator.get(url).content.decode().count("Preview the import") == 2


def test_the_attachments_page_uses_a_fixed_number_of_queries(
    coordinator, council, seed_minutes, django_assert_num_queries
):
    with django_assert_num_queries(6):
        assert coordinator.get(_url("attachment_imports", council)).status_code == 200


def _seed_attachment(index: int) -> bytes:
    from samverkan.meetings.importers.minutes import parse_minutes

    attachment = parse_minutes(seed_text()).attachments[index]
    return f"{attachment.title}\n\n{attachment.text}".encode()


def test_the_preview_shows_the_promises_with_their_parties_and_signatories(coordinator, council):
    # given
    response = _upload(coordinator, council, _seed_attachment(0), "medborgarloften.txt")
    # when
    page = _preview(coordinator, response.url).content.decode()
    # then
    assert "Citizen promises" in page
    assert page.count("<tr><td>") == 7
    assert "the municipality, the police" in page
    assert "Roger Eklund, Kommunalråd" in page
    pending = PendingImport.objects.get()
    done = coordinator.post(_url("document_confirm", council, pk=pending.pk), {})
    promise_set = PromiseSet.objects.get(council=council)
    assert done.url == _url("promise_set_detail", council, pk=promise_set.pk)
    assert promise_set.promises.count() == 7


def test_a_kind_that_does_not_fit_the_document_is_refused(coordinator, council):
    response = _upload(coordinator, council, _seed_attachment(0), "loften.txt", kind="agreement")
    page = _preview(coordinator, response.url)
    assert page.status_code == 400
    assert "does not look like" in page.content.decode()
    assert not Agreement.objects.exists()


# The worker reads the file ---------------------------------------------------------------------


def test_the_worker_reads_the_file_once_and_its_page_leads_to_the_preview(
    coordinator, council, monkeypatch
):
    from samverkan.core.importing import text
    from samverkan.core.importing.models import ImportJob

    reads: list[str] = []
    extract = text.extract_document

    def counted(data: bytes, filename: str, **kwargs: object) -> text.ExtractedText:
        reads.append(filename)
        read: text.ExtractedText = extract(data, filename)
        return read

    monkeypatch.setattr("samverkan.plans.services.importing.extract_document", counted)
    response = _upload(coordinator, council, UNKNOWN, year="2018")
    # when the preview is opened, the reading is queued; its page shows the progress
    first = coordinator.get(response.url)
    job = ImportJob.objects.get(kind="plan_document")
    assert first.url == job.page
    assert job.state == "done"  # the tests' task backend runs it at once
    assert job.params["options"] == {"year": 2018}
    # then, read: the job's page leads to the preview with the options chosen at the upload
    assert coordinator.get(job.page).url == response.url
    page = coordinator.get(response.url).content.decode()
    assert "Kameror i centrum" in page
    assert "Bostadsbolaget" in page
    pending = PendingImport.objects.get()
    coordinator.post(
        _url("document_confirm", council, pk=pending.pk),
        {"choices_made": "1", "year": "2018", "map_0": "new"},
    )
    # the file was read once, by the worker; the preview and the import used what it read
    assert reads == ["plan.csv"]
    assert ImportJob.objects.filter(kind="plan_document").count() == 1
    assert Activity.objects.count() == 2
    job.refresh_from_db()
    assert job.result == {}  # the text read is not kept once the upload is imported


def test_the_reading_shows_its_progress_until_the_worker_has_read_the_file(
    coordinator, council, settings
):
    from samverkan.core.importing.models import ImportJob

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    before = _saved()
    response = _upload(coordinator, council, UNKNOWN, "vantande.csv", year="2018")
    job_url = coordinator.get(response.url).url
    job = ImportJob.objects.get(kind="plan_document")
    # when the worker has not read it yet
    page = coordinator.get(job_url)
    partial = coordinator.get(job_url, headers={"HX-Request": "true"})
    again = coordinator.get(response.url)
    # then the page waits with a progress bar, polled by htmx, and can be cancelled
    assert page.status_code == 200
    assert "<progress" in page.content.decode()
    assert "vantande.csv" in page.content.decode()
    assert 'hx-get="' + job_url in partial.content.decode()
    assert again.url == job_url  # left and found again: not queued twice
    assert ImportJob.objects.filter(kind="plan_document").count() == 1
    assert Activity.objects.count() == 0
    # cancelled, it says so and imports nothing
    cancelled = coordinator.post(_url("document_job_cancel", council, pk=job.pk), follow=True)
    job.refresh_from_db()
    assert job.state == "cancelled"
    assert "The reading was cancelled. Nothing was imported." in cancelled.content.decode()
    assert _saved() == before


def test_a_file_the_worker_refuses_shows_why_on_its_page_and_keeps_nothing(coordinator, council):
    from samverkan.core.importing.models import ImportJob

    response = _upload(coordinator, council, b"Protokoll\n\nInget om planer.\n", "plan.txt")
    page = _preview(coordinator, response.url)
    job = ImportJob.objects.get(kind="plan_document")
    assert job.state == "failed"
    assert page.status_code == 400
    assert "does not look like" in page.content.decode()
    assert "does not look like" in job.message
    assert 'role="alert"' in page.content.decode()
    assert _url("document_upload", council) in page.content.decode()  # the way to try again
    assert not PendingImport.objects.exists()


def test_another_kind_of_job_is_not_found_on_the_plan_document_page(coordinator, council):
    from samverkan.core.importing.models import ImportJob

    job = ImportJob.objects.create(council=council, kind="minutes", filename="p.txt", page="/")
    assert coordinator.get(_url("document_job", council, pk=job.pk)).status_code == 404


@pytest.mark.skipif(not _ocr_available(), reason="`make ocr` installs Tesseract")
def test_a_scan_is_read_by_the_worker_and_its_preview_says_how_sure_it_was(coordinator, council):
    from samverkan.core.importing.models import ImportJob
    from tests.import_corpus.scan import scanned_pdf

    lines = [
        "Köping – medborgarlöften",
        "",
        "Löftena gäller 2019-01-01 – 2020-12-31.",
        "",
        "• Polisen lovar att vara synliga i centrum fredag och lördag kväll.",
        "• Kommunen lovar att ta bort klotter inom 48 timmar.",
        "",
        "Köping den 24 maj 2018",
    ]
    response = _upload(
        coordinator, council, scanned_pdf([lines]), "medborgarloften.pdf", kind="promises"
    )
    page = _preview(coordinator, response.url).content.decode()
    job = ImportJob.objects.get(kind="plan_document")
    assert job.result["ocr"] is True
    assert "klotter" in job.result["text"]
    assert "text recognition (OCR)" in page
    assert "synliga i centrum" in page
    pending = PendingImport.objects.get()
    done = coordinator.post(_url("document_confirm", council, pk=pending.pk), {"kind": "promises"})
    promise_set = PromiseSet.objects.get(council=council)
    assert done.url == _url("promise_set_detail", council, pk=promise_set.pk)
    assert promise_set.promises.count() == 2
