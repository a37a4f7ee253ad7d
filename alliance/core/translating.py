"""Translating pages with wagtail-localize without publishing untranslated text (issue 17).

- New translations are drafts (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`` in settings).
- The slug is not a string to translate: wagtail-localize would list it among the
  missing translations, on the "Promote" tab where translators do not look. Each
  page model's translatable fields are wagtail-localize's own, without the slug
  (``slug_left_out``); the slug follows the translated title the first time the
  translation is published (``slug_from_title``), so the address reads in its language.
- Publishing a translation with strings still untranslated is refused, with a message
  naming each missing field and the tab of the translation editor it is on
  (``refuse_incomplete_publish``): wagtail-localize would publish the source's text
  in their place and only warn "see below".
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, TranslatableMixin, get_page_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.views.edit_translation import TabHelper


def slug_left_out() -> None:
    """Give every page model wagtail-localize's translatable fields less the slug.

    All are derived before any is set: a model inherits its parent's list once set.
    """
    derived = {
        model: get_translatable_fields(model)
        for model in get_page_models()
        if "translatable_fields" not in model.__dict__
    }
    for model, fields in derived.items():
        model.translatable_fields = [field for field in fields if field.field_name != "slug"]


def translation_of(instance: models.Model) -> Translation | None:
    """The enabled wagtail-localize translation whose target ``instance`` is, if any."""
    if not isinstance(instance, TranslatableMixin):
        return None
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def missing_strings(translation: Translation) -> models.QuerySet[StringSegment]:
    """The source's strings with no translation into the target language yet."""
    segments = translation.source.stringsegment_set.select_related("context").order_by("order")
    return segments.annotate_translation(translation.target_locale).filter(translation__isnull=True)


def missing_fields(translation: Translation, instance: models.Model) -> list[str]:
    """Each field with a missing string, once, as "Field (tab)", in the editor's order."""
    source = translation.source.get_source_instance()
    tabs = TabHelper(source)
    named = []
    for segment in missing_strings(translation):
        field_name = segment.context.path.split(".")[0]
        try:
            label = str(type(source)._meta.get_field(field_name).verbose_name)
        except FieldDoesNotExist:  # a child relation: its name is what the editor shows
            label = field_name
        label = label[:1].upper() + label[1:]
        try:
            where = _("%(field)s, on the “%(tab)s” tab") % {
                "field": label,
                "tab": tabs.get_field_tab(field_name),
            }
        except KeyError:
            where = label
        if where not in named:
            named.append(where)
    return named


def refuse_incomplete_publish(request: HttpRequest, instance: models.Model) -> HttpResponse | None:
    """For ``before_edit_page``/``before_edit_snippet``, before wagtail-localize's own hook."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = translation_of(instance)
    if translation is None:
        return None
    missing = missing_fields(translation, instance)
    if missing:
        messages.error(
            request,
            _("Not published: please translate %(fields)s first.") % {"fields": "; ".join(missing)},
        )
        return redirect(request.path)
    if isinstance(instance, Page):
        slug_from_title(instance.specific, translation)
    return None


def slug_from_title(page: Page, translation: Translation) -> None:
    """Before a translation's first publication, give it a slug made from its translated title.

    Only while the slug is still the source's: a published address is never changed,
    and a title that makes no Latin-letter slug (Arabic, say) keeps the source's slug.
    """
    if page.first_published_at is not None:
        return
    source = translation.source.get_source_instance()
    title = (
        translation.source.stringsegment_set.filter(context__path="title")
        .get_translations(translation.target_locale)
        .first()
    )
    if page.slug != source.slug or title is None:
        return
    wanted = slugify(title.data)
    if not wanted or wanted == page.slug:
        return
    page.slug = find_available_slug(page.get_parent(), wanted, ignore_page_id=page.pk)
    page.save(clean=False)
