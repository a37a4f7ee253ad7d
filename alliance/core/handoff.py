"""The one seam between a page model and its app's views: pages hand requests off by name.

Page models stay thin (what the page *is*); what happens on a request lives in the app's
``views.py``, which imports the models. A model cannot import its views at the top of the
module without a cycle, so instead of importing inside each ``serve`` or route, a page
names its views module once and hands off through ``ServedByViews.hand_off``::

    class EventPage(ServedByViews, RoutablePageMixin, Page):
        views_module = "alliance.events.views"

        @path("")
        def event_view(self, request):
            return self.hand_off("event_serve", request)

The view is called as ``view(page, request, *args, **kwargs)``. This is the only
deferred import in the project's page models (docs/architecture.md, "Conventions").
"""

from __future__ import annotations

from importlib import import_module

from django.http import HttpRequest, HttpResponse


class ServedByViews:
    """Mixin for page models whose requests are answered by functions in ``views_module``."""

    views_module: str = ""

    def hand_off(self, view_name: str, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        view = getattr(import_module(self.views_module), view_name)
        return view(self, request, *args, **kwargs)
