"""The fediverse's addresses: WebFinger, NodeInfo, the actor, its collections and objects."""

from __future__ import annotations

import json
import logging
import uuid

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from alliance.core import throttle

from . import actor, addresses, inbox, objects, signatures
from .models import PUBLIC_KINDS, Activity, Follower

logger = logging.getLogger(__name__)

ACTIVITY_JSON = "application/activity+json"
OUTBOX_PAGE_SIZE = 20


def not_found(request: HttpRequest, reason: str) -> HttpResponse:
    # Otherwise LocaleMiddleware answers a 404 with a redirect to /en/ap/..., which
    # exists for it only because Wagtail serves every path under a language.
    request.urlconf = "alliance.federation.urls"
    return JsonResponse({"error": reason}, status=404)


def activity_response(data: dict, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        content_type=f"{ACTIVITY_JSON}; charset=utf-8",
        status=status,
    )
    response["Vary"] = "Accept"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def webfinger(request: HttpRequest) -> HttpResponse:
    resource = request.GET.get("resource", "")
    if not resource:
        return JsonResponse({"error": "The resource parameter is required."}, status=400)
    found = actor.webfinger(resource)
    if found is None:
        return not_found(request, "No such account here.")
    response = JsonResponse(found, content_type="application/jrd+json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def nodeinfo_links(request: HttpRequest) -> HttpResponse:
    return JsonResponse(
        {
            "links": [
                {
                    "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
                    "href": addresses.absolute("/nodeinfo/2.1"),
                }
            ]
        }
    )


@require_GET
def nodeinfo(request: HttpRequest) -> HttpResponse:
    return JsonResponse(
        actor.nodeinfo(),
        content_type='application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"',
    )


@require_GET
def actor_view(request: HttpRequest) -> HttpResponse:
    return activity_response(actor.document())


@require_GET
def followers(request: HttpRequest) -> HttpResponse:
    # The count is public; who follows is not.
    return activity_response(
        {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": addresses.followers_id(),
            "type": "OrderedCollection",
            "totalItems": Follower.objects.count(),
        }
    )


@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    activities = Activity.objects.filter(kind__in=PUBLIC_KINDS).order_by("-created_at", "-pk")
    paginator = Paginator(activities.only("payload"), OUTBOX_PAGE_SIZE)
    own = addresses.absolute(request.path)
    number = request.GET.get("page")
    if number is None:
        return activity_response(
            {
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": own,
                "type": "OrderedCollection",
                "totalItems": paginator.count,
                "first": f"{own}?page=1",
                "last": f"{own}?page={paginator.num_pages}",
            }
        )
    try:
        page = paginator.page(number)
    except (EmptyPage, ValueError, TypeError):
        return not_found(request, "No such page.")
    data = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{own}?page={page.number}",
        "type": "OrderedCollectionPage",
        "partOf": own,
        "orderedItems": [
            {k: v for k, v in item.payload.items() if k != "@context"} for item in page
        ],
    }
    if page.has_next():
        data["next"] = f"{own}?page={page.next_page_number()}"
    if page.has_previous():
        data["prev"] = f"{own}?page={page.previous_page_number()}"
    return activity_response(data)


def _incoming(request: HttpRequest) -> signatures.Incoming:
    url = addresses.absolute(request.get_full_path())
    headers = {key: value for key, value in request.headers.items()}
    return signatures.Incoming(method=request.method, url=url, headers=headers, body=request.body)


@csrf_exempt
@require_POST
def inbox_view(request: HttpRequest) -> HttpResponse:
    if throttle.over_limit(request, "federation_inbox"):
        return JsonResponse({"error": "Too many requests."}, status=429)
    try:
        inbox.receive(_incoming(request))
    except inbox.Refused as refused:
        logger.info("Inbox refused an activity: %s", refused)
        return JsonResponse({"error": str(refused)}, status=refused.status)
    return HttpResponse(status=202)


def _item_page(translation_key: uuid.UUID) -> Page | None:
    page = (
        Page.objects.filter(translation_key=translation_key)
        .select_related("content_type")
        .order_by("pk")
        .first()
    )
    return page.specific if page is not None else None


@require_GET
def object_view(request: HttpRequest, translation_key: uuid.UUID) -> HttpResponse:
    page = _item_page(translation_key)
    found = objects.document(page) if page is not None and objects.federated(page) else None
    if found is not None:
        return activity_response(found)
    deleted = (
        Activity.objects.filter(translation_key=translation_key, kind__in=PUBLIC_KINDS)
        .order_by("-created_at", "-pk")
        .first()
    )
    if deleted is not None and deleted.kind == "Delete":
        return activity_response(deleted.payload["object"] | {"@context": addresses.CONTEXT}, 410)
    return not_found(request, "No such object.")


@require_GET
def activity_view(request: HttpRequest, activity_uuid: uuid.UUID) -> HttpResponse:
    activity = Activity.objects.filter(uuid=activity_uuid, kind__in=PUBLIC_KINDS).first()
    if activity is None:
        return not_found(request, "No such activity.")
    return activity_response(activity.payload)
