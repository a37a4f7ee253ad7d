"""API answers are kept by the page cache and served before Django runs, as pages are: per
address, query string and Accept header, and never after a change a reader could see."""

from __future__ import annotations

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from alliance.core.pagecache.wsgi import PageCacheApplication
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def front():
    """GET through the WSGI application alliance.wsgi serves, in the test's transaction;
    answers (status, headers with lower-case names, body)."""
    application = PageCacheApplication(WSGIHandler())
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    def get(address: str, **headers) -> tuple[int, dict, bytes]:
        environ: dict = {}
        setup_testing_defaults(environ)
        path, _, query = address.partition("?")
        environ.update(
            REQUEST_METHOD="GET",
            PATH_INFO=path,
            QUERY_STRING=query,
            HTTP_HOST="testserver",
            SERVER_NAME="testserver",
            SERVER_PORT="80",
            **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
        )
        environ["wsgi.input"] = io.BytesIO(b"")
        captured = {}

        def start_response(status, response_headers, exc_info=None):
            captured["status"] = int(status.split()[0])
            captured["headers"] = {k.lower(): v for k, v in response_headers}

        chunks = application(environ, start_response)
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        return captured["status"], captured["headers"], body

    yield get
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_second_request_gets_the_stored_answer_with_its_headers(front, statement_index):
    StatementPageFactory(parent=statement_index)
    status, headers, body = front("/api/v1/statements/")
    assert status == 200 and "x-page-cache" not in headers
    status, again, stored = front("/api/v1/statements/")
    assert status == 200 and again["x-page-cache"] == "hit"
    assert stored == body
    assert again["content-type"] == "application/json"
    assert again["access-control-allow-origin"] == "*"
    assert again["etag"] == headers["etag"]
    assert front("/api/v1/statements/", if_none_match=headers["etag"])[0] == 304


def test_another_query_string_is_another_answer(front, statement_index):
    StatementPageFactory(parent=statement_index)
    front("/api/v1/statements/")
    status, headers, body = front("/api/v1/statements/?locale=es")
    assert "x-page-cache" not in headers
    assert b'"results":[]' in body


def test_a_client_that_takes_no_json_is_not_sent_the_stored_json(front, statement_index):
    front("/api/v1/statements/", accept="application/json")
    status, headers, _body = front("/api/v1/statements/", accept="text/html")
    assert status == 406 and "x-page-cache" not in headers
    assert "Accept" in front("/api/v1/statements/", accept="application/json")[1]["vary"]


def test_a_published_statement_is_in_the_next_answer(front, statement_index):
    front("/api/v1/statements/")
    StatementPageFactory(parent=statement_index, title="A new call to action")
    status, headers, body = front("/api/v1/statements/")
    assert "x-page-cache" not in headers
    assert "A new call to action" in body.decode()


def test_the_description_is_stored_too(front):
    front("/api/v1/openapi.json")
    status, headers, _body = front("/api/v1/openapi.json")
    assert status == 200 and headers["x-page-cache"] == "hit"
