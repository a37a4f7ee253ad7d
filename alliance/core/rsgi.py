"""A WSGI application behind granian's RSGI interface: the body is read before the app runs.

With granian's WSGI interface a request takes one of the worker's blocking threads as soon as
its headers arrive and reads its body from inside that thread. A client that announces
``Content-Length: 100000`` and then sends one byte every two seconds keeps the thread as long
as it likes, and with one thread per worker (chosen by measurement, bench/README.md) a handful
of such clients stop the site. Here the body is read on granian's event loop, where a waiting
client costs a socket and a coroutine, against a deadline that grows with what has arrived
(``min_rate`` bytes a second after ``grace`` seconds, as Apache's mod_reqtimeout does) and within
a size limit. Only a complete request goes to the WSGI application. A body that is too slow is
answered 408, one too large 413, and the connection is closed.

Files under a ``FileRoute`` (the images' renditions) are sent from disk by granian without
entering the application, with the headers the route names (``nosniff``, a policy), which
granian's own static route cannot add.
"""

from __future__ import annotations

import asyncio
import contextvars
import io
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime

logger = logging.getLogger(__name__)

# A streamed response goes to granian in pieces of about this size (Django's FileResponse
# reads 4 KiB at a time); a smaller response goes in one piece.
STREAM_BATCH_BYTES = 256 * 1024
_PLAIN = ("content-type", "text/plain; charset=utf-8")
_CLOSE = ("connection", "close")


class BodyRefused(Exception):
    """The request's body will not be read to the end: answer ``status`` and close."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


@dataclass(frozen=True)
class FileRoute:
    """Files under ``prefix`` sent from ``directory``, for the extensions in ``content_types``."""

    prefix: str
    directory: str
    content_types: dict[str, str]
    headers: tuple[tuple[str, str], ...] = ()
    max_age: int = 86400


class FileWrapper:
    """``wsgi.file_wrapper``: lets a response that is a file on disk be sent by granian."""

    def __init__(self, filelike, block_size: int = 8192) -> None:
        self.filelike = filelike
        self.block_size = block_size

    def local_path(self) -> str | None:
        """The file's path, if it is a whole regular file on disk that granian may open."""
        name = getattr(self.filelike, "name", None)
        if not isinstance(name, str) or not os.path.isabs(name):
            return None
        try:
            whole = self.filelike.tell() == 0
            regular = stat.S_ISREG(os.fstat(self.filelike.fileno()).st_mode)
        except (AttributeError, OSError, ValueError):
            return None
        return name if whole and regular else None

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self.filelike.read(self.block_size):
            yield chunk

    def close(self) -> None:
        close = getattr(self.filelike, "close", None)
        if close is not None:
            close()


class _Started:
    """What the application passed to ``start_response``, and what it wrote."""

    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[str, str]] = []
        self.written: list[bytes] = []

    def __call__(self, status: str, headers: list[tuple[str, str]], exc_info=None):
        # Nothing is sent before the application returns, so a second call (with exc_info,
        # after an error) simply replaces the first.
        self.status = int(status.split(" ", 1)[0])
        self.headers = [(str(name), str(value)) for name, value in headers]
        return self.written.append


@dataclass
class _Answer:
    status: int
    headers: list[tuple[str, str]]
    chunks: list[bytes]
    rest: Iterator[bytes] | None = None  # more to come
    result: Iterable[bytes] | None = None  # to close once sent
    path: str | None = None  # a file for granian to send


def _split_address(address: str) -> tuple[str, str]:
    host, _, port = address.rpartition(":")
    return host.strip("[]"), port


def wsgi_environ(scope, body: bytes) -> dict:
    """The WSGI environ of an RSGI request whose body has been read."""
    server_host, server_port = _split_address(scope.server)
    client_host, _ = _split_address(scope.client)
    # RSGI gives the path decoded as UTF-8; WSGI wants its bytes as latin-1 characters.
    path = scope.path
    if not path.isascii():
        path = path.encode("utf-8").decode("latin-1")
    version = scope.http_version
    environ = {
        "REQUEST_METHOD": scope.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": scope.query_string,
        "SERVER_NAME": server_host,
        "SERVER_PORT": server_port,
        "SERVER_PROTOCOL": "HTTP/1.0" if version == "1" else f"HTTP/{version}",
        "REMOTE_ADDR": client_host,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.file_wrapper": FileWrapper,
    }
    headers = scope.headers
    for name in headers.keys():
        values = headers.get_all(name)
        if name == "content-type":
            environ["CONTENT_TYPE"] = values[0]
        elif name == "content-length":
            continue
        else:
            joined = ";".join(values) if name == "cookie" else ",".join(values)
            environ["HTTP_" + name.upper().replace("-", "_")] = joined
    if body or "content-length" in headers:
        environ["CONTENT_LENGTH"] = str(len(body))
    if "HTTP_HOST" not in environ and scope.authority:
        environ["HTTP_HOST"] = scope.authority
    return environ


class WSGIBridge:
    """An RSGI application that reads each body, then runs a WSGI application with it."""

    def __init__(
        self,
        application: Callable,
        *,
        max_body: int,
        grace: float,
        min_rate: float,
        max_buffered: int | None = None,
        files: Sequence[FileRoute] = (),
        front: Callable[[dict], tuple[str, list[tuple[str, str]], bytes] | None] | None = None,
    ) -> None:
        self.application = application
        # Asked first, for a GET or HEAD without a body: an answer (status line, headers,
        # body) it gives is sent at once, without the WSGI exchange (the page cache's stored
        # pages, alliance.server); None hands the same environ on to the application.
        self.front = front
        self.max_body = max_body
        # All bodies being read at once, in bytes: past it a new one is refused (503), so
        # that many clients sending large bodies together cannot exhaust the memory.
        self.max_buffered = max_body * 10 if max_buffered is None else max_buffered
        self.buffered = 0
        self.grace = grace
        self.min_rate = min_rate
        self.files = tuple(files)
        # The application's context variables live as long as the worker, as they would in
        # a thread of their own (Django keeps its cache and database handles in them); the
        # front has its own, since it may run while the application does.
        self._context = contextvars.Context()
        self._front_context = contextvars.Context()
        self._thread: tuple[int, ThreadPoolExecutor] | None = None

    def _application_thread(self) -> ThreadPoolExecutor:
        # Made in the worker process that uses it, after granian has started it.
        if self._thread is None or self._thread[0] != os.getpid():
            self._thread = (os.getpid(), ThreadPoolExecutor(1, thread_name_prefix="wsgi"))
        return self._thread[1]

    async def _run(self, function: Callable, *args):
        """``function(*args)`` in the application's context, on the application's own thread.

        One thread per worker, so one request at a time, as with granian's WSGI interface.
        The same Django code ran 30 to 40 % slower on the thread of granian's event loop
        than on a thread of its own (home 54 against 40 ms, bench/README.md; the cause was
        not found: not the garbage collector, malloc's arenas or the context variables).
        Handing a request to the thread and back costs about 0.1 ms, which stored pages do
        not pay: the front answers them on the event loop's thread.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._application_thread(), self._context.run, function, *args
        )

    def _ask_front(self, environ: dict):
        """The front's answer, on the event loop's thread, told that no event loop runs.

        Django refuses to touch the database from async code; the front does not touch it,
        and is treated as the synchronous code it is.
        """
        running = asyncio._get_running_loop()
        asyncio._set_running_loop(None)
        try:
            return self._front_context.run(self.front, environ)
        finally:
            asyncio._set_running_loop(running)

    async def __rsgi__(self, scope, protocol) -> None:
        if scope.proto != "http":
            protocol.close(1008)
            return
        path = scope.path
        for route in self.files:
            if path.startswith(route.prefix):
                send_file(route, scope, protocol)
                return
        asks_front = self.front is not None and scope.method in ("GET", "HEAD")
        if asks_front and not _announces_body(scope):
            environ = wsgi_environ(scope, b"")
            try:
                stored = self._ask_front(environ)
            except Exception:
                logger.exception("The front failed; the application answers.")
                stored = None
            if stored is not None:
                status, headers, body = stored
                protocol.response_bytes(int(status[:3]), headers, body)
                return
        else:
            try:
                body = await self.read_body(scope, protocol)
            except BodyRefused as refused:
                if refused.status == 408:
                    logger.warning("A request body arrived too slowly and was refused.")
                protocol.response_str(refused.status, [_PLAIN, _CLOSE], refused.text)
                return
            environ = wsgi_environ(scope, body)
        try:
            answer = await self._run(self._call, environ)
        except Exception:
            logger.exception("The WSGI application failed.")
            protocol.response_str(500, [_PLAIN], "Server error")
            return
        await self._send(answer, protocol)

    async def read_body(self, scope, protocol) -> bytes:
        """The whole body, or BodyRefused when it is too large or arrives too slowly."""
        headers = scope.headers
        length = headers.get("content-length")
        if length is None and "transfer-encoding" not in headers:
            return b""
        expected = None
        if length is not None:
            if not length.isdigit():
                raise BodyRefused(400, "Bad Content-Length")
            expected = int(length)
            if expected > self.max_body:
                raise BodyRefused(413, "Request body too large")
            if expected == 0:
                return b""
        loop = asyncio.get_running_loop()
        started = loop.time()
        received = bytearray()
        try:
            async with asyncio.timeout_at(started + self.grace) as deadline:
                async for chunk in protocol:
                    if not chunk:
                        break
                    if len(received) + len(chunk) > self.max_body:
                        raise BodyRefused(413, "Request body too large")
                    if self.buffered + len(chunk) > self.max_buffered:
                        raise BodyRefused(503, "Too busy, please try again")
                    received += chunk
                    self.buffered += len(chunk)
                    deadline.reschedule(started + self.grace + len(received) / self.min_rate)
        except TimeoutError:
            raise BodyRefused(408, "Request body timeout") from None
        finally:
            self.buffered -= len(received)
        if expected is not None and len(received) != expected:
            raise BodyRefused(400, "Incomplete request body")
        return bytes(received)

    def _call(self, environ: dict) -> _Answer:
        """Run the application up to its first STREAM_BATCH_BYTES."""
        started = _Started()
        result = self.application(environ, started)
        try:
            if isinstance(result, FileWrapper) and (path := result.local_path()) is not None:
                return _Answer(started.status, started.headers, [], result=result, path=path)
            rest = iter(result)
            chunks = started.written + _batch(rest)
            if sum(map(len, chunks)) < STREAM_BATCH_BYTES:
                # Closed once sent: what the application does on closing (the page cache
                # stores the answer) need not delay the reader.
                return _Answer(started.status, started.headers, chunks, result=result)
            return _Answer(started.status, started.headers, chunks, rest=rest, result=result)
        except BaseException:
            _close(result)
            raise

    async def _send(self, answer: _Answer, protocol) -> None:
        if answer.path is not None:
            await self._run(_close, answer.result)
            protocol.response_file(answer.status, answer.headers, answer.path)
            return
        if answer.rest is None:
            try:
                protocol.response_bytes(answer.status, answer.headers, b"".join(answer.chunks))
            finally:
                await self._run(_close, answer.result)
            return
        try:
            transport = protocol.response_stream(answer.status, answer.headers)
            chunks = answer.chunks
            while chunks:
                await transport.send_bytes(b"".join(chunks))
                chunks = await self._run(_batch, answer.rest)
        except Exception:  # the reader went away: nothing more to send
            logger.info("A streamed response ended early.")
        finally:
            await self._run(_close, answer.result)


def _announces_body(scope) -> bool:
    headers = scope.headers
    return "content-length" in headers or "transfer-encoding" in headers


def _batch(chunks: Iterator[bytes]) -> list[bytes]:
    batch, size = [], 0
    for chunk in chunks:
        if chunk:
            batch.append(chunk)
            size += len(chunk)
            if size >= STREAM_BATCH_BYTES:
                break
    return batch


def _close(result) -> None:
    # Django's request_finished (closing database connections) runs here.
    close = getattr(result, "close", None)
    if close is not None:
        close()


def send_file(route: FileRoute, scope, protocol) -> None:
    """A file under ``route``, or 404; conditional requests answered 304."""
    if scope.method not in ("GET", "HEAD"):
        protocol.response_str(405, [_PLAIN, ("allow", "GET, HEAD")], "Method not allowed")
        return
    relative = scope.path[len(route.prefix) :]
    parts = relative.split("/")
    content_type = route.content_types.get(os.path.splitext(relative)[1].lower())
    if content_type is None or "\x00" in relative or any(p in ("", ".", "..") for p in parts):
        protocol.response_str(404, [_PLAIN], "Not found")
        return
    path = os.path.realpath(os.path.join(route.directory, relative))
    try:
        info = os.stat(path)
    except OSError:
        info = None
    if (
        info is None
        or not stat.S_ISREG(info.st_mode)
        or not path.startswith(route.directory.rstrip(os.sep) + os.sep)
    ):
        protocol.response_str(404, [_PLAIN], "Not found")
        return
    etag = f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
    headers = [
        ("content-type", content_type),
        ("last-modified", formatdate(info.st_mtime, usegmt=True)),
        ("etag", etag),
        ("cache-control", f"max-age={route.max_age}"),
        *route.headers,
    ]
    if _not_modified(scope.headers, etag, info.st_mtime):
        protocol.response_empty(304, headers)
        return
    protocol.response_file(200, [*headers, ("content-length", str(info.st_size))], path)


def _not_modified(headers, etag: str, mtime: float) -> bool:
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        return etag in (tag.strip() for tag in if_none_match.split(",")) or if_none_match == "*"
    since = headers.get("if-modified-since")
    if since is None:
        return False
    try:
        return int(mtime) <= parsedate_to_datetime(since).timestamp()
    except (TypeError, ValueError, IndexError):
        return False
