"""Sizes a newcomer can hold: modules under 500 lines, functions under 80.

Every ``.py`` module under ``alliance/`` counts, except migrations (generated) and tests.
A function's size runs from its ``def`` line to its last line, docstring and comments included;
a nested function counts on its own and inside the function around it.
"""

from __future__ import annotations

import ast
from pathlib import Path

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80

PACKAGE = Path(__file__).resolve().parent.parent
SKIPPED_FOLDERS = {"migrations", "tests", "__pycache__"}

# Data tables, read as tables rather than top to bottom; each says so in its docstring.
DATA_MODULES = {
    "demo/content.py",
    "demo/translations.py",
    # One flat list of declarations, read top to bottom by operators; splitting it would
    # only scatter the settings across files.
    "settings.py",
}

# What may still break a limit while it is being split (empty now). An entry that no longer
# breaks a limit fails the last test, so the list cannot outlive the splits. Keys: "path"
# for a module, "path::Qualified.name" for a function.
PENDING: set[str] = set()


def _modules() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if not SKIPPED_FOLDERS.intersection(path.relative_to(PACKAGE).parts[:-1])
    )


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _functions(tree: ast.AST, prefix: str = ""):
    """(qualified name, lines) of every function and method, nested ones included."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = f"{prefix}{node.name}"
            if not isinstance(node, ast.ClassDef):
                yield name, node.end_lineno - node.lineno + 1
            yield from _functions(node, f"{name}.")
        else:
            yield from _functions(node, prefix)


def _long_modules() -> dict[str, int]:
    long = {}
    for path in _modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            long[_name(path)] = lines
    return long


def _long_functions() -> dict[str, int]:
    long = {}
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, lines in _functions(tree):
            if lines > MAX_FUNCTION_LINES:
                long[f"{_name(path)}::{name}"] = lines
    return long


def test_the_walk_finds_the_apps_and_skips_migrations_and_tests():
    names = {_name(path) for path in _modules()}
    assert "events/models/event.py" in names
    assert not any("/migrations/" in name or "/tests/" in name for name in names)


def test_modules_are_under_500_lines():
    long = {
        name: lines
        for name, lines in _long_modules().items()
        if name not in DATA_MODULES | PENDING
    }
    assert not long, f"Split these modules by concern (lines): {long}"


def test_functions_are_under_80_lines():
    long = {name: lines for name, lines in _long_functions().items() if name not in PENDING}
    assert not long, f"Split these functions (lines): {long}"


def test_every_exemption_is_still_needed():
    needed = set(_long_modules()) | set(_long_functions())
    stale = PENDING - needed
    assert not stale, f"These are within the limits now; remove them from PENDING: {stale}"
