"""The Nu HTML Checker on every public page type and form state, in English and Arabic.

The same pages as the accessibility tests (found the same way, with the same
temporary Arabic copies: see test_accessibility.py), each as the server sent
it, plus the stylesheet. They are saved to files and checked in one run of
vnu.jar, since starting Java is the slow part. Each page type × language is a
test: it fails on any error the checker reports for that page. Warnings are
allowed, listed in the failure message of a page that also has errors, and
written with everything else to ``test-artifacts/e2e/vnu.json``; each kind of
warning must be explained in docs/accessibility.md.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_accessibility import (
    CASES,
    FORM_PAGES,
    SitePages,
    fetch,
    prepared_pages,
    reach,
    rsvp_cancel,
    rsvp_fill,
    rsvp_send,
)

from conftest import ARTEFACTS, VNU_JAR, java

STYLESHEET = "stylesheet"
# A page with a known error, checked in the same batch: proof the checker did check.
CANARY = "canary"
CANARY_HTML = '<!DOCTYPE html><html lang="en"><title>Canary</title><img src="x.png">'


def save(folder: Path, name: str, text: str, suffix: str = ".html") -> Path:
    path = folder / f"{name}{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


def collect(browser, live_site, site_pages, folder: Path) -> tuple[dict[str, Path], dict]:
    """Each page state's HTML, as sent by the server, in a file; and what could not be had.

    Plain pages are fetched as they are; forms are sent in the browser. An RSVP
    may only be sent 3 s after its form was shown, so the replies are filled in
    first and sent last.
    """
    files: dict[str, Path] = {}
    problems: dict[str, str] = {}
    context = browser.new_context(base_url=live_site.url, viewport={"width": 360, "height": 800})
    context.set_default_timeout(15_000)

    def attempt(name: str, get_html, *args) -> None:
        try:
            files[name] = save(folder, name, get_html(*args))
        except Exception as error:  # noqa: BLE001 - reported by that page's test
            problems[name] = f"{type(error).__name__}: {error}"

    def plain(kind: str, lang: str) -> str:
        status, url, html = fetch(live_site.url + site_pages.url(FORM_PAGES.get(kind, kind), lang))
        expected = 404 if kind in ("not-found", "not-translated") else 200
        assert status == expected, f"{url} answered {status}"
        return html

    def sent(kind: str, lang: str) -> str:
        return reach(page, site_pages, kind, lang).text()

    try:
        replies = {}
        for lang in sorted({case.values[1] for case in CASES if case.values[0] == "rsvp-reply"}):
            reply_page = context.new_page()
            try:
                replies[lang] = (reply_page, rsvp_fill(reply_page, site_pages, lang))
            except Exception as error:  # noqa: BLE001 - reported by that page's test
                problems[f"rsvp-reply-{lang}"] = f"{type(error).__name__}: {error}"
        page = context.new_page()
        for case in CASES:
            kind, lang = case.values
            if kind == "rsvp-reply":
                continue
            if kind.endswith("-errors"):
                attempt(f"{kind}-{lang}", sent, kind, lang)
            else:
                attempt(f"{kind}-{lang}", plain, kind, lang)
        for lang, (reply_page, shown) in replies.items():
            attempt(f"rsvp-reply-{lang}", lambda p, t: rsvp_send(p, t).text(), reply_page, shown)
            attempt(f"rsvp-cancelled-{lang}", lambda p: rsvp_cancel(p).text(), reply_page)
        _status, _url, home = fetch(live_site.url + site_pages.url("home", "en"))
        stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', home).group(1)
        _status, _url, css = fetch(live_site.url + stylesheet)
        files[STYLESHEET] = save(folder, STYLESHEET, css, ".css")
        files[CANARY] = save(folder, CANARY, CANARY_HTML)
    finally:
        context.close()
    return files, problems


@pytest.fixture(scope="module")
def site_pages(live_site) -> Iterator[SitePages]:
    """The page list of test_accessibility, with its own temporary translations."""
    yield from prepared_pages(live_site)


@pytest.fixture(scope="module")
def checked(browser, live_site, site_pages, tmp_path_factory) -> dict:
    """vnu's messages for every page state, by name, from one run of the checker."""
    folder = tmp_path_factory.mktemp("html")
    files, problems = collect(browser, live_site, site_pages, folder)
    done = subprocess.run(  # noqa: S603
        [
            java(),
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            "--also-check-css",
            *(str(path) for path in files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    by_file = {path.name: name for name, path in files.items()}
    messages: dict[str, list] = {name: [] for name in files}
    strays = []
    for message in report["messages"]:
        name = by_file.get(message.get("url", "").rsplit("/", 1)[-1])
        if name is None:
            strays.append(message)
        else:
            messages[name].append(message)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "vnu.json").write_text(
        json.dumps({"pages": messages, "other": strays}, indent=2) + "\n"
    )
    return {"messages": messages, "problems": problems, "strays": strays}


def is_error(message: dict) -> bool:
    # "non-document-error" is the checker failing to read a file: as bad as an error.
    return message["type"] in ("error", "non-document-error") or message.get("subType") == "fatal"


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"  {m['type']}{'/' + m['subType'] if m.get('subType') else ''}"
        f" line {m.get('lastLine', '?')}: {m['message']}  [{m.get('extract', '').strip()}]"
        for m in messages
    )


def assert_valid(checked: dict, name: str) -> None:
    assert name not in checked["problems"], checked["problems"].get(name)
    assert name in checked["messages"], f"{name} was not checked"
    messages = checked["messages"][name]
    errors = [m for m in messages if is_error(m)]
    warnings = [m for m in messages if not is_error(m) and m.get("subType") == "warning"]
    assert not errors, f"the Nu HTML Checker finds errors in {name}:\n{describe(errors)}" + (
        f"\nand warnings:\n{describe(warnings)}" if warnings else ""
    )


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_valid_html(checked, kind, lang):
    assert_valid(checked, f"{kind}-{lang}")
    if kind == "rsvp-reply":
        assert_valid(checked, f"rsvp-cancelled-{lang}")


def test_valid_css(checked):
    assert_valid(checked, STYLESHEET)


def test_the_checker_reports_errors(checked):
    errors = [m for m in checked["messages"][CANARY] if is_error(m)]
    assert any("alt" in m["message"] for m in errors), checked["messages"][CANARY]


def test_every_message_belongs_to_a_checked_file(checked):
    """A message the checker gives for no file of ours would otherwise go unseen."""
    assert not checked["strays"], describe(checked["strays"])
