"""Addresses of the API: /api/v1/..., outside the language prefix (every text says its own)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from . import problems, views
from .http import served

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
            f"api/v1/{name}/<int:pk>/", served(viewset.as_view(DETAIL)), name=f"api_{name}_detail"
        ),
    ]
urlpatterns += [
    re_path(r"^api/(?P<rest>.*)$", served(problems.not_found)),
]
