"""The admin in the alliance's words: shortcuts to its pages, the review menu, the dashboard.

Core knows no page type of the apps above: each app describes its shortcuts
(``PageShortcut``: "All statements", "Write a statement") and hands them to the
menus and the dashboard through Wagtail hooks:

- ``register_dashboard_shortcut``: a function returning a ``PageShortcut`` shown
  on the dashboard;
- ``register_review_menu_item``: a function returning a review queue's menu item
  (``core.review_admin.ReviewMenuItem``), shown in the "Review" menu with its
  count and on the dashboard.

A shortcut's address is fixed (``admin/go/<name>/``) so that menus and the
dashboard cost no query; following it finds the page (the index of statements,
say) and hands over to Wagtail's own explorer or "add page" view, which check
the editor's permissions.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page

EXPLORE = "explore"
ADD = "add"


class PageShortcut:
    """A link to where an editor works on one kind of page.

    ``EXPLORE`` opens the page explorer of the first ``parent_model`` page (in
    the default language when there is one); ``ADD`` opens Wagtail's form for a
    new ``child_model`` page under it.
    """

    def __init__(
        self,
        *,
        name: str,
        label: str,
        parent_model: type[Page],
        action: str = EXPLORE,
        child_model: type[Page] | None = None,
        icon: str = "doc-full",
        order: int = 100,
        menu_label: str = "",
    ) -> None:
        if action == ADD and child_model is None:
            raise ValueError("An ADD shortcut needs the child_model it adds.")
        self.name = name
        self.label = label
        self.parent_model = parent_model
        self.action = action
        self.child_model = child_model
        self.icon = icon
        self.order = order
        # The sidebar cuts long labels: a shorter one for the menu, if need be.
        self.menu_label = menu_label or label

    @property
    def url_name(self) -> str:
        return f"alliance_go_{self.name}"

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def parent(self) -> Page | None:
        pages = self.parent_model.objects.order_by("path")
        default = Locale.get_default()
        return pages.filter(locale=default).first() or pages.first()

    def target(self, parent: Page) -> str:
        if self.action == ADD:
            meta = self.child_model._meta
            return reverse(
                "wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, parent.pk)
            )
        return reverse("wagtailadmin_explore", args=(parent.pk,))

    def view(self, request: HttpRequest) -> HttpResponse:
        parent = self.parent()
        if parent is None:
            messages.warning(
                request,
                _("There is no “%(kind)s” page yet; add one in the page tree first.")
                % {"kind": self.parent_model._meta.verbose_name},
            )
            return redirect("wagtailadmin_explore_root")
        return redirect(self.target(parent))

    def urlpattern(self) -> URLPattern:
        return path(f"go/{self.name}/", self.view, name=self.url_name)

    def menu_item(self) -> MenuItem:
        return MenuItem(
            self.menu_label, self.url, name=self.name, icon_name=self.icon, order=self.order
        )


def shortcut_submenu(label: str, hook_name: str, *, icon: str, order: int, name: str):
    """A top-level menu whose entries are registered with ``hook_name``."""
    return SubmenuMenuItem(
        label, Menu(register_hook_name=hook_name), name=name, icon_name=icon, order=order
    )


class ReviewSubmenuMenuItem(SubmenuMenuItem):
    """The "Review" menu: its label carries how many records wait, in all queues."""

    def render_component(self, request: HttpRequest):
        component = super().render_component(request)
        total = sum(item.count(request) for item in review_items(request))
        if total:
            component.label = _("%(label)s (%(count)d)") % {"label": self.label, "count": total}
        return component


def review_items(request: HttpRequest) -> list:
    """The review queues' menu items this user may open, in menu order."""
    items = [fn() for fn in hooks.get_hooks("register_review_menu_item")]
    return sorted((item for item in items if item.is_shown(request)), key=lambda i: i.order)


def review_menu() -> SubmenuMenuItem:
    return ReviewSubmenuMenuItem(
        _("Review"),
        Menu(register_hook_name="register_review_menu_item"),
        name="review",
        icon_name="tasks",
        order=150,
    )


class DashboardPanel(Component):
    """What an editor starts from: write, add, start; and what waits for review."""

    name = "alliance_dashboard"
    order = 50
    template_name = "core/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None) -> dict:
        request = parent_context["request"]
        shortcuts = sorted(
            (fn() for fn in hooks.get_hooks("register_dashboard_shortcut")),
            key=lambda shortcut: shortcut.order,
        )
        return {
            "shortcuts": shortcuts,
            "queues": [
                {"label": item.label, "url": item.url, "count": item.count(request)}
                for item in review_items(request)
            ],
        }
