"""HTTP signatures as the fediverse uses them.

Outgoing requests are signed the way Mastodon signs and expects them:
draft-cavage-http-signatures-12 with rsa-sha256 over ``(request-target) host
date`` and, for a body, ``digest`` (SHA-256, RFC 3230) and ``content-type``.

Incoming requests are verified in that form, and in the form of RFC 9421
(``Signature-Input``) with the http-message-signatures library, which some
servers (Fedify's, for one) send first. Both need a ``Date`` (or ``created``)
within ``FEDERATION_SIGNATURE_WINDOW_SECONDS`` of our clock and, with a body, a
digest of that body signed along; a signature seen once is refused the second
time within the window (a replay).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature as CryptoInvalid
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from http_message_signatures import HTTPMessageVerifier, algorithms
from http_message_signatures.exceptions import HTTPMessageSignaturesException
from http_message_signatures.resolvers import HTTPSignatureKeyResolver

_PARAM = re.compile(r'(\w+)="([^"]*)"')


class SignatureError(Exception):
    """The request is not signed, or not in a way we can trust."""


@dataclass(frozen=True)
class Verified:
    key_id: str
    #: The actor who owns the key: only it may be the actor of the activity.
    owner: str


#: Looks up a key id: (its owner's actor id, the public key), or raises SignatureError.
KeyLookup = Callable[[str], tuple[str, rsa.RSAPublicKey]]


def digest(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def http_date(moment: dt.datetime | None = None) -> str:
    return format_datetime(moment or timezone.now(), usegmt=True)


def sign(
    method: str,
    url: str,
    key: rsa.RSAPrivateKey,
    key_id: str,
    body: bytes | None = None,
    content_type: str = "application/activity+json",
    now: dt.datetime | None = None,
) -> dict[str, str]:
    """The headers that sign this request (Host, Date, Digest, Signature...)."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Host": parts.netloc, "Date": http_date(now)}
    names = ["(request-target)", "host", "date"]
    if body is not None:
        headers["Digest"] = digest(body)
        headers["Content-Type"] = content_type
        names += ["digest", "content-type"]
    lines = [f"(request-target): {method.lower()} {target}"]
    lines += [f"{name}: {headers[_title(name)]}" for name in names[1:]]
    signature = key.sign("\n".join(lines).encode(), padding.PKCS1v15(), hashes.SHA256())
    headers["Signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(names)}",'
        f'signature="{base64.b64encode(signature).decode()}"'
    )
    return headers


def _title(name: str) -> str:
    return "-".join(part.capitalize() for part in name.split("-"))


@dataclass(frozen=True)
class Incoming:
    """What verification reads of a request: Django's or any other."""

    method: str
    #: The absolute address as the sender wrote it (scheme, host, path, query).
    url: str
    #: Header names in any case.
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


def _within_window(moment: dt.datetime, now: dt.datetime) -> bool:
    window = dt.timedelta(seconds=settings.FEDERATION_SIGNATURE_WINDOW_SECONDS)
    return abs(now - moment) <= window


def _check_date(request: Incoming, now: dt.datetime) -> None:
    raw = request.header("Date")
    if not raw:
        raise SignatureError("The request has no Date header.")
    try:
        moment = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        raise SignatureError("The Date header cannot be read.") from None
    if moment.tzinfo is None or not _within_window(moment, now):
        raise SignatureError("The Date header is outside the accepted window.")


def _check_digest(request: Incoming, signed: list[str]) -> None:
    """With a body, a digest of it must be present, signed and right."""
    if not request.body and request.method.upper() == "GET":
        return
    if "digest" in signed:
        given = request.header("Digest") or ""
        wanted = digest(request.body)
        values = {part.strip() for part in given.split(",")}
        if wanted not in values and not any(v.lower() == wanted.lower() for v in values):
            raise SignatureError("The Digest header does not match the body.")
        return
    if "content-digest" in signed:
        given = request.header("Content-Digest") or ""
        wanted = base64.b64encode(hashlib.sha256(request.body).digest()).decode()
        if f"sha-256=:{wanted}:" not in given.replace(" ", ""):
            raise SignatureError("The Content-Digest header does not match the body.")
        return
    raise SignatureError("The body's digest is not signed.")


def _not_replayed(signature: str) -> None:
    key = "federation:signature:" + hashlib.sha256(signature.encode()).hexdigest()
    if not cache.add(key, 1, timeout=settings.FEDERATION_SIGNATURE_WINDOW_SECONDS * 2):
        raise SignatureError("This signature was already used.")


def _cavage(request: Incoming, header: str, lookup: KeyLookup, now: dt.datetime) -> Verified:
    params = dict(_PARAM.findall(header))
    if not {"keyId", "signature"} <= params.keys():
        raise SignatureError("The Signature header lacks keyId or signature.")
    if params.get("algorithm", "rsa-sha256") not in ("rsa-sha256", "hs2019"):
        raise SignatureError("Only rsa-sha256 signatures are accepted.")
    names = params.get("headers", "date").lower().split()
    if not {"(request-target)", "host", "date"} <= set(names):
        raise SignatureError("The signature must cover (request-target), host and date.")
    _check_date(request, now)
    _check_digest(request, names)
    parts = urlsplit(request.url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append(f"(request-target): {request.method.lower()} {target}")
            continue
        value = request.header(name)
        if value is None:
            raise SignatureError(f"The signed header {name} is missing.")
        lines.append(f"{name}: {value}")
    owner, public_key = lookup(params["keyId"])
    try:
        public_key.verify(
            base64.b64decode(params["signature"]),
            "\n".join(lines).encode(),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except (CryptoInvalid, ValueError):
        raise SignatureError("The signature does not match.") from None
    _not_replayed(params["signature"])
    return Verified(key_id=params["keyId"], owner=owner)


class _Resolver(HTTPSignatureKeyResolver):
    def __init__(self, lookup: KeyLookup) -> None:
        self.lookup = lookup
        self.owner = ""

    def resolve_public_key(self, key_id: str):
        self.owner, public_key = self.lookup(key_id)
        return public_key


def _rfc9421(request: Incoming, lookup: KeyLookup) -> Verified:
    resolver = _Resolver(lookup)
    verifier = HTTPMessageVerifier(
        signature_algorithm=algorithms.RSA_V1_5_SHA256, key_resolver=resolver
    )
    verifier.max_clock_skew = dt.timedelta(seconds=settings.FEDERATION_SIGNATURE_WINDOW_SECONDS)
    window = dt.timedelta(seconds=settings.FEDERATION_SIGNATURE_WINDOW_SECONDS)
    try:
        [result] = verifier.verify(request, max_age=window)[:1]
    except (HTTPMessageSignaturesException, ValueError) as error:
        raise SignatureError(f"The RFC 9421 signature does not verify: {error}") from None
    covered = [key.split(";")[0].strip('"').lower() for key in result.covered_components]
    if "@method" not in covered or not {"@target-uri", "@path"} & set(covered):
        raise SignatureError("The signature must cover the method and the target.")
    _check_digest(request, covered)
    _not_replayed(request.header("Signature") or "")
    return Verified(key_id=result.parameters.get("keyid", ""), owner=resolver.owner)


def verify(request: Incoming, lookup: KeyLookup, now: dt.datetime | None = None) -> Verified:
    """Who signed this request; SignatureError when it is unsigned, forged, stale or replayed."""
    now = now or timezone.now()
    if request.header("Signature-Input"):
        return _rfc9421(request, lookup)
    header = request.header("Signature")
    if not header:
        raise SignatureError("The request is not signed.")
    return _cavage(request, header, lookup, now)
