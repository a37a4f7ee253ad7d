from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from alliance.core.review_admin import ReviewQueue

from . import admin_views
from .models import (
    Country,
    MemberOrganization,
    MemberRepresentative,
    PartnerOrganization,
    Region,
)


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "slug", "sort_order"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "region"]
    list_filter = ["region"]


class PartnerOrganizationViewSet(SnippetViewSet):
    model = PartnerOrganization
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "acronym", "website"]
    search_fields = ["name", "acronym"]


class MemberOrganizationViewSet(SnippetViewSet):
    model = MemberOrganization
    icon = "group"
    menu_label = _("Organizations")
    list_display = ["name", "acronym", "country", "city", "status", "unlisted"]
    list_filter = ["status", "kind", "unlisted"]
    search_fields = ["name", "acronym"]


class MemberRepresentativeViewSet(SnippetViewSet):
    model = MemberRepresentative
    icon = "user"
    menu_label = _("Representatives")
    list_display = ["user", "organization"]


class PlacesAndPartnersGroup(SnippetViewSetGroup):
    """Members, with their representatives, the regions and countries, and partners."""

    # Short: longer labels are cut in the sidebar.
    menu_label = _("Members")
    menu_name = "members-menu"
    menu_icon = "globe"
    menu_order = 300
    items = (
        MemberOrganizationViewSet,
        MemberRepresentativeViewSet,
        RegionViewSet,
        CountryViewSet,
        PartnerOrganizationViewSet,
    )


register_snippet(PlacesAndPartnersGroup)


APPLICATION_QUEUE = ReviewQueue(
    name="members_application",
    url_prefix="applications",
    queue_view=admin_views.ApplicationQueueView,
    decision_view=admin_views.ApplicationDecisionView,
    menu_label=_("Applications"),
    icon="form",
    order=20,
)

ENDORSEMENT_QUEUE = ReviewQueue(
    name="members_endorsement",
    url_prefix="endorsements",
    queue_view=admin_views.EndorsementQueueView,
    decision_view=admin_views.EndorsementDecisionView,
    menu_label=_("Endorsements"),
    icon="success",
    order=30,
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        *APPLICATION_QUEUE.urls(),
        path(
            "endorsements/statement/<int:statement_id>.csv",
            admin_views.endorsement_export,
            name="members_endorsement_export",
        ),
        *ENDORSEMENT_QUEUE.urls(),
    ]


@hooks.register("register_review_menu_item")
def applications_menu_item():
    return APPLICATION_QUEUE.menu_item()


@hooks.register("register_review_menu_item")
def endorsements_menu_item():
    return ENDORSEMENT_QUEUE.menu_item()


@hooks.register("register_log_actions")
def register_review_actions(actions):
    APPLICATION_QUEUE.register_log_actions(actions)
    ENDORSEMENT_QUEUE.register_log_actions(actions)
