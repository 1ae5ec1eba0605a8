"""The start-up checks say what the server lacks before a user meets a server error."""

from __future__ import annotations

from django.core.checks.registry import registry

from samverkan.core import checks


def test_a_server_that_can_print_passes():
    assert checks.documents_can_be_printed() == []


def test_missing_pdf_libraries_are_named_with_the_packages_to_install(monkeypatch):
    def no_pango(name):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(checks.importlib, "import_module", no_pango)
    [error] = checks.documents_can_be_printed()
    assert error.id == "samverkan.E001"
    assert "libpango" in error.msg
    assert "apt install libpango-1.0-0" in error.hint


def test_a_server_without_the_documents_fonts_is_warned(monkeypatch):
    monkeypatch.setattr(checks, "_installed_font_families", lambda: "Noto Serif\n")
    [warning] = checks.documents_can_be_printed()
    assert warning.id == "samverkan.W001"
    assert "fonts-dejavu-core" in warning.hint


def test_the_check_runs_at_start_up():
    # registered with Django's checks, which migrate (and so samverkan run) runs first
    assert checks.documents_can_be_printed in registry.get_checks()
