"""Compile the .po translation files to the .mo files Django reads, in pure Python (polib; GNU
gettext is not needed).

Used by `samverkan compiletranslations` in a checkout and by the package build (`setup.py`),
so that an installed wheel has its Swedish interface. It imports nothing of Django, so that
the build can load it by its path.
"""

from __future__ import annotations

from pathlib import Path

import polib


def translations_compile(*, locale_dir: Path, force: bool = False) -> list[Path]:
    """Compile each `*/LC_MESSAGES/*.po` under `locale_dir` whose .mo is missing or older;
    the .po files compiled."""
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(po_path)
    return compiled
