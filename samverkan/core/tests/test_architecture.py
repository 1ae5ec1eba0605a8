"""The floors of `docs/architecture.md`: an import never runs upward, and no new cycle appears.

Read from the source (every module outside tests and migrations, its imports at any depth,
lazy ones inside functions included), so that a change that reaches up a floor fails here
before a reviewer has to find it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
DOCS = PACKAGE.parent / "docs" / "architecture.md"

# From the ground up. An app may import its own floor and those below it.
FLOORS: list[set[str]] = [
    {"core"},
    {"organisations", "accounts", "webhooks"},
    {"meetings", "plans", "incidents", "dialogue"},
    {"insights"},
    {"api", "demo", "opendata"},
]
# The package's own modules sit above every app: they assemble the site.
TOP = {"settings", "env", "urls", "wsgi", "cli", "__main__", "bench"}
# Packages of data, not code, that any floor may read: Django's date formats, the seed minutes.
DATA = {"formats", "seeds"}

# Cycles that existed when the test was written, each with why it stands. No other may appear.
# organisations' pages and its person-linking service ask accounts who may do what, and
# accounts' roles point at organisations' councils: one floor, two apps, kept apart by
# responsibility (the people of a council; the logins and their rights).
KNOWN_CYCLES = {frozenset({"organisations", "accounts"})}


def _floor_of(unit: str) -> int:
    if unit in TOP:
        return len(FLOORS)
    if unit in DATA:
        return 0
    for number, apps in enumerate(FLOORS):
        if unit in apps:
            return number
    raise AssertionError(f"{unit} is on no floor: add it to FLOORS and to docs/architecture.md")


def _unit(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def _sources() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts)
    ]


def _imports(path: Path) -> set[str]:
    """The units of the package this module imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "samverkan":  # `from samverkan import demo`, not `__version__`
                names = [
                    f"samverkan.{alias.name}"
                    for alias in node.names
                    if (PACKAGE / alias.name).is_dir() or (PACKAGE / f"{alias.name}.py").exists()
                ]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {name.split(".")[1] for name in names if name.startswith("samverkan.")}
    return found


def _edges() -> dict[str, dict[str, list[str]]]:
    """unit → unit it imports → the modules that do."""
    edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in _sources():
        unit = _unit(path)
        for target in _imports(path) - {unit}:
            edges[unit][target].append(str(path.relative_to(PACKAGE.parent)))
    return edges


def test_every_app_stands_on_a_floor():
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")} - DATA
    placed = set().union(*FLOORS)
    assert packages <= placed, f"packages on no floor: {sorted(packages - placed)}"
    assert placed <= packages, f"floors name apps that do not exist: {sorted(placed - packages)}"


def test_the_architecture_page_names_every_app():
    page = DOCS.read_text(encoding="utf-8")
    missing = [app for app in sorted(set().union(*FLOORS)) if f"`{app}`" not in page]
    assert not missing, f"docs/architecture.md does not describe {missing}"


def test_no_import_runs_upward():
    upward = [
        f"{module} imports samverkan.{target} ({unit} is below {target})"
        for unit, targets in _edges().items()
        for target, modules in targets.items()
        if _floor_of(target) > _floor_of(unit)
        for module in modules
    ]
    assert not upward, "\n".join(upward)


def test_the_ground_floor_imports_no_app():
    edges = _edges()
    assert set(edges.get("core", {})) == set(), dict(edges.get("core", {}))


def test_no_new_cycle_between_apps():
    edges = {unit: set(targets) for unit, targets in _edges().items()}
    cycles: set[frozenset[str]] = set()

    def walk(start: str, node: str, trail: list[str]) -> None:
        for target in edges.get(node, ()):
            if target == start:
                cycles.add(frozenset(trail))
            elif target not in trail and target not in TOP:
                walk(start, target, [*trail, target])

    for unit in edges:
        walk(unit, unit, [unit])
    assert cycles <= KNOWN_CYCLES, f"new cycles: {[sorted(c) for c in cycles - KNOWN_CYCLES]}"


def test_the_checks_see_an_upward_import(tmp_path):
    # given a module of core that imports an app
    module = tmp_path / "leak.py"
    module.write_text("def f():\n    from samverkan.incidents.models import Incident\n")
    # then the reader finds it, lazy as it is
    assert _imports(module) == {"incidents"}
    assert _floor_of("incidents") > _floor_of("core")
