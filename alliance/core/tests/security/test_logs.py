"""The process log names no reader: no address, no username typed, no private link.

What the configured handler writes is read back at DEBUG level, so nothing at any level
carries them.
"""

from __future__ import annotations

import io
import logging
import time

import pytest
from django.test import Client

from alliance.core.logs import WithoutPrivateDetails
from alliance.core.spam import form_token
from alliance.events.tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"


@pytest.fixture
def process_log():
    """What the site's own log handler writes, at every level, while the test runs."""
    root = logging.getLogger()
    handlers = [
        handler
        for handler in root.handlers
        if any(isinstance(f, WithoutPrivateDetails) for f in handler.filters)
    ]
    assert handlers, "the log handler of settings.LOGGING filters private details"
    stream = io.StringIO()
    streams = [handler.setStream(stream) for handler in handlers]
    levels = {name: logging.getLogger(name).level for name in ("", "axes", "django")}
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield stream
    for handler, old in zip(handlers, streams, strict=True):
        handler.setStream(old)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_failed_sign_ins_log_neither_the_address_nor_the_username(client, process_log):
    for _ in range(6):
        client.post(
            "/en/account/login/",
            {"username": "rosa.private", "password": "wrong-password-000"},
            REMOTE_ADDR=ADDRESS,
        )
    text = process_log.getvalue()
    assert "AXES: New login failure" in text
    assert ADDRESS not in text
    assert "rosa.private" not in text


def test_a_csrf_failure_on_a_private_link_does_not_log_the_link(event_index, process_log):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True)
    reply = {"name": "Rosa", "party_size": "1", "fax": "", "token": form_token(time.time() - 30)}
    private = Client().post(event.url, reply)["Location"].split("?")[0]
    secret = private.rstrip("/").rsplit("/", 1)[-1]

    response = Client(enforce_csrf_checks=True).post(private, {"cancel": "1"})
    assert response.status_code == 403
    text = process_log.getvalue()
    assert "Forbidden (CSRF" in text
    assert secret not in text


def test_a_missing_page_is_logged_without_its_path(client, process_log):
    client.get("/en/confirm/a-private-looking-secret-7Hq2/")
    text = process_log.getvalue()
    assert "Not Found" in text
    assert "a-private-looking-secret-7Hq2" not in text
