"""Activities other servers send us: checked, then Follow and Undo acted upon.

Nothing received is ever shown on our pages. A request must be signed by the
key of the activity's own actor (``signatures``), on a domain not blocked;
anything else is refused with nothing changed. Of what is accepted, only a
Follow of the alliance (answered with a signed Accept), the Undo of that Follow,
and the Delete of a follower's account change anything; the rest is
acknowledged and dropped.
"""

from __future__ import annotations

import json
import uuid
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from . import addresses, delivery, fetch, remote, signatures
from .blocks import blocked
from .models import Activity, ActivityKind, Follower

MAX_BODY = 256 * 1024


class Refused(Exception):
    """The activity is not accepted; ``status`` says how to answer."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def _id_of(value) -> str:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else ""


def parse(body: bytes) -> dict:
    if len(body) > MAX_BODY:
        raise Refused(413, "The activity is too big.")
    try:
        activity = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "The body is not JSON.") from None
    if not isinstance(activity, dict) or not _id_of(activity.get("actor")):
        raise Refused(400, "The body is not an activity with an actor.")
    return activity


def check(request: signatures.Incoming) -> dict:
    """The activity, once its signature, actor and domain are checked; Refused otherwise."""
    activity = parse(request.body)
    actor = _id_of(activity.get("actor"))
    if blocked(urlsplit(actor).hostname or ""):
        raise Refused(403, "The domain is blocked.")
    try:
        verified = signatures.verify(request, remote.public_key)
    except signatures.SignatureError as error:
        raise Refused(401, str(error)) from None
    if verified.owner != actor:
        raise Refused(401, "The activity's actor did not sign it.")
    return activity


def _follow(activity: dict) -> None:
    if _id_of(activity.get("object")) != addresses.actor_id():
        return
    try:
        follower = remote.actor(_id_of(activity["actor"]))
    except fetch.FetchError as error:
        raise Refused(400, f"The follower cannot be fetched: {error}") from None
    with transaction.atomic():
        inbox = delivery.inbox_for(follower.shared_inbox)
        Follower.objects.update_or_create(
            actor=follower.id, defaults={"inbox": inbox, "created_at": timezone.now()}
        )
        activity_uuid = uuid.uuid4()
        accept = Activity.objects.create(
            uuid=activity_uuid,
            kind=ActivityKind.ACCEPT,
            payload={
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": addresses.activity_id(activity_uuid),
                "type": "Accept",
                "actor": addresses.actor_id(),
                "to": [follower.id],
                "object": {
                    "id": _id_of(activity),
                    "type": "Follow",
                    "actor": follower.id,
                    "object": addresses.actor_id(),
                },
            },
        )
        delivery.send_to(accept, follower.inbox)


def _undo(activity: dict) -> None:
    undone = activity.get("object")
    kind = undone.get("type") if isinstance(undone, dict) else None
    if kind not in (None, "Follow"):
        return
    if isinstance(undone, dict) and _id_of(undone.get("object")) not in ("", addresses.actor_id()):
        return
    Follower.objects.filter(actor=_id_of(activity["actor"])).delete()


def _delete(activity: dict) -> None:
    # An account deleted on its server: it follows nobody any more.
    if _id_of(activity.get("object")) == _id_of(activity["actor"]):
        Follower.objects.filter(actor=_id_of(activity["actor"])).delete()


HANDLERS = {"Follow": _follow, "Undo": _undo, "Delete": _delete}


def receive(request: signatures.Incoming) -> None:
    """Check and act on one incoming activity; Refused when it is not accepted."""
    activity = check(request)
    handler = HANDLERS.get(activity.get("type"))
    if handler is not None:
        handler(activity)
