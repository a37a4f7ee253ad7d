"""The personal-data registry: every kind of record that holds personal data, declared by its app.

Each app that keeps something about a person (a name, an address, a phone
number) describes it here once, in its own ``<app>/personal_data.py``: a
subclass of ``PersonalDataKind`` per kind of record says how to find a
person's records, show them on the admin screens, hand them over, erase them
on request and expire them on schedule. The app registers its kinds from its
``AppConfig.ready()``. ``alliance.privacy`` (the request screens and
``manage.py purge_personal_data``) only walks this registry, so an app that
starts keeping personal data adds one module and one line in ``ready()`` and
changes nothing in ``privacy``. A test in ``privacy`` fails when a model with
an e-mail, phone or network address field belongs to no registered kind.

Why ``ready()`` and not a Wagtail hook: the registry must be complete wherever
personal data is touched, above all in ``purge_personal_data`` run from cron,
where nothing else of the Wagtail admin is loaded. ``ready()`` runs once for
every entry point (web server, management commands, tests) as soon as the
models are loaded, in the same way for all apps; a hook would be found only
when something first asks for hooks, by importing every app's admin module.

The idea of a class per kind with an export and an erase step comes from
pretix's "data shredders"; this registry adds the lookup of one person across
kinds, which a request needs, and retention (``expire``), which pretix leaves
to a separate mechanism.

Core's own kind, contact messages, is declared at the end of this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ContactMessage

Text = str | Promise


class PersonalDataKind:
    """One kind of record that holds personal data, as its app declares it.

    Requests (find, describe, export, erase) work on the records one search
    found; retention (``expire``) works on the whole table. Counts returned by
    ``erase`` are keyed by name; a key ending in ``_kept`` counts records found
    but deliberately left alone, and the erase screen explains them.
    """

    #: Names the kind in the JSON export, in erase counts and in site history
    #: entries; do not change it once used.
    key: ClassVar[str]
    #: The heading of its table on the admin screens, e.g. "RSVPs".
    title: ClassVar[Text]
    #: Where the kind comes on the screens, in the export and in the purge's
    #: output: lower first.
    position: ClassVar[int]
    #: The models that hold the data.
    models: ClassVar[tuple[type[models.Model], ...]] = ()
    #: False for records that cannot be looked up by a person's e-mail
    #: address or name (they only expire).
    searchable: ClassVar[bool] = True
    #: False when a request to erase leaves these records alone: they are
    #: found and shown only, and ``note`` says why.
    erasable: ClassVar[bool] = True
    #: What erasing does to these records, or why they stay.
    note: ClassVar[Text] = ""
    #: The column headings of its table on the admin screens.
    columns: ClassVar[Sequence[Text]] = ()
    #: After the counts of what was kept: why, and where to change it instead.
    kept_reason: ClassVar[Text] = ""
    #: What ``expire`` removes, for ``purge_personal_data --help``.
    retention: ClassVar[str] = ""

    def find(self, query: str) -> list[Any]:
        """Records whose address or person's name equals ``query``, ignoring case.

        One database query however much is found (with what ``describe`` and
        ``export`` read already joined in).
        """
        raise NotImplementedError

    def describe(self, record: Any) -> list[Any]:
        """One row of the admin table, a value per column."""
        raise NotImplementedError

    def export(self, record: Any) -> dict[str, Any]:
        """What is stored, as JSON-ready data for the person who asked."""
        raise NotImplementedError

    def erase(self, records: list[Any], now: dt.datetime) -> dict[str, int]:
        """Erase what a search found and count it. Runs inside the request's transaction.

        Records may have changed since they were found; read them afresh.
        A kind that is not erasable counts everything as kept.
        """
        if self.erasable:
            raise NotImplementedError
        return {f"{self.key}_kept": len(records)}

    def erased_summary(self, counts: dict[str, int]) -> str:
        """A sentence for the message after an erasure, from ``erase``'s counts."""
        return ""

    def kept_summary(self, counts: dict[str, int]) -> str:
        """A sentence counting what was kept, for the message after an erasure."""
        return ""

    def expire(self, now: dt.datetime) -> list[str]:
        """Remove what is past its retention time; one line of output per rule.

        Safe to run again: a second run removes nothing more.
        """
        return []


class PersonalDataRegistry:
    """The registered kinds, one instance of each, in their ``position`` order."""

    def __init__(self) -> None:
        self._kinds: dict[str, PersonalDataKind] = {}

    def register(self, *kinds: type[PersonalDataKind]) -> None:
        for kind in kinds:
            known = self._kinds.get(kind.key)
            if known is not None and type(known) is not kind:
                raise ImproperlyConfigured(
                    f"Two kinds of personal data are called {kind.key!r}: "
                    f"{type(known).__qualname__} and {kind.__qualname__}."
                )
            self._kinds[kind.key] = kind()

    def unregister(self, key: str) -> None:
        self._kinds.pop(key, None)

    def kinds(self) -> list[PersonalDataKind]:
        return sorted(self._kinds.values(), key=lambda kind: (kind.position, kind.key))

    def searchable(self) -> list[PersonalDataKind]:
        return [kind for kind in self.kinds() if kind.searchable]


registry = PersonalDataRegistry()
register = registry.register


# -- how kinds write values ---------------------------------------------------------


def iso(value: dt.date | dt.datetime | None) -> str | None:
    """A date or time for the JSON export."""
    return value.isoformat() if value is not None else None


def country_code(value) -> str:
    """A django-countries value for the JSON export."""
    return value.code if value else ""


def admin_time(value: dt.datetime | None) -> str:
    """A time for the admin tables, in the same compact form as the site's other admin lists."""
    return date_format(timezone.localtime(value), "Y-m-d H:i") if value else ""


def deleted_count(queryset: models.QuerySet) -> int:
    """Delete the queryset's rows; count those of its own model, leaving out any cascade."""
    _total, by_model = queryset.delete()
    return by_model.get(queryset.model._meta.label, 0)


# -- core's own kind ----------------------------------------------------------------

CONTACT_MESSAGE_DAYS = 90


class ContactMessages(PersonalDataKind):
    key = "contact_messages"
    title = gettext_lazy("Contact messages")
    position = 20
    models = (ContactMessage,)
    note = gettext_lazy("Deleted.")
    columns = (
        gettext_lazy("Name"),
        gettext_lazy("E-mail"),
        gettext_lazy("Subject"),
        gettext_lazy("Received"),
        gettext_lazy("Handled"),
    )
    retention = (
        f"contact messages marked as handled, {CONTACT_MESSAGE_DAYS} days after they arrived "
        "(the default of purge_contact_messages)"
    )

    def find(self, query: str) -> list[ContactMessage]:
        return list(
            ContactMessage.objects.filter(Q(email__iexact=query) | Q(name__iexact=query)).order_by(
                "created_at", "pk"
            )
        )

    def describe(self, message: ContactMessage) -> list[Any]:
        return [
            message.name,
            message.email,
            message.subject,
            admin_time(message.created_at),
            _("yes") if message.handled else _("no"),
        ]

    def export(self, message: ContactMessage) -> dict[str, Any]:
        return {
            "name": message.name,
            "email": message.email,
            "subject": message.subject,
            "message": message.message,
            "created_at": iso(message.created_at),
            "handled": message.handled,
        }

    def erase(self, records: list[ContactMessage], now: dt.datetime) -> dict[str, int]:
        found = ContactMessage.objects.filter(pk__in=[message.pk for message in records])
        return {"contact_messages": deleted_count(found)}

    def erased_summary(self, counts: dict[str, int]) -> str:
        return _("Contact messages: %(count)d.") % {"count": counts["contact_messages"]}

    def expire(
        self, now: dt.datetime, *, days: int = CONTACT_MESSAGE_DAYS, unhandled_too: bool = False
    ) -> list[str]:
        """Delete messages older than ``days``; a message nobody has marked as handled
        stays unless ``unhandled_too``."""
        messages = ContactMessage.objects.older_than(days, now)
        if not unhandled_too:
            messages = messages.filter(handled=True)
        deleted, _by_model = messages.delete()
        return [f"Deleted {deleted} contact message(s) older than {days} days."]
