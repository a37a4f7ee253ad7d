"""Requests to other servers, with no way to reach this machine or its network.

An address is resolved once; every address it resolves to must be public
(no private, loopback, link-local, reserved or multicast network), and the
connection goes to the address checked, so a name cannot change its answer
between the check and the request. ``FEDERATION_ALLOW_LOCAL=true`` also allows
loopback, for a test peer on this machine; private networks stay refused.
Redirects are not followed. Answers are read up to ``FEDERATION_FETCH_MAX_BYTES``
within ``FEDERATION_FETCH_TIMEOUT_SECONDS``.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

from . import addresses

ACTIVITY_TYPES = ("application/activity+json", "application/ld+json")


class FetchError(Exception):
    """The address is refused, or the other server did not answer as needed."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        try:
            data = json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            raise FetchError("The answer is not JSON.") from None
        if not isinstance(data, dict):
            raise FetchError("The answer is not a JSON object.")
        return data


def _allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return settings.FEDERATION_ALLOW_LOCAL
    return address.is_global and not address.is_multicast


def resolve(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) for a URL we may fetch; else FetchError."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise FetchError("Only http and https addresses can be fetched.")
    if parts.scheme == "http" and not settings.FEDERATION_ALLOW_LOCAL:
        raise FetchError("Only https addresses can be fetched.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchError("The host name does not resolve.") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses or not all(_allowed(address) for address in addresses):
        raise FetchError("The address is not public.")
    return parts.scheme, parts.hostname, port, str(addresses[0])


def _pool(scheme: str, host: str, port: int, address: str, timeout: float):
    options = {"timeout": urllib3.Timeout(connect=timeout, read=timeout), "retries": False}
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address, port, server_hostname=host, assert_hostname=host, **options
        )
    return urllib3.HTTPConnectionPool(address, port, **options)


def request(
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes | None = None,
    pools: dict | None = None,
) -> Answer:
    """Send one request to a public address; FetchError if refused, too slow or too big.

    ``pools`` keeps connections open between calls to the same servers (a fan-out).
    """
    scheme, host, port, address = resolve(url)
    timeout = settings.FEDERATION_FETCH_TIMEOUT_SECONDS
    limit = settings.FEDERATION_FETCH_MAX_BYTES
    key = (scheme, host, port, address)
    pool = pools.get(key) if pools is not None else None
    if pool is None:
        pool = _pool(scheme, host, port, address, timeout)
        if pools is not None:
            kept = pools.setdefault(key, pool)  # another thread may have made one first
            if kept is not pool:
                pool.close()
                pool = kept
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    headers = {"User-Agent": f"alliance/0.1 (+{addresses.base_url()}/)", **headers}
    headers.setdefault("Host", parts.netloc)
    deadline = time.monotonic() + timeout
    try:
        response = pool.urlopen(
            method, target, body=body, headers=headers, redirect=False, preload_content=False
        )
        chunks, size = [], 0
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise FetchError("The answer is too big.")
            if time.monotonic() > deadline:
                raise FetchError("The answer took too long.")
            chunks.append(chunk)
        response.release_conn()
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise FetchError(f"The request failed: {type(error).__name__}") from None
    answer_headers = {name.lower(): value for name, value in response.headers.items()}
    return Answer(status=response.status, headers=answer_headers, body=b"".join(chunks))
