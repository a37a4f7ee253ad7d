"""A real HTTP server on loopback plays another fediverse server: its actor, key and inbox."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from alliance.federation import signatures

_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Peer:
    """The remote server: what its inbox received, and how it answers."""

    base: str
    key: rsa.RSAPrivateKey = _KEY
    received: list[dict] = field(default_factory=list)
    inbox_status: int = 202

    @property
    def actor_id(self) -> str:
        return f"{self.base}/users/ana"

    @property
    def key_id(self) -> str:
        return self.actor_id + "#main-key"

    def actor(self) -> dict:
        pem = (
            self.key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )
        return {
            "@context": ["https://www.w3.org/ns/activitystreams"],
            "id": self.actor_id,
            "type": "Person",
            "preferredUsername": "ana",
            "inbox": f"{self.base}/users/ana/inbox",
            "endpoints": {"sharedInbox": f"{self.base}/inbox"},
            "publicKey": {"id": self.key_id, "owner": self.actor_id, "publicKeyPem": pem},
        }

    def follow(self, target: str, follow_id: str | None = None) -> dict:
        return {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": follow_id or f"{self.base}/follows/1",
            "type": "Follow",
            "actor": self.actor_id,
            "object": target,
        }

    def signed_post(self, client: Client, path: str, activity: dict, **overrides):
        """POST ``activity`` to our ``path`` signed as this peer; the response."""
        body = json.dumps(activity).encode()
        headers = signatures.sign(
            "POST", f"http://testserver{path}", self.key, self.key_id, body=body
        )
        headers.update(overrides)
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        extra.pop("HTTP_CONTENT_TYPE", None)
        return client.post(path, body, content_type=headers["Content-Type"], **extra)


def _handler(peer: Peer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.startswith("/users/ana"):
                body = json.dumps(peer.actor()).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/activity+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            peer.received.append(
                {
                    "path": self.path,
                    "headers": {k: v for k, v in self.headers.items()},
                    "body": json.loads(body),
                    "raw": body,
                }
            )
            self.send_response(peer.inbox_status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@pytest.fixture
def peer(settings):
    settings.FEDERATION_ALLOW_LOCAL = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    remote = Peer(base=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(remote)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield remote
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
