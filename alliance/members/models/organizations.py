"""Member organizations (with what each lets others see) and partner organizations."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from alliance.core.models import phone_validator

from .places import Country


class OrganizationKind(models.TextChoices):
    MIGRANT = "migrant", _("Grassroots migrant organization")
    REFUGEE = "refugee", _("Refugee or displaced people's organization")
    NGO = "ngo", _("NGO or service institution")
    ADVOCACY = "advocacy", _("Advocacy or solidarity group")
    OTHER = "other", _("Other")


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    MEMBER = "member", _("Member")
    SUSPENDED = "suspended", _("Suspended")
    FORMER = "former", _("Former member")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Member organizations only")
    HIDDEN = "hidden", _("Only the secretariat")


# Fields an organization chooses to show, and what they show by default:
# contact details stay hidden until the organization decides otherwise.
VISIBILITY_DEFAULTS: dict[str, str] = {
    "city": Visibility.PUBLIC,
    "sectors": Visibility.PUBLIC,
    "founded_year": Visibility.PUBLIC,
    "joined_on": Visibility.PUBLIC,
    "website": Visibility.PUBLIC,
    "social_links": Visibility.PUBLIC,
    "logo": Visibility.PUBLIC,
    "description": Visibility.PUBLIC,
    "contact_name": Visibility.HIDDEN,
    "contact_email": Visibility.HIDDEN,
    "contact_phone": Visibility.HIDDEN,
}


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


def organization_label(name: str, acronym: str) -> str:
    return f"{name} ({acronym})" if acronym else name


class MemberOrganizationQuerySet(models.QuerySet):
    def members(self) -> MemberOrganizationQuerySet:
        """Organizations that are members now (listed or not)."""
        return self.filter(status=MembershipStatus.MEMBER)

    def listed(self) -> MemberOrganizationQuerySet:
        """Members the public may see named: never the unlisted ones."""
        return self.members().filter(unlisted=False)

    def choice_pairs(self) -> Iterator[tuple[str, str]]:
        """(slug, name as shown) for a select, without building an organization each."""
        for slug, name, acronym in self.values_list("slug", "name", "acronym"):
            yield slug, organization_label(name, acronym)

    def in_region(self, region) -> MemberOrganizationQuerySet:
        return self.filter(country__in=Country.objects.filter(region=region).values("code"))


class MemberOrganization(index.Indexed, ClusterableModel):
    """A member organization of the alliance, and what it lets others see of it."""

    name = models.CharField(
        _("name"), max_length=255, unique=True, help_text=_("The organization's full name.")
    )
    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, help_text=_("Short name, if it uses one.")
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in web addresses and feeds.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganizationKind.choices,
        default=OrganizationKind.MIGRANT,
        help_text=_("What sort of organization it is."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MembershipStatus.choices,
        default=MembershipStatus.MEMBER,
        help_text=_("Only members appear in the directory and the figures."),
    )
    unlisted = models.BooleanField(
        _("unlisted (at risk)"),
        default=False,
        help_text=_(
            "Counted in the figures, never named or shown publicly. For organizations that "
            "would be in danger if known."
        ),
    )
    is_sample = models.BooleanField(
        _("sample"),
        default=False,
        help_text=_("Demonstration data; shown with a “sample” label."),
    )
    country = CountryField(_("country"), blank=True, help_text=_("Where it is based."))
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("Its home city."))
    sectors = models.CharField(
        _("whom it organizes"),
        max_length=255,
        blank=True,
        help_text=_("Sectors or nationalities, e.g. “Filipino domestic workers”."),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded"), null=True, blank=True, help_text=_("Year the organization was founded.")
    )
    joined_on = models.DateField(
        _("joined"), null=True, blank=True, help_text=_("When it joined the alliance.")
    )
    founding_member = models.BooleanField(
        _("founding member"),
        default=False,
        help_text=_("Took part in the founding assembly in June 2008."),
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("Its public website, if it has one.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square works best."),
    )
    description = models.TextField(
        _("description"), max_length=1000, blank=True, help_text=_("A few sentences about it.")
    )
    contact_name = models.CharField(
        _("contact person"), max_length=150, blank=True, help_text=_("Hidden unless chosen.")
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Hidden unless chosen.")
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=40,
        blank=True,
        validators=[phone_validator],
        help_text=_("Hidden unless chosen."),
    )
    visibility = models.JSONField(
        _("who sees what"),
        default=dict,
        blank=True,
        help_text=_("For each field: everyone, member organizations only, or the secretariat."),
    )

    objects = MemberOrganizationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("acronym"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("status"),
                FieldPanel("unlisted"),
                FieldPanel("is_sample"),
            ],
            heading=_("Organization"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldPanel("city"),
                FieldPanel("sectors"),
                FieldPanel("founded_year"),
                FieldPanel("joined_on"),
                FieldPanel("founding_member"),
                FieldPanel("website"),
                FieldPanel("logo"),
                FieldPanel("description"),
            ],
            heading=_("Profile"),
        ),
        InlinePanel("social_links", heading=_("Social links"), label=_("Social link")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact (hidden by default)"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("acronym")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("member organization")
        verbose_name_plural = _("member organizations")
        permissions = [("represent_organization", _("Can act for its own member organization"))]

    def __str__(self) -> str:
        return organization_label(self.name, self.acronym)

    def visibility_of(self, field: str) -> str:
        return self.visibility.get(field, VISIBILITY_DEFAULTS[field])

    def shown_fields(self, audience: str) -> set[str]:
        """The optional fields an audience may see: "public", "members" or "secretariat"."""
        allowed = {
            "public": {Visibility.PUBLIC},
            "members": {Visibility.PUBLIC, Visibility.MEMBERS},
            "secretariat": {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.HIDDEN},
        }[audience]
        return {field for field in VISIBILITY_DEFAULTS if self.visibility_of(field) in allowed}


class MemberSocialLink(Orderable):
    organization = ParentalKey(
        MemberOrganization, on_delete=models.CASCADE, related_name="social_links"
    )
    label = models.CharField(_("label"), max_length=50, help_text=_("E.g. “Facebook”."))
    url = models.URLField(_("address"), help_text=_("The full address of the profile."))

    panels = [FieldPanel("label"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social link")
        verbose_name_plural = _("social links")

    def __str__(self) -> str:
        return self.label


class MemberRepresentative(models.Model):
    """A user account that acts for one member organization."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="representative",
        help_text=_("The person's login."),
    )
    organization = models.ForeignKey(
        MemberOrganization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="representatives",
        help_text=_("The organization this account acts for."),
    )

    panels = [FieldPanel("user"), FieldPanel("organization")]

    class Meta:
        verbose_name = _("member representative")
        verbose_name_plural = _("member representatives")

    def __str__(self) -> str:
        return f"{self.user} – {self.organization}"
