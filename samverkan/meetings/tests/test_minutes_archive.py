"""An archive (ZIP) of many minutes and notices imports at once: each file whole or not at all,
with a report saying what was imported, what was a duplicate and why a file was refused; the
same archive twice changes nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from samverkan.core.errors import ServiceError
from samverkan.demo.loader import seed_text
from samverkan.meetings.models import AgendaItem, Attendance, Meeting, MinutesImport
from samverkan.meetings.services.minutes_archive import is_archive, minutes_archive_import

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "import_corpus" / "documents"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _thirty_documents() -> dict[str, bytes]:
    files = {
        f"arkiv/{path.name}": path.read_bytes()
        for path in sorted(CORPUS.iterdir())
        if path.suffix in {".txt", ".pdf", ".docx"} and not path.name.startswith("promises")
    }
    return dict(list(files.items())[:30])


def _state() -> list[int]:
    return [m.objects.count() for m in (Meeting, AgendaItem, Attendance, MinutesImport)]


@pytest.mark.django_db
def test_an_archive_of_thirty_documents_imports_in_one_go_with_a_report(council, users):
    files = _thirty_documents()
    assert len(files) == 30
    data = _zip(files)
    assert is_archive(data)

    report = minutes_archive_import(
        actor=users["secretary"], council=council, data=data, filename="arkiv.zip"
    )

    assert len(report.entries) == 30
    assert report.imported >= 27
    imported = [entry for entry in report.entries if entry.outcome == "imported"]
    assert all(entry.meeting is not None for entry in imported)
    assert MinutesImport.objects.filter(council=council).count() == report.imported
    for entry in report.entries:
        if entry.outcome == "refused":
            assert entry.reason  # every refusal says why


@pytest.mark.django_db
def test_the_same_archive_twice_changes_nothing(council, users):
    data = _zip({"a/seed.txt": seed_text().encode(), "b/kopia.txt": seed_text().encode()})
    first = minutes_archive_import(actor=None, council=council, data=data, filename="a.zip")
    assert [entry.outcome for entry in first.entries] == ["imported", "duplicate"]
    before = _state()

    again = minutes_archive_import(actor=None, council=council, data=data, filename="a.zip")

    assert [entry.outcome for entry in again.entries] == ["duplicate", "duplicate"]
    assert _state() == before


@pytest.mark.django_db
def test_a_refused_file_leaves_nothing_behind_and_says_why(council):
    data = _zip(
        {
            "1-seed.txt": seed_text().encode(),
            "2-bild.png": b"\x89PNG\r\n\x1a\n" + b"0" * 100,
            "3-inte-protokoll.txt": "Inköpslista: mjölk, bröd och smör.".encode(),
            ".DS_Store": b"junk",
            "__MACOSX/1-seed.txt": b"junk",
        }
    )
    report = minutes_archive_import(actor=None, council=council, data=data, filename="x.zip")

    outcomes = {entry.filename: (entry.outcome, entry.reason) for entry in report.entries}
    assert set(outcomes) == {"1-seed.txt", "2-bild.png", "3-inte-protokoll.txt"}
    assert outcomes["1-seed.txt"][0] == "imported"
    assert outcomes["2-bild.png"][0] == "refused"
    assert outcomes["3-inte-protokoll.txt"][0] == "refused"
    assert all(reason for outcome, reason in outcomes.values() if outcome == "refused")
    assert Meeting.objects.filter(status="held").count() == 1


@pytest.mark.django_db
def test_an_unreadable_archive_is_refused_whole(council):
    with pytest.raises(ServiceError):
        minutes_archive_import(
            actor=None, council=council, data=b"PK\x03\x04junk", filename="x.zip"
        )
    with pytest.raises(ServiceError):
        minutes_archive_import(actor=None, council=council, data=_zip({}), filename="x.zip")
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_the_import_page_takes_an_archive_and_shows_the_report(coordinator_client, council):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    data = _zip({"seed.txt": seed_text().encode(), "bild.png": b"\x89PNG\r\n\x1a\n0000"})
    url = reverse("meetings:minutes_upload", args=[council.slug])

    response = coordinator_client.post(
        url, {"file": SimpleUploadedFile("arkiv.zip", data, content_type="application/zip")}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "seed.txt" in page
    assert "bild.png" in page
    assert "Brottsförebyggande rådet, 2018-05-24" in page
    assert Meeting.objects.filter(status="held").count() == 1


@pytest.mark.django_db
def test_a_broken_archive_on_the_import_page_is_refused_and_changes_nothing(
    coordinator_client, council
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("meetings:minutes_upload", args=[council.slug])
    response = coordinator_client.post(
        url,
        {
            "file": SimpleUploadedFile(
                "arkiv.zip", _zip({".DS_Store": b"x"}), content_type="application/zip"
            )
        },
    )
    assert response.status_code == 400
    assert Meeting.objects.count() == 0
