"""Regions of the alliance and the countries in each."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from alliance.core.translated import TranslatedQuerySet, originals_only


class Region(TranslatableMixin, index.Indexed, models.Model):
    """Translatable (``core.translated``): the name in each language, the slug the same in all."""

    name = models.CharField(
        _("name"), max_length=100, help_text=_("For example “Asia” or “Middle East”.")
    )
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in web addresses and filters.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Regions are listed from the lowest number up.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    objects = TranslatedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        # One name and one slug per language: the translations share the original's slug.
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="members_region_slug_locale"),
            models.UniqueConstraint(fields=["name", "locale"], name="members_region_name_locale"),
        ]

    def __str__(self) -> str:
        return self.name


class Country(index.Indexed, models.Model):
    code = CountryField(
        _("country"), unique=True, help_text=_("The country, by its ISO 3166 code.")
    )
    region = models.ForeignKey(
        Region,
        limit_choices_to=originals_only,
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
