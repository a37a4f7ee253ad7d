"""Wagtail's history (audit log): who did what, never the personal data of whom it was done to.

A record that can be erased on request (a signature, an application, a proposal,
a contact message) must not live on in the site history under the person's name.
Its model says so with ``named_by_id_in_history = True``: every history entry
about it, whoever writes it (our services, Wagtail's snippet views), is then
labelled by kind and number only ("Endorsement #12"). The type of the record and
the moderator who acted stay, which is what the history is for.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model
from django.db.models.signals import pre_save
from django.utils import translation
from django.utils.functional import LazyObject, empty
from django.utils.text import capfirst
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry


def unwrapped(user) -> AbstractBaseUser | None:
    """``request.user`` is a lazy object, wrapped once by Django and again by
    django-otp; Wagtail's log looks through one layer only and would silently
    record nothing about it."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def is_named_by_id(model: type[Model] | None) -> bool:
    return bool(model is not None and getattr(model, "named_by_id_in_history", False))


def history_label(model: type[Model], pk) -> str:
    """The label of a record in the history: its kind and number, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{capfirst(str(model._meta.verbose_name))} #{pk}"


def log_about_record(record: Model, action: str, *, by, data: dict | None = None) -> None:
    """Record ``action`` on ``record`` done by ``by``, naming the record by kind and number."""
    log(
        instance=record,
        action=action,
        user=unwrapped(by),
        title=history_label(type(record), record.pk),
        data=data or {},
    )


def _label_without_personal_data(sender, instance: ModelLogEntry, **kwargs) -> None:
    """The guard behind every entry, Wagtail's own included (create, edit, delete of snippets)."""
    content_type = instance.content_type
    model = content_type.model_class() if content_type is not None else None
    if is_named_by_id(model):
        instance.label = history_label(model, instance.object_id)


def connect() -> None:
    pre_save.connect(
        _label_without_personal_data,
        sender=ModelLogEntry,
        dispatch_uid="history-label-without-personal-data",
    )


def relabel_history(apps, app_label: str, model_names: list[str]) -> int:
    """For data migrations: label the existing entries about these models by kind and number.

    Uses the historical models given to the migration, so it keeps working as the
    models change. Returns how many entries it relabelled.
    """
    content_type_model = apps.get_model("contenttypes", "ContentType")
    entry_model = apps.get_model("wagtailcore", "ModelLogEntry")
    changed = []
    for model_name in model_names:
        model = apps.get_model(app_label, model_name)
        content_type = content_type_model.objects.filter(
            app_label=app_label, model=model_name
        ).first()
        if content_type is None:
            continue
        for entry in entry_model.objects.filter(content_type=content_type).only("object_id"):
            entry.label = f"{capfirst(str(model._meta.verbose_name))} #{entry.object_id}"
            changed.append(entry)
    entry_model.objects.bulk_update(changed, ["label"], batch_size=500)
    return len(changed)
