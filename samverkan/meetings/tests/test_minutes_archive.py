"""An archive (ZIP, or a folder for the command) of minutes, notices and promise documents
imports as one background job: each file whole or not at all, with a report per file
(imported, duplicate, needs a look with its preview, refused with its reason); the job can be
left, cancelled and resumed, and the same archive twice changes nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from samverkan.core.errors import ServiceError
from samverkan.core.importing import archive
from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.core.importing.progress import Progress
from samverkan.core.importing.services import import_job_run
from samverkan.demo.loader import seed_text
from samverkan.meetings.models import AgendaItem, Attendance, Meeting, MinutesImport
from samverkan.plans.models import DocumentImport, Promise, PromiseSet

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "import_corpus" / "documents"
PROMISES = (CORPUS / "hand-promises-1.txt").read_bytes()
# Minutes whose front page says neither time nor place as labels: the parser guesses them.
GUESSED = (CORPUS / "pdf-text-3.txt").read_bytes()


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as handle:
        for name, data in files.items():
            handle.writestr(name, data)
    return out.getvalue()


def _thirty_documents() -> dict[str, bytes]:
    """Thirty files of the corpus: minutes, notices, memory notes, PDFs and promises."""
    paths = [p for p in sorted(CORPUS.iterdir()) if p.suffix in {".txt", ".pdf", ".docx"}]
    chosen = [p for p in paths if "promises" not in p.name][:27]
    chosen += [p for p in paths if p.name.startswith("promises")][:3]
    return {f"arkiv/{path.name}": path.read_bytes() for path in chosen}


def _state() -> list[int]:
    return [
        m.objects.count()
        for m in (Meeting, AgendaItem, Attendance, MinutesImport, PromiseSet, DocumentImport)
    ]


def _import(actor: Any, council: Any, files: dict[str, bytes]) -> dict[str, Any]:
    return archive.archive_import(
        actor=actor, council=council, files=archive.zip_files(_zip(files))
    )


def _outcomes(report: dict[str, Any]) -> dict[str, str]:
    return {row["name"]: row["outcome"] for row in report["files"]}


@pytest.mark.django_db
def test_an_archive_of_thirty_documents_with_promises_imports_with_a_report(council):
    files = _thirty_documents()
    assert len(files) == 30

    report = _import(None, council, files)

    assert len(report["files"]) == 30
    assert report["counts"]["imported"] >= 28
    for row in report["files"]:
        if row["outcome"] == "imported":
            assert row["url"]
            assert row["label"]
        else:
            assert row["reason"]  # every other outcome says why
    assert MinutesImport.objects.filter(council=council).count() >= 25
    # The promise documents became the council's promises, with the party each one names.
    assert DocumentImport.objects.filter(council=council, kind="promises").count() == 3
    assert Promise.objects.filter(promise_set__council=council).count() >= 6


@pytest.mark.django_db
def test_the_same_archive_twice_changes_nothing(council):
    files = {
        "a/seed.txt": seed_text().encode(),
        "b/kopia.txt": seed_text().encode(),
        "c/loften.txt": PROMISES,
    }
    first = _import(None, council, files)
    assert list(_outcomes(first).values()) == ["imported", "duplicate", "imported"]
    before = _state()

    again = _import(None, council, files)

    assert list(_outcomes(again).values()) == ["duplicate", "duplicate", "duplicate"]
    assert _state() == before


@pytest.mark.django_db
def test_a_refused_file_leaves_nothing_behind_and_says_why(council):
    files = {
        "1-seed.txt": seed_text().encode(),
        "2-bild.png": b"\x89PNG\r\n\x1a\n" + b"0" * 100,
        "3-inte-protokoll.txt": "Inköpslista: mjölk, bröd och smör.".encode(),
        ".DS_Store": b"junk",
        "__MACOSX/1-seed.txt": b"junk",
    }
    report = _import(None, council, files)

    rows = {row["name"]: row for row in report["files"]}
    assert set(rows) == {"1-seed.txt", "2-bild.png", "3-inte-protokoll.txt"}
    assert rows["1-seed.txt"]["outcome"] == "imported"
    assert rows["2-bild.png"]["outcome"] == "refused"
    assert "PDF" in rows["2-bild.png"]["reason"]
    assert rows["3-inte-protokoll.txt"]["outcome"] == "refused"
    assert "Varken protokoll" in rows["3-inte-protokoll.txt"]["reason"]
    assert Meeting.objects.filter(status="held").count() == 1


@pytest.mark.django_db
def test_an_unreadable_archive_is_refused_whole(council):
    with pytest.raises(ServiceError):
        archive.zip_files(b"PK\x03\x04junk")
    with pytest.raises(ServiceError, match="inga filer"):
        archive.zip_files(_zip({".DS_Store": b"x"}))
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_a_file_whose_front_page_was_guessed_waits_for_a_look_at_its_preview(
    council, users, client
):
    secretary = users["secretary"]
    report = _import(secretary, council, {"gissad.txt": GUESSED})

    [row] = report["files"]
    assert row["outcome"] == "needs_look"
    assert "tiden" in row["reason"]
    assert "platsen" in row["reason"]
    assert Meeting.objects.count() == 0  # nothing saved until the secretary has looked
    client.force_login(secretary)
    preview = client.get(row["url"], follow=True)
    assert preview.status_code == 200
    assert "gissat utifrån layouten" in preview.content.decode()


def _upload(client: Any, council: Any, data: bytes) -> Any:
    url = reverse("meetings:minutes_upload", args=[council.slug])
    return client.post(
        url, {"file": SimpleUploadedFile("arkiv.zip", data, content_type="application/zip")}
    )


@pytest.mark.django_db
def test_the_import_page_queues_the_archive_and_its_page_shows_the_report(
    coordinator_client, council
):
    data = _zip({"seed.txt": seed_text().encode(), "bild.png": b"\x89PNG\r\n\x1a\n0000"})

    response = _upload(coordinator_client, council, data)

    job = ImportJob.objects.get(kind="archive")
    assert response.status_code == 302
    assert response["Location"] == job.page
    page = coordinator_client.get(job.page)
    assert page.status_code == 200
    text = page.content.decode()
    assert "1 importerade" in text
    job.refresh_from_db()
    assert job.state == ImportState.DONE  # the test's task backend runs it at once
    assert "seed.txt" in text
    assert "bild.png" in text
    assert "Brottsförebyggande rådet, 2018-05-24" in text
    assert Meeting.objects.filter(status="held").count() == 1
    # The council's archive imports list it, to find it again.
    listing = coordinator_client.get(reverse("meetings:archive_jobs", args=[council.slug]))
    assert "arkiv.zip" in listing.content.decode()


@pytest.mark.django_db
def test_a_running_archive_shows_its_bar_and_counts_and_can_be_cancelled(
    coordinator_client, council, users
):
    job = ImportJob.objects.create(
        council=council,
        kind="archive",
        started_by=users["coordinator"],
        filename="arkiv.zip",
        page="/",
        state=ImportState.RUNNING,
        done=1,
        total=4,
        result={"files": [{"name": "a.txt", "outcome": "imported"}]},
    )
    job.page = reverse("meetings:archive_job", args=[council.slug, job.pk])
    job.save()

    page = coordinator_client.get(job.page).content.decode()
    assert "1 av 4 filer" in page
    assert "Hittills: 1 importerade" in page
    partial = coordinator_client.get(job.page, headers={"HX-Request": "true"})
    assert "<progress" in partial.content.decode()

    coordinator_client.post(reverse("meetings:archive_job_cancel", args=[council.slug, job.pk]))
    job.refresh_from_db()
    assert job.cancel_requested


@pytest.mark.django_db
def test_a_cancelled_archive_keeps_the_files_done_and_stops_between_files(council, users):
    data = _zip({"1-seed.txt": seed_text().encode(), "2-loften.txt": PROMISES})
    job = ImportJob.objects.create(
        council=council, kind="archive", started_by=users["coordinator"], filename="a.zip"
    )

    def work(job: ImportJob, progress: Progress) -> dict[str, Any]:
        def cancel(_outcome: archive.FileOutcome) -> None:
            ImportJob.objects.filter(pk=job.pk).update(cancel_requested=True)

        return archive.archive_import(
            actor=job.started_by,
            council=council,
            files=archive.zip_files(data),
            job=job,
            progress=progress,
            each=cancel,
        )

    assert import_job_run(job.pk, work) == "cancelled"

    job.refresh_from_db()
    assert [row["name"] for row in job.result["files"]] == ["1-seed.txt"]
    assert Meeting.objects.filter(status="held").count() == 1
    assert PromiseSet.objects.count() == 0


@pytest.mark.django_db
def test_a_job_started_again_after_its_worker_died_continues_from_the_files_not_done(
    council, users
):
    from samverkan.meetings import tasks

    data = _zip({"1-seed.txt": seed_text().encode(), "2-loften.txt": PROMISES})
    from samverkan.core.importing.services import pending_import_create

    pending = pending_import_create(
        council_id=council.pk, user=users["coordinator"], filename="a.zip", data=data
    )
    # The worker died after the first file: its row is written, the job queued again.
    job = ImportJob.objects.create(
        council=council,
        kind="archive",
        started_by=users["coordinator"],
        pending=pending,
        filename="a.zip",
        result={"files": [{"name": "1-seed.txt", "outcome": "imported", "reason": ""}]},
    )

    assert tasks.archive_import_run.call(job.pk) == "done"

    job.refresh_from_db()
    assert [row["name"] for row in job.result["files"]] == ["1-seed.txt", "2-loften.txt"]
    assert job.result["counts"]["imported"] == 2
    assert Meeting.objects.count() == 0  # the first file was not read again
    assert PromiseSet.objects.filter(council=council).count() == 1


@pytest.mark.django_db
def test_a_broken_archive_on_the_import_page_is_refused_and_changes_nothing(
    coordinator_client, council
):
    response = _upload(coordinator_client, council, _zip({".DS_Store": b"x"}))
    assert response.status_code == 400
    assert "inga filer" in response.content.decode()
    assert ImportJob.objects.count() == 0
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_the_command_imports_a_folder_and_twice_changes_nothing(council, tmp_path):
    (tmp_path / "2018").mkdir()
    (tmp_path / "2018" / "seed.txt").write_text(seed_text())
    (tmp_path / "loften.txt").write_bytes(PROMISES)
    out = io.StringIO()

    call_command("import_archive", str(tmp_path), council=council.slug, stdout=out)

    text = out.getvalue()
    assert "2018/seed.txt: importerad" in text
    assert "loften.txt: importerad" in text
    assert "2 importerade" in text
    before = _state()
    again = io.StringIO()
    call_command("import_archive", str(tmp_path), council=council.slug, stdout=again)
    assert "0 importerade, 2 dubbletter" in again.getvalue()
    assert _state() == before
