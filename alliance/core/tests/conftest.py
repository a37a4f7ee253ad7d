"""Fixtures of the core tests: requests served through the page cache's front."""

from __future__ import annotations

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from alliance.core.pagecache.wsgi import PageCacheApplication


class Answer:
    def __init__(self, status: str, headers: list, body: bytes) -> None:
        self.status_code = int(status.split()[0])
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    @property
    def hit(self) -> bool:
        return self.headers.get("x-page-cache") == "hit"


def _through(application):
    """A function asking ``application`` for a path, as a reader's browser would."""

    def get(path: str, method: str = "GET", **headers) -> Answer:
        environ: dict = {}
        setup_testing_defaults(environ)
        path, _, query = path.partition("?")
        environ.update(
            REQUEST_METHOD=method,
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
            captured["status"], captured["headers"] = status, response_headers

        chunks = application(environ, start_response)
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        return Answer(captured["status"], captured["headers"], body)

    return get


@pytest.fixture
def served():
    """Requests through the same WSGI stack as alliance.wsgi, in the test's transaction."""
    # As Django's test client does: a request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield _through(PageCacheApplication(WSGIHandler()))
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def another_worker(served):
    """Requests through a second worker: the same store, a memory of its own."""
    return _through(PageCacheApplication(WSGIHandler()))
