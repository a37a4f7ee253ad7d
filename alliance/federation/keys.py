"""The actor's RSA key pair: generated once, kept in the database (so backups keep it).

Other servers remember the public key the first time they see the actor; a new
key would make them refuse everything signed afterwards, so it is never replaced
automatically.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import transaction

from .models import ActorKey

KEY_BITS = 2048

_cache: dict[str, rsa.RSAPrivateKey] = {}


def _generate() -> tuple[str, str]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private_pem, public_pem


def actor_key() -> ActorKey:
    """The key pair, created at the first call (the oldest one if two were ever made)."""
    key = ActorKey.objects.order_by("pk").first()
    if key is not None:
        return key
    private_pem, public_pem = _generate()
    with transaction.atomic():
        ActorKey.objects.select_for_update().order_by("pk").first()
        ActorKey.objects.create(private_key_pem=private_pem, public_key_pem=public_pem)
    return ActorKey.objects.order_by("pk").first()


def private_key() -> rsa.RSAPrivateKey:
    """The loaded private key; parsed once per process, as it never changes."""
    pem = actor_key().private_key_pem
    loaded = _cache.get(pem)
    if loaded is None:
        loaded = serialization.load_pem_private_key(pem.encode(), password=None)
        _cache.clear()
        _cache[pem] = loaded
    return loaded
