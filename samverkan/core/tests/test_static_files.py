"""Static files are collected when they changed, and only then."""

from __future__ import annotations

import subprocess

import pytest

from samverkan.core import static_files


@pytest.fixture
def static_root(tmp_path, settings, monkeypatch):
    settings.STATIC_ROOT = tmp_path
    calls = []

    def collect(command, **kwargs):
        calls.append((command, kwargs["env"]))
        (tmp_path / static_files.MANIFEST).write_text("{}")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(static_files.subprocess, "run", collect)
    return calls


def test_the_first_start_collects_with_hashed_names(static_root):
    assert static_files.static_collect_if_changed()
    [(command, env)] = static_root
    assert command[-5:] == ["collectstatic", "--no-input", "--clear", "-v", "0"]
    assert env["STATIC_MANIFEST"] == "true"


def test_a_start_with_the_same_files_collects_nothing(static_root):
    static_files.static_collect_if_changed()
    assert not static_files.static_collect_if_changed()
    assert len(static_root) == 1


def test_a_changed_file_is_collected_again(static_root, monkeypatch):
    static_files.static_collect_if_changed()
    monkeypatch.setattr(static_files, "__version__", "99.0")  # an upgrade, or an edited file
    assert static_files.static_collect_if_changed()
    assert len(static_root) == 2


def test_a_failed_collection_is_said_not_hidden(tmp_path, settings, monkeypatch):
    settings.STATIC_ROOT = tmp_path
    monkeypatch.setattr(
        static_files.subprocess,
        "run",
        lambda command, **kw: subprocess.CompletedProcess(command, 1, "", "disk full"),
    )
    with pytest.raises(RuntimeError, match="disk full"):
        static_files.static_collect_if_changed()
    assert not static_files.static_collected()
