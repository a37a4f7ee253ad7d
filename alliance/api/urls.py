"""Addresses of the API: /api/v1/..., outside the language prefix (every text says its own)."""

from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularJSONAPIView

from . import embeds, problems, views
from .http import served


class IdConverter:
    """A page or record id: at most 18 digits, which every database's integers hold (a
    longer one is simply not found, instead of overflowing SQLite)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "api_id")

LIST = {"get": "list"}
DETAIL = {"get": "retrieve"}

RESOURCES = [
    ("statements", views.StatementViewSet),
    ("events", views.EventViewSet),
    ("days-of-action", views.DayOfActionViewSet),
    ("organizations", views.OrganizationViewSet),
    ("topics", views.TopicViewSet),
    ("regions", views.RegionViewSet),
]

urlpatterns = [
    path(
        "api/v1/openapi.json",
        served(SpectacularJSONAPIView.as_view(urlconf="alliance.api.urls")),
        name="api_openapi",
    ),
]
for name, viewset in RESOURCES:
    urlpatterns += [
        path(f"api/v1/{name}/", served(viewset.as_view(LIST)), name=f"api_{name}_list"),
        path(
            f"api/v1/{name}/<api_id:pk>/",
            served(viewset.as_view(DETAIL)),
            name=f"api_{name}_detail",
        ),
    ]
urlpatterns += [
    # Outside the language prefix too: ``?lang=`` says which language to show.
    path("embed/statements/", embeds.latest_statements, name="embed_statements"),
    path("embed/events/", embeds.coming_events, name="embed_events"),
    re_path(r"^api/(?P<rest>[\s\S]*)\Z", served(problems.not_found)),
]
