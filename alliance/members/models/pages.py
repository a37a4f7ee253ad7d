"""The public directory of members, and the page where organizations apply to join."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from alliance.core.handoff import ServedByViews
from alliance.core.visibility import KnownRestrictions

from .organizations import MemberOrganization

VIEWS = "alliance.members.views"


class MemberDirectoryPage(KnownRestrictions, ServedByViews, RoutablePageMixin, Page):
    views_module = VIEWS

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence above the directory.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("member directory")

    @path("")
    def directory_view(self, request):
        return self.hand_off("directory", request)

    @path("<slug:slug>/")
    def organization_view(self, request, slug: str):
        return self.hand_off("organization_profile", request, slug)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for organization in MemberOrganization.objects.listed().only("slug"):
            urls.append({"location": f"{base}{organization.slug}/"})
        return urls


class JoinPage(KnownRestrictions, ServedByViews, Page):
    views_module = VIEWS

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Who may join and what happens next.")
    )
    thank_you_text = models.TextField(
        _("thank-you text"), blank=True, help_text=_("Shown after an application is sent.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("thank_you_text")]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("join page")

    def serve(self, request, *args, **kwargs):
        return self.hand_off("join_serve", request)
