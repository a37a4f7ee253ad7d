"""Where the alliance is and whom it works with.

This app will grow the member directory (issue: members); for now it owns
the regions and countries that pages refer to, and the partner organizations
that co-publish joint statements.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Region(index.Indexed, models.Model):
    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_("For example “Asia” or “Middle East”.")
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in web addresses and filters.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Regions are listed from the lowest number up.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Country(index.Indexed, models.Model):
    code = CountryField(
        _("country"), unique=True, help_text=_("The country, by its ISO 3166 code.")
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="countries",
        help_text=_("The alliance region this country belongs to."),
    )

    panels = [FieldPanel("code"), FieldPanel("region")]
    search_fields = [index.FilterField("region")]

    class Meta:
        ordering = ["id"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return str(self.code.name)

    @property
    def name(self) -> str:
        return str(self.code.name)


class PartnerOrganization(index.Indexed, models.Model):
    """An organization outside the membership that the alliance publishes with."""

    name = models.CharField(
        _("name"), max_length=255, unique=True, help_text=_("The organization's full name.")
    )
    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, help_text=_("Short name, e.g. “CPGSD”.")
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("Its public website, if it has one.")
    )

    panels = [FieldPanel("name"), FieldPanel("acronym"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.SearchField("acronym")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organization")
        verbose_name_plural = _("partner organizations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class MemberOrganization(index.Indexed, models.Model):
    """A member organization of the alliance.

    The directory (profiles, applications, visibility choices) grows here in
    the members issue; events already name their organizer by this model.
    """

    name = models.CharField(
        _("name"), max_length=255, unique=True, help_text=_("The organization's full name.")
    )
    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, help_text=_("Short name, if it uses one.")
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in web addresses and feeds.")
    )
    country = CountryField(
        _("country"), blank=True, help_text=_("Where the organization is based.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("Its home city."))
    website = models.URLField(
        _("website"), blank=True, help_text=_("Its public website, if it has one.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("slug"),
        FieldPanel("country"),
        FieldPanel("city"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("acronym")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("member organization")
        verbose_name_plural = _("member organizations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
