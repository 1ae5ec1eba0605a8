"""Every map loads Leaflet through components/leaflet_scripts.html, which adds core/map_text.js
(every tooltip and popup takes its content as text; tests/browser/test_map_shows_names_as_text.py
shows it on the maps)."""

from __future__ import annotations

from pathlib import Path

import samverkan

PACKAGE = Path(samverkan.__file__).resolve().parent
COMPONENT = PACKAGE / "core" / "templates" / "components" / "leaflet_scripts.html"


def test_every_map_loads_leaflet_with_the_text_only_tooltips():
    assert "core/map_text.js" in COMPONENT.read_text(encoding="utf-8")
    loading_leaflet_themselves = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("templates/**/*.html")
        if path != COMPONENT and "leaflet/leaflet.js" in path.read_text(encoding="utf-8")
    ]
    assert loading_leaflet_themselves == []
