from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
    list_display = ["name", "acronym", "website"]
    search_fields = ["name", "acronym"]


class MemberOrganizationViewSet(SnippetViewSet):
    model = MemberOrganization
    icon = "group"
    list_display = ["name", "acronym", "country", "city", "status", "unlisted"]
    list_filter = ["status", "kind", "unlisted"]
    search_fields = ["name", "acronym"]


class MemberRepresentativeViewSet(SnippetViewSet):
    model = MemberRepresentative
    icon = "user"
    list_display = ["user", "organization"]


class PlacesAndPartnersGroup(SnippetViewSetGroup):
    menu_label = _("Members & partners")
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


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("applications/", admin_views.application_queue, name="members_application_queue"),
        path(
            "applications/<int:application_id>/<str:decision>/",
            admin_views.application_decide,
            name="members_application_decide",
        ),
        path("endorsements/", admin_views.endorsement_queue, name="members_endorsement_queue"),
        path(
            "endorsements/<int:endorsement_id>/<str:decision>/",
            admin_views.endorsement_decide,
            name="members_endorsement_decide",
        ),
        path(
            "endorsements/statement/<int:statement_id>.csv",
            admin_views.endorsement_export,
            name="members_endorsement_export",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    return PermissionMenuItem(
        _("Applications to join"),
        reverse("members_application_queue"),
        icon_name="form",
        order=260,
        check=admin_views.can_review_applications,
    )


@hooks.register("register_admin_menu_item")
def endorsements_menu_item():
    return PermissionMenuItem(
        _("Endorsements to review"),
        reverse("members_endorsement_queue"),
        icon_name="success",
        order=270,
        check=admin_views.can_review_endorsements,
    )
