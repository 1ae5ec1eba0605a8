"""A release: the wheel built from the checkout carries compiled translations, so that an
install outside the checkout speaks Swedish; the version shows in the footer and /healthz."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from django.urls import reverse

import samverkan

ROOT = Path(samverkan.__file__).resolve().parents[1]


@pytest.mark.django_db
def test_the_version_is_in_the_footer_and_in_healthz(client):
    page = client.get(reverse("organisations:home")).content.decode()
    health = json.loads(client.get(reverse("core:healthz")).content)

    assert f"Samverkan {samverkan.__version__}" in page
    assert health["version"] == samverkan.__version__
    assert samverkan.__version__[0].isdigit()


def test_the_built_wheel_speaks_swedish_outside_a_checkout(tmp_path):
    # given a wheel built from a clean copy of the checkout (.mo files are not in git, and a
    # build/ left by an earlier build would hide their absence)
    source = tmp_path / "source"
    listed = subprocess.run(  # noqa: S603
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", tmp_path],
        check=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("samverkan-*.whl"))
    # installed into a fresh environment that borrows only the dependencies of this one
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)  # noqa: S603
    python = venv / "bin" / "python"
    purelib = subprocess.run(  # noqa: S603
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(  # noqa: S603
        [python, "-m", "pip", "install", "-q", "--no-deps", "--ignore-installed", str(wheel)],
        check=True,
        timeout=120,
    )

    # when it is asked for a Swedish word, far from the checkout
    code = (
        "import os, django, samverkan; os.environ['DJANGO_SETTINGS_MODULE'] = 'samverkan.settings';"
        "django.setup(); from django.utils import translation; translation.activate('sv');"
        "print(samverkan.__file__); print(translation.gettext('Scheduled jobs'))"
    )
    environment = {
        key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "DATABASE_URL"}
    }
    environment["SAMVERKAN_VAR_DIR"] = str(tmp_path / "var")
    result = subprocess.run(  # noqa: S603
        [python, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr

    # then it is the installed package, and it answers in Swedish
    where, word = result.stdout.splitlines()
    assert where.startswith(str(venv))
    assert word == "Schemalagda jobb"


def test_the_licence_is_declared_as_an_spdx_expression_with_its_text():
    # The table form of `license` stops being accepted by setuptools on 2027-02-18.
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    assert project["license"] == "EUPL-1.2"
    assert project["license-files"] == ["LICENSE"]
    assert (
        (ROOT / "LICENSE")
        .read_text(encoding="utf-8")
        .startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    )


def test_the_changelog_has_an_unreleased_section_and_one_for_the_version():
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    headings = [
        line
        for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]

    assert headings[0] == "## Unreleased"
    assert f"## {version}" in headings
