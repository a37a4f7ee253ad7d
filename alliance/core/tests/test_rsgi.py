"""The RSGI front: bodies read before the application runs, files sent with their headers."""

from __future__ import annotations

import asyncio
import os

import pytest
from django.contrib.auth.models import User

from alliance.core.rsgi import FileRoute, WSGIBridge, wsgi_environ


class Headers(dict):
    """What granian gives as ``scope.headers``: lower-case names, ``get_all`` for repeats."""

    def __init__(self, pairs=()):
        super().__init__()
        self.pairs = list(pairs)
        for name, value in self.pairs:
            self.setdefault(name, value)

    def get_all(self, name):
        return [value for key, value in self.pairs if key == name]


class Scope:
    proto = "http"
    http_version = "1.1"
    server = "127.0.0.1:8000"
    client = "127.0.0.1:50000"
    scheme = "http"
    authority = None

    def __init__(self, method="GET", path="/", query_string="", headers=()):
        self.method, self.path, self.query_string = method, path, query_string
        self.headers = Headers(headers)


class Protocol:
    """granian's protocol object: the body in chunks (each after ``delay`` s), the answer kept."""

    def __init__(self, chunks=(), delay=0.0, stall=False):
        self.chunks, self.delay, self.stall = list(chunks), delay, stall
        self.answer = None
        self.streamed = []

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.stall and not self.chunks:
            await asyncio.sleep(3600)
        await asyncio.sleep(self.delay)
        if self.chunks:
            return self.chunks.pop(0)
        if self.answer is None and not getattr(self, "_ended", False):
            self._ended = True
            return b""
        raise StopAsyncIteration

    def response_bytes(self, status, headers, body):
        self.answer = (status, dict(headers), bytes(body))

    def response_str(self, status, headers, body):
        self.answer = (status, dict(headers), body.encode())

    def response_empty(self, status, headers):
        self.answer = (status, dict(headers), b"")

    def response_file(self, status, headers, path):
        self.answer = (status, dict(headers), ("file", path))

    def response_stream(self, status, headers):
        self.answer = (status, dict(headers), self.streamed)
        protocol = self

        class Transport:
            async def send_bytes(self, data):
                protocol.streamed.append(bytes(data))

        return Transport()


def echo(environ, start_response):
    body = environ["wsgi.input"].read()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} ".encode(), body]


def bridge(application=echo, **options):
    settings = {"max_body": 1000, "grace": 0.2, "min_rate": 100, **options}
    return WSGIBridge(application, **settings)


def serve(app, scope, protocol):
    asyncio.run(app.__rsgi__(scope, protocol))
    return protocol.answer


def test_a_body_sent_in_pieces_reaches_the_application_whole():
    scope = Scope("POST", "/form/", headers=[("content-length", "11")])
    status, _, body = serve(bridge(), scope, Protocol([b"hello ", b"world"], delay=0.01))
    assert (status, body) == (200, b"POST /form/ hello world")


def test_a_stalled_body_is_answered_408_and_the_connection_closed():
    scope = Scope("POST", "/form/", headers=[("content-length", "100000")])
    protocol = Protocol([b"a"], stall=True)
    status, headers, _ = serve(bridge(grace=0.2, max_body=10**6), scope, protocol)
    assert status == 408
    assert headers["connection"] == "close"


def test_a_trickling_body_is_cut_off_once_it_falls_below_the_minimum_rate():
    # Ten bytes a second against a minimum of a hundred: out after the grace period.
    scope = Scope("POST", "/form/", headers=[("content-length", "100000")])
    protocol = Protocol([b"a"] * 1000, delay=0.1)
    status, _, _ = serve(bridge(grace=0.3, min_rate=100, max_body=10**6), scope, protocol)
    assert status == 408
    assert len(protocol.chunks) > 990


def test_a_body_announced_larger_than_the_limit_is_refused_unread():
    scope = Scope("POST", "/form/", headers=[("content-length", "1001")])
    protocol = Protocol([b"x" * 1001])
    status, _, _ = serve(bridge(max_body=1000), scope, protocol)
    assert status == 413
    assert protocol.chunks  # never read


def test_a_chunked_body_growing_past_the_limit_is_refused():
    scope = Scope("POST", "/form/", headers=[("transfer-encoding", "chunked")])
    status, _, _ = serve(bridge(max_body=1000), scope, Protocol([b"x" * 600] * 2))
    assert status == 413


def test_a_body_shorter_than_announced_never_reaches_the_application():
    called = []

    def application(environ, start_response):
        called.append(environ)
        return echo(environ, start_response)

    scope = Scope("POST", "/form/", headers=[("content-length", "50")])
    status, _, _ = serve(bridge(application), scope, Protocol([b"short"]))
    assert status == 400
    assert called == []


def test_the_environ_is_what_django_expects():
    scope = Scope(
        "GET",
        "/zh-hant/新聞/",
        query_string="q=a%20b",
        headers=[
            ("host", "example.org"),
            ("cookie", "a=1"),
            ("cookie", "b=2"),
            ("accept", "text/html"),
            ("accept", "*/*"),
            ("content-type", "text/plain"),
        ],
    )
    environ = wsgi_environ(scope, b"")
    # WSGI carries the path's UTF-8 bytes as latin-1 characters.
    assert environ["PATH_INFO"].encode("latin-1").decode("utf-8") == "/zh-hant/新聞/"
    assert environ["QUERY_STRING"] == "q=a%20b"
    assert environ["HTTP_COOKIE"] == "a=1;b=2"
    assert environ["HTTP_ACCEPT"] == "text/html,*/*"
    assert environ["CONTENT_TYPE"] == "text/plain"
    assert environ["REMOTE_ADDR"] == "127.0.0.1"
    assert (environ["SERVER_NAME"], environ["SERVER_PORT"]) == ("127.0.0.1", "8000")
    assert "CONTENT_LENGTH" not in environ


def test_the_application_may_use_the_database_although_an_event_loop_runs(db):
    def application(environ, start_response):
        start_response("200 OK", [])
        return [str(User.objects.count()).encode()]

    assert serve(bridge(application), Scope(), Protocol())[2] == b"0"


def test_a_large_response_is_streamed_in_pieces_and_closed():
    closed = []

    class Result:
        def __iter__(self):
            return iter([b"x" * 4096] * 200)

        def close(self):
            closed.append(True)

    def application(environ, start_response):
        start_response("200 OK", [("Content-Length", str(4096 * 200))])
        return Result()

    status, _, pieces = serve(bridge(application), Scope(), Protocol())
    assert status == 200
    assert sum(map(len, pieces)) == 4096 * 200
    assert 1 < len(pieces) < 10
    assert closed == [True]


def test_a_file_on_disk_is_handed_to_granian(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")

    def application(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/pdf")])
        return environ["wsgi.file_wrapper"](path.open("rb"), 4096)

    status, _, body = serve(bridge(application), Scope(), Protocol())
    assert (status, body) == (200, ("file", str(path)))


@pytest.fixture
def images(tmp_path):
    directory = tmp_path / "images"
    directory.mkdir()
    (directory / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (directory / "notes.html").write_text("<script>alert(1)</script>")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    route = FileRoute(
        "/media/images/",
        os.path.realpath(directory),
        {".png": "image/png"},
        headers=(("x-content-type-options", "nosniff"),),
    )
    return bridge(files=[route])


def test_an_image_is_sent_from_disk_with_the_routes_headers(images):
    status, headers, body = serve(images, Scope(path="/media/images/logo.png"), Protocol())
    assert status == 200
    assert body[0] == "file"
    assert headers["content-type"] == "image/png"
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    ["/media/images/notes.html", "/media/images/../secret.png", "/media/images/missing.png"],
)
def test_only_existing_images_inside_the_directory_are_sent(images, path):
    assert serve(images, Scope(path=path), Protocol())[0] == 404


def test_an_unchanged_image_is_answered_304(images):
    _, headers, _ = serve(images, Scope(path="/media/images/logo.png"), Protocol())
    scope = Scope(path="/media/images/logo.png", headers=[("if-none-match", headers["etag"])])
    assert serve(images, scope, Protocol())[0] == 304


def test_bodies_past_what_a_worker_may_hold_at_once_are_refused_503():
    app = bridge(max_body=1000, max_buffered=1500)
    app.buffered = 1000  # other bodies being read
    scope = Scope("POST", "/form/", headers=[("content-length", "600")])
    status, _, _ = serve(app, scope, Protocol([b"x" * 600]))
    assert status == 503
    assert app.buffered == 1000


def test_what_a_body_held_is_given_back_once_it_is_read():
    app = bridge()
    scope = Scope("POST", "/form/", headers=[("content-length", "11")])
    serve(app, scope, Protocol([b"hello ", b"world"]))
    assert app.buffered == 0


def _front_answering(answer):
    asked = []

    def front(environ):
        asked.append(environ)
        environ["front.asked"] = True
        return answer

    return front, asked


def test_an_answer_of_the_front_is_sent_without_the_application():
    called = []

    def application(environ, start_response):
        called.append(environ)
        return echo(environ, start_response)

    front, _ = _front_answering(("200 OK", [("content-type", "text/html")], b"<p>stored</p>"))
    answer = serve(bridge(application, front=front), Scope("GET", "/en/"), Protocol())
    assert answer == (200, {"content-type": "text/html"}, b"<p>stored</p>")
    assert called == []


def test_the_application_gets_the_environ_the_front_passed_on():
    seen = []

    def application(environ, start_response):
        seen.append(environ.get("front.asked"))
        return echo(environ, start_response)

    front, _ = _front_answering(None)
    status, _, body = serve(bridge(application, front=front), Scope("GET", "/en/"), Protocol())
    assert (status, body) == (200, b"GET /en/ ")
    assert seen == [True]


def test_a_request_with_a_body_is_not_given_to_the_front():
    front, asked = _front_answering(("200 OK", [], b"stored"))
    scope = Scope("POST", "/form/", headers=[("content-length", "5")])
    status, _, body = serve(bridge(front=front), scope, Protocol([b"hello"]))
    assert (status, body, asked) == (200, b"POST /form/ hello", [])


def test_a_front_that_fails_leaves_the_answer_to_the_application():
    def front(environ):
        raise RuntimeError("store gone")

    status, _, body = serve(bridge(front=front), Scope("GET", "/en/"), Protocol())
    assert (status, body) == (200, b"GET /en/ ")


def test_a_small_answer_is_sent_before_the_application_closes_it():
    protocol = Protocol()
    sent_before_close = []

    class Result(list):
        def close(self):
            sent_before_close.append(protocol.answer is not None)

    def application(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return Result([b"hello"])

    assert serve(bridge(application), Scope(), protocol)[2] == b"hello"
    assert sent_before_close == [True]
