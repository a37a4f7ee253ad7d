"""Security headers on every kind of page, and pages that run only the site's own scripts."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
from alliance.newsroom.tests.factories import StatementPageFactory

from .public_forms import DATA_SCRIPT_TYPES, soup_of

pytestmark = pytest.mark.django_db


def _home(request):
    return request.getfixturevalue("home").url, 200


def _statement(request):
    index = request.getfixturevalue("statement_index")
    return StatementPageFactory(parent=index, endorsements_open=True).url, 200


def _event(request):
    index = request.getfixturevalue("event_index")
    return EventPageFactory(parent=index, rsvp_enabled=True).url, 200


def _day_of_action(request):
    index = request.getfixturevalue("event_index")
    return DayOfActionPageFactory(parent=index, slug="global-day").url, 200


def _local_action_form(request):
    index = request.getfixturevalue("event_index")
    return DayOfActionPageFactory(parent=index, slug="global-day").url + "propose/", 200


def _not_found(request):
    request.getfixturevalue("home")
    return "/en/no-such-page/", 404


def _admin(request):
    request.getfixturevalue("client").force_login(request.getfixturevalue("superuser"))
    return "/admin/", 200


PUBLIC = {
    "home": _home,
    "statement": _statement,
    "event": _event,
    "day-of-action": _day_of_action,
    "local-action-form": _local_action_form,
    "not-found": _not_found,
}
ALL = {**PUBLIC, "admin": _admin}


@pytest.fixture
def page(request, client):
    path, status = ALL[request.param](request)
    response = client.get(path)
    assert response.status_code == status
    return response


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def same_origin(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc or parts.netloc == "testserver"


# -- headers --------------------------------------------------------------------------


@pytest.mark.parametrize("page", list(ALL), indirect=True)
def test_page_carries_the_security_headers(page):
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin")
    assert page["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
    assert page["Content-Security-Policy"]
    features = {part.strip() for part in page["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"} <= features


@pytest.mark.parametrize("page", list(PUBLIC), indirect=True)
def test_public_page_policy_allows_only_the_sites_own_scripts_and_no_framing(page):
    directives = policy(page)
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert page["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("page", ["admin"], indirect=True)
def test_admin_policy_lets_only_the_admin_frame_itself(page):
    directives = policy(page)
    assert directives["frame-ancestors"] == ["'self'"]
    assert "*" not in directives["script-src"]
    assert all(same_origin(source) or source.startswith("'") for source in directives["script-src"])


# -- what public pages load -----------------------------------------------------------


@pytest.mark.parametrize("page", list(PUBLIC), indirect=True)
def test_public_page_has_no_inline_script(page):
    soup = soup_of(page)
    for script in soup.find_all("script"):
        if script.get("src"):
            assert same_origin(script["src"]), script
            assert not (script.string or "").strip(), script
        else:
            assert script.get("type") in DATA_SCRIPT_TYPES, script
    handlers = [
        (element.name, attribute)
        for element in soup.find_all(True)
        for attribute in element.attrs
        if attribute.lower().startswith("on")
    ]
    assert handlers == []


@pytest.mark.parametrize("page", list(PUBLIC), indirect=True)
def test_public_page_loads_nothing_from_another_host(page):
    soup = soup_of(page)
    references = [
        element.get(attribute)
        for tag, attribute in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("video", "src"),
            ("audio", "src"),
        )
        for element in soup.find_all(tag)
        if element.get(attribute)
    ]
    assert [url for url in references if not same_origin(url)] == []


@pytest.mark.parametrize("page", ["admin"], indirect=True)
def test_the_admin_asks_no_other_host_for_avatars(page):
    # Gravatar would get a hash of each editor's e-mail address.
    assert "gravatar" not in page.content.decode().lower()
    avatars = [img["src"] for img in soup_of(page).select("img.avatar, .avatar img")]
    assert all(same_origin(src) for src in avatars)
