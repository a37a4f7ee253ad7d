"""The alliance's name, short name, tagline and secretariat city, in each language (issue 17).

Why a translatable snippet (*Settings › Name and tagline*) and not fields of the alliance
settings: a Wagtail site setting is one row per site, and wagtail-localize cannot translate
it. As a snippet with one row per language, editors translate these lines exactly as they
translate topics, regions and people ("Translate", then wagtail-localize's editor). Not fields
of the home page either: the name would then wait for the home page's translation to be
published, and sit among the page's own texts in the page editor. The settings keep what is
the same in every language (logo, founding date, address, e-mail, contacts, licence).

``AllianceSettings.name`` (and ``acronym``, ``tagline``, ``secretariat_city``,
``short_name``) read the row in the reader's language, falling back to the default
language's row; the answer is kept in the cache until content next changes (a saved row
starts a new content generation), so pages, feeds, the web manifest and structured data pay
no query for it.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Site, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import generation
from .translated import TranslatedQuerySet, default_language, reader_language

TEXT_FIELDS = ("name", "acronym", "tagline", "secretariat_city")


class AllianceTexts(TranslatableMixin, models.Model):
    """What readers read of the alliance's identity, in one language, for one site."""

    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The site these texts belong to (Settings › Sites)."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The alliance's full name, e.g. “International Migrants Alliance”."),
    )
    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, help_text=_("Short name, e.g. “IMA”.")
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=255,
        blank=True,
        help_text=_("One line under the name in the header and in share previews."),
    )
    secretariat_city = models.CharField(
        _("secretariat city"),
        max_length=100,
        blank=True,
        help_text=_("Where the secretariat is based, e.g. “Hong Kong”."),
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("tagline"),
        FieldPanel("secretariat_city"),
    ]
    translatable_fields = [SynchronizedField("site")] + [
        TranslatableField(field) for field in TEXT_FIELDS
    ]

    objects = TranslatedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("name and tagline")
        verbose_name_plural = _("names and taglines")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "locale"], name="one_alliance_texts_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The admin's form leaves the locale out, so Django would not check the constraint.
        others = AllianceTexts.objects.filter(site_id=self.site_id, locale_id=self.locale_id)
        if self.site_id and self.locale_id and others.exclude(pk=self.pk).exists():
            raise ValidationError(
                _("This site already has its name and tagline in this language: edit those.")
            )


def texts_in(site_id: int | None, language: str) -> dict[str, str]:
    """The texts of ``site_id`` (``None``: the default site, for mails) in ``language``, else
    in the default language, else empty."""
    key = f"alliance-texts:{generation.current()}:{site_id or 'default'}:{language}"
    found = cache.get(key)
    if found is None:
        site = {"site_id": site_id} if site_id else {"site__is_default_site": True}
        rows = {
            row.locale.language_code: row
            for row in AllianceTexts.objects.filter(
                **site, locale__language_code__in={language, default_language()}
            ).select_related("locale")
        }
        row = rows.get(language) or rows.get(default_language())
        found = {field: getattr(row, field) if row else "" for field in TEXT_FIELDS}
        cache.set(key, found, 3600)
    return found


def texts_in_reader_language(site_id: int | None) -> dict[str, str]:
    return texts_in(site_id, reader_language())


def default_texts_save(site: Site, **fields: str) -> AllianceTexts:
    """Create or change ``site``'s texts in the default language (the demo loader, tests)."""
    texts, _created = AllianceTexts.objects.update_or_create(
        site=site, locale=Locale.objects.get(language_code=default_language()), defaults=fields
    )
    return texts
