"""Slow request bodies and media headers against the server `make run` starts.

The granian command is read from the Makefile's `run` recipe and started on 127.0.0.1 with one
worker and a one-second grace for request bodies, on a data directory with no database: the
readers ask for a static file and an image, which need none. bench/slow_clients.py runs the
same check at full size against a complete site.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

HOST = "127.0.0.1"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def run_command(port: int, data_dir: Path) -> list[str]:
    """The granian command of the Makefile's `run` recipe, for one worker."""
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    match = re.search(r"^\s*(?:exec )?\$\(BIN\)/granian (.*?)(?<!\\)\n", makefile, re.S | re.M)
    assert match, "the run recipe starts granian"
    command = "$(BIN)/granian " + match.group(1).replace("\\\n", " ")
    for name, value in {
        "$(BIN)": str(Path(sys.executable).parent),
        "$(HOST)": HOST,
        "$(PORT)": str(port),
        "$(WORKERS)": "1",
        "$(ALLIANCE_DATA_DIR)": str(data_dir),
    }.items():
        command = command.replace(name, value)
    return shlex.split(command)


def _get(port: int, path: str, timeout: float):
    return urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=timeout)  # noqa: S310


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("slow-clients")
    (data_dir / "static").mkdir()
    (data_dir / "static" / "probe.txt").write_text("served")
    (data_dir / "media" / "images").mkdir(parents=True)
    (data_dir / "media" / "images" / "probe.png").write_bytes(PNG)
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        ALLIANCE_DATA_DIR=str(data_dir),
        SECRET_KEY="slow-clients-" + "x" * 40,
        DEBUG="false",
        REQUEST_BODY_GRACE_SECONDS="1",
        REQUEST_BODY_MIN_RATE="1000",
    )
    log = data_dir / "server.log"
    process = subprocess.Popen(  # noqa: S603 (the Makefile's own command, on 127.0.0.1)
        run_command(port, data_dir),
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            _get(port, "/static/probe.txt", 5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.3)
    yield port
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def _slow_post(port: int, stop: asyncio.Event) -> bytes:
    """POST with Content-Length 100000 and one byte every half second; the answer's first line.

    With a CSRF cookie, so that Django reads the body instead of refusing the form at once.
    """
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(
        b"POST /en/contact/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Cookie: csrftoken=" + b"k" * 32 + b"\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
    )
    answer = asyncio.ensure_future(reader.readline())
    try:
        while not stop.is_set():
            done, _ = await asyncio.wait({answer}, timeout=0.5)
            if done:
                return answer.result()
            writer.write(b"a")
            await writer.drain()
        return b""
    except OSError:
        return b"closed"
    finally:
        answer.cancel()
        writer.close()


def test_readers_are_served_while_slow_clients_hold_bodies_open(server):
    async def scenario():
        stop = asyncio.Event()
        slow = [asyncio.ensure_future(_slow_post(server, stop)) for _ in range(8)]
        await asyncio.sleep(0.5)
        served = []
        for _ in range(4):
            started = time.monotonic()
            with await asyncio.to_thread(_get, server, "/static/probe.txt", 5) as response:
                served.append((response.status, time.monotonic() - started))
        stop.set()
        await asyncio.gather(*slow)
        return served

    served = asyncio.run(scenario())
    assert [status for status, _ in served] == [200] * 4
    assert max(seconds for _, seconds in served) < 3


def test_a_body_that_stalls_is_cut_off_with_408(server):
    async def stalled() -> tuple[bytes, float]:
        reader, writer = await asyncio.open_connection(HOST, server)
        writer.write(
            b"POST /en/contact/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\na"
        )
        started = time.monotonic()
        try:
            line = await asyncio.wait_for(reader.readline(), 10)
        finally:
            writer.close()
        return line, time.monotonic() - started

    line, seconds = asyncio.run(stalled())
    assert line.startswith(b"HTTP/1.1 408")
    assert seconds < 5


def test_a_body_over_the_limit_is_refused_before_it_is_sent(server):
    async def too_large() -> bytes:
        reader, writer = await asyncio.open_connection(HOST, server)
        length = settings.REQUEST_BODY_MAX_BYTES + 1
        writer.write(
            f"POST /en/contact/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {length}\r\n"
            "\r\n".encode()
        )
        try:
            return await asyncio.wait_for(reader.readline(), 10)
        finally:
            writer.close()

    assert asyncio.run(too_large()).startswith(b"HTTP/1.1 413")


def test_images_carry_nosniff_and_a_content_security_policy(server):
    with _get(server, "/media/images/probe.png", 5) as response:
        assert response.headers["Content-Type"] == "image/png"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert response.read() == PNG
