"""Start-up checks (`samverkan check`, and before every `migrate`, so `samverkan run` too): what
the server lacks is said when it starts, not as a server error on the first PDF."""

from __future__ import annotations

import importlib
import shutil
import subprocess
from typing import Any

from django.core import checks

# The faces of core/static/core/documents.css; one of them must be installed.
DOCUMENT_FONTS = ("DejaVu Sans", "Liberation Sans")
DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"


@checks.register("samverkan")
def documents_can_be_printed(**kwargs: Any) -> list[checks.CheckMessage]:
    """WeasyPrint's system libraries (Pango, HarfBuzz) and a font for the documents."""
    try:
        importlib.import_module("weasyprint")
    except (OSError, ImportError) as error:
        return [
            checks.Error(
                f"PDF documents cannot be made: WeasyPrint does not load ({error}).",
                hint=f"Install its system libraries, on Debian: apt install {DEBIAN_PACKAGES}",
                id="samverkan.E001",
            )
        ]
    families = _installed_font_families()
    if families is not None and not any(font in families for font in DOCUMENT_FONTS):
        return [
            checks.Warning(
                f"None of the documents' fonts ({', '.join(DOCUMENT_FONTS)}) is installed; "
                "PDF documents will use whatever font there is.",
                hint="On Debian: apt install fonts-dejavu-core",
                id="samverkan.W001",
            )
        ]
    return []


@checks.register("samverkan")
def base_map_can_be_served(**kwargs: Any) -> list[checks.CheckMessage]:
    """The tile archive MAP_TILES_FILE names opens and holds raster tiles."""
    from samverkan.core.tiles import TileArchiveError, tile_archive

    try:
        tile_archive()
    except TileArchiveError as error:
        return [
            checks.Error(
                f"The base map cannot be served: {error}",
                hint="Name an MBTiles or PMTiles file of raster tiles in MAP_TILES_FILE, or "
                "leave it empty (docs/operations.md, 'Base map').",
                id="samverkan.E002",
            )
        ]
    return []


def _installed_font_families() -> str | None:
    """fontconfig's list of families, or None when it cannot be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run(  # noqa: S603
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
