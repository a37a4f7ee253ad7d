"""Templates keep to the layers between apps, as Python imports do (import-linter).

A template in one app may ``{% load %}``, ``{% include %}`` or ``{% extends %}`` what its own
app or an app in a lower layer provides, never a higher or a sibling app's; the project's own
templates (``alliance/templates``: the site shell, home and about) may use every app. The
layers are read from the import-linter contract in pyproject.toml, so there is one list.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
PROJECT_TEMPLATES = PACKAGE / "templates"
# Every page's template extends the site shell, which the project provides to all apps.
SHELL = {"base.html"}
TAG = re.compile(r"{%\s*(load|include|extends)\s+([^%]+?)\s*%}")


def app_layers() -> dict[str, int]:
    """Each app's layer, 0 at the top, from the import-linter contract."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    layers = {}
    for depth, layer in enumerate(contract["layers"]):
        for module in re.split(r"[|:]", layer):
            layers[module.strip().removeprefix("alliance.")] = depth
    return layers


def tag_libraries() -> dict[str, str]:
    """The project's template tag libraries, by name, with the app that owns each."""
    return {
        module.stem: module.parent.parent.name
        for module in PACKAGE.glob("*/templatetags/*.py")
        if module.stem != "__init__"
    }


def template_owners() -> dict[str, str]:
    """Template folder name (``events/…``) to the app that holds it."""
    return {
        folder.name: folder.parent.parent.name
        for folder in PACKAGE.glob("*/templates/*")
        if folder.is_dir()
    }


def used_apps(text: str, libraries: dict[str, str], owners: dict[str, str]) -> set[str]:
    """Apps whose tag libraries or templates ``text`` uses."""
    apps = set()
    for kind, argument in TAG.findall(text):
        if kind == "load":
            names = argument.split(" from ")[-1].split()
            apps.update(libraries[name] for name in names if name in libraries)
            continue
        quoted = re.match(r"[\"']([^\"']+)[\"']", argument)
        if quoted and quoted.group(1) not in SHELL:
            folder = quoted.group(1).split("/")[0]
            if folder in owners:
                apps.add(owners[folder])
    return apps


def app_templates() -> list[Path]:
    return sorted(PACKAGE.glob("*/templates/**/*.html"))


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


@pytest.mark.parametrize("template", app_templates(), ids=_name)
def test_app_template_uses_only_its_own_app_and_lower_layers(template):
    layers = app_layers()
    app = template.relative_to(PACKAGE).parts[0]
    used = used_apps(template.read_text(), tag_libraries(), template_owners())
    upward = sorted(
        other
        for other in used
        if other != app and layers.get(other, len(layers)) <= layers.get(app, len(layers))
    )
    assert upward == [], f"{template.name} uses {upward}, which are not below {app}"


def test_every_app_with_templates_has_a_layer():
    layers = app_layers()
    apps = {path.relative_to(PACKAGE).parts[0] for path in app_templates()}
    assert apps - set(layers) == set()


def test_the_checker_sees_an_upward_load():
    libraries = {"members": "members", "alliance": "core"}
    owners = {"events": "events"}
    text = '{% load i18n members %}{% include "events/includes/when.html" %}'
    assert used_apps(text, libraries, owners) == {"members", "events"}


def test_project_templates_exist_for_the_pages_composed_from_several_apps():
    assert {"base.html", "home_page.html", "about_page.html"} <= {
        path.name for path in PROJECT_TEMPLATES.glob("*.html")
    }
