"""Places on a lower app's page that an app above it fills: the panel registry.

Apps sit in layers (docs/architecture.md): a statement page (newsroom) shows the member
organizations that endorse it (members, a higher layer), and an organization's profile
(members) shows its events (events, higher still). The lower app cannot import or
``{% load %}`` the higher one, so its template names a *slot* instead::

    {% load alliance %}
    {% panels "statement-after-body" page %}

and the higher app registers what goes there, from its ``AppConfig.ready()``::

    panels.register("statement-after-body", "members/panels/endorsements.html",
                    endorsements_context)

Each panel is a template and a function that builds its context from the page's template
context and the object the slot is about. Panels render in the order they were registered;
an app that is not installed simply leaves its slot empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template import Context
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

PanelContext = Callable[[Context, object], dict | None]


@dataclass(frozen=True)
class Panel:
    template: str
    context: PanelContext


_slots: dict[str, list[Panel]] = {}


def register(slot: str, template: str, context: PanelContext) -> None:
    """Show ``template`` in ``slot``; ``context(page_context, obj)`` returns its context,
    or None to show nothing this time. Registering the same panel twice changes nothing."""
    panel = Panel(template, context)
    registered = _slots.setdefault(slot, [])
    if panel not in registered:
        registered.append(panel)


def registered(slot: str) -> list[Panel]:
    return list(_slots.get(slot, ()))


def render(slot: str, page_context: Context, obj: object) -> SafeString:
    """Every panel of ``slot`` for ``obj``, rendered with the page's request."""
    request = page_context.get("request")
    parts = []
    for panel in _slots.get(slot, ()):
        context = panel.context(page_context, obj)
        if context is None:
            continue
        parts.append(render_to_string(panel.template, context, request=request))
    # Each part is a rendered template, escaped by the template engine.
    return mark_safe("".join(parts))  # noqa: S308
