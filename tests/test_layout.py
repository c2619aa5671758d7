"""The layout's import rules, as the README's table states them: each folder imports only what is
below it, so the shared core and the research data never depend on the news app or the site."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAY_IMPORT = {
    "core": set(),
    "research": {"core"},
    "newsroom": {"core", "research"},
    "public": {"core", "research", "newsroom"},
    "desk": {"core", "research", "newsroom"},
    "api": {"core", "research", "newsroom"},
    "press": {"core", "research", "newsroom"},
}


def project_imports(path):
    """The project apps a module imports, by top-level package name."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & (set(MAY_IMPORT) | {"config"})


@pytest.mark.parametrize("app", MAY_IMPORT)
def test_an_app_imports_only_the_apps_below_it(app):
    offending = {
        str(path.relative_to(ROOT)): sorted(project_imports(path) - MAY_IMPORT[app] - {app})
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    }
    assert {module: names for module, names in offending.items() if names} == {}


@pytest.mark.parametrize("app", MAY_IMPORT)
def test_no_module_is_longer_than_a_reader_can_hold(app):
    long_modules = {
        str(path.relative_to(ROOT)): length
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and (length := len(path.read_text().splitlines())) > 360
    }
    assert long_modules == {}
