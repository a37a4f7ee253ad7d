"""Other servers' actors and keys, fetched with a signed GET and kept a while in the cache.

Servers in Mastodon's "secure mode" answer only signed fetches, so every fetch
is signed with the alliance's key. What is kept is the minimum that verifying
and delivering need: the actor's id, inboxes and public key.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache

from . import addresses, fetch, keys, signatures
from .blocks import blocked

CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class RemoteActor:
    id: str
    inbox: str
    shared_inbox: str
    key_id: str
    public_key_pem: str


def _cache_key(url: str) -> str:
    return "federation:actor:" + url


def get_json(url: str) -> dict:
    """A signed GET of an ActivityPub document; FetchError when refused or not one."""
    if blocked(urlsplit(url).hostname or ""):
        raise fetch.FetchError("The domain is blocked.")
    headers = signatures.sign("GET", url, keys.private_key(), addresses.key_id())
    headers["Accept"] = (
        'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
    )
    answer = fetch.request("GET", url, headers)
    if answer.status != 200:
        raise fetch.FetchError(f"The server answered {answer.status}.")
    return answer.json()


def _same_origin(first: str, second: str) -> bool:
    one, two = urlsplit(first), urlsplit(second)
    return (one.scheme, one.netloc) == (two.scheme, two.netloc)


def _parse_actor(url: str, data: dict) -> RemoteActor:
    actor_id = data.get("id")
    inbox = data.get("inbox")
    key = data.get("publicKey") or {}
    if isinstance(key, list):
        key = key[0] if key else {}
    if not (isinstance(actor_id, str) and isinstance(inbox, str) and isinstance(key, dict)):
        raise fetch.FetchError("The document is not an actor.")
    if urldefrag(actor_id).url != urldefrag(url).url or not _same_origin(actor_id, inbox):
        raise fetch.FetchError("The actor's id or inbox is not on its own server.")
    endpoints = data.get("endpoints") if isinstance(data.get("endpoints"), dict) else {}
    shared = endpoints.get("sharedInbox") or inbox
    if not isinstance(shared, str) or not _same_origin(actor_id, shared):
        shared = inbox
    return RemoteActor(
        id=actor_id,
        inbox=inbox,
        shared_inbox=shared,
        key_id=str(key.get("id", "")),
        public_key_pem=str(key.get("publicKeyPem", "")),
    )


def actor(url: str, fresh: bool = False) -> RemoteActor:
    """The actor at ``url``; FetchError when it cannot be had."""
    url = urldefrag(url).url
    if not fresh:
        known = cache.get(_cache_key(url))
        if known is not None:
            return RemoteActor(**known)
    found = _parse_actor(url, get_json(url))
    cache.set(_cache_key(url), found.__dict__, CACHE_SECONDS)
    return found


def _load(pem: str) -> rsa.RSAPublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except ValueError:
        raise signatures.SignatureError("The actor's public key cannot be read.") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise signatures.SignatureError("Only RSA keys are accepted.")
    return key


def public_key(key_id: str) -> tuple[str, rsa.RSAPublicKey]:
    """(owner, key) for a key id naming an actor's key, fetched once a day; SignatureError else.

    A key id is the actor's address with a fragment (Mastodon's ``#main-key``).
    """
    if blocked(urlsplit(key_id).hostname or ""):
        raise signatures.SignatureError("The domain is blocked.")
    try:
        found = actor(key_id)
        if found.key_id != key_id:
            found = actor(key_id, fresh=True)  # the key may have changed since
    except fetch.FetchError as error:
        raise signatures.SignatureError(f"The key cannot be fetched: {error}") from None
    if found.key_id != key_id:
        raise signatures.SignatureError("The actor does not hold this key.")
    return found.id, _load(found.public_key_pem)
