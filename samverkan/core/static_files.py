"""Static files collected once per change, not once per start.

`samverkan run` serves static files from STATIC_ROOT under hashed names, compressed
(`STATIC_MANIFEST`). Collecting and compressing every file of every app takes a minute or two,
so it is done only when the files changed: a fingerprint of every source file (name, size,
time) and the version is kept beside the collected files, and a start whose fingerprint is the
same collects nothing.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from samverkan import __version__

FINGERPRINT = ".samverkan-fingerprint"
MANIFEST = "staticfiles.json"  # ManifestStaticFilesStorage's list of hashed names


def static_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    entries = []
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
    return digest.hexdigest()


def static_collected() -> bool:
    root = Path(settings.STATIC_ROOT)
    stamp = root / FINGERPRINT
    return (
        (root / MANIFEST).is_file()
        and stamp.is_file()
        and stamp.read_text().strip() == static_fingerprint()
    )


def static_collect_if_changed() -> bool:
    """Collect (with hashed names and compressed copies) when the files changed; say whether
    it collected."""
    if static_collected():
        return False
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "samverkan", "collectstatic", "--no-input", "--clear", "-v", "0"],
        env={**os.environ, "STATIC_MANIFEST": "true"},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"collectstatic failed: {result.stderr.strip()[-2000:]}")
    (Path(settings.STATIC_ROOT) / FINGERPRINT).write_text(static_fingerprint())
    return True
