"""The deployment files in deploy/ are what systemd and the documentation expect."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
INSTALLED = "/opt/samverkan/venv/bin/samverkan"


def test_there_is_a_unit_for_the_web_server_and_one_for_the_worker():
    assert [unit.name for unit in UNITS] == ["samverkan-web.service", "samverkan-worker.service"]


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_systemd_accepts_the_unit(unit, tmp_path):
    verify = shutil.which("systemd-analyze")
    assert verify, "systemd-analyze (Debian's systemd) checks the units"
    # the unit as installed, with this checkout's command where the installed one would be
    command = Path(sys.executable).parent / "samverkan"
    checked = tmp_path / unit.name
    checked.write_text(unit.read_text().replace(INSTALLED, str(command)))
    result = subprocess.run(  # noqa: S603
        [verify, "verify", str(checked)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_the_units_read_the_documented_environment_file(unit):
    text = unit.read_text()
    assert "EnvironmentFile=/etc/samverkan/env" in text
    assert "UMask=0077" in text  # files the platform makes are private
    assert "--no-worker" in text or "worker" in unit.name  # the worker is its own service


def test_the_example_environment_names_only_settings_that_exist():
    settings_source = (Path(__file__).resolve().parents[2] / "settings.py").read_text()
    names = [
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in (DEPLOY / "samverkan.env.example").read_text().splitlines()
        if "=" in line and line.lstrip("# ")[:1].isupper() and " " not in line.split("=", 1)[0]
    ]
    assert "DATABASE_URL" in names
    for name in names:
        assert f'"{name}"' in settings_source, f"{name} is read nowhere in settings.py"
