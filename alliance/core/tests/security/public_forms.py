"""The site's public forms, described once for the security tests.

Each form knows its address, a valid submission, which fields take any text
(stored as typed) and which have a format of their own (e-mail, phone, URL:
hostile text is refused there), and how to find what it stored.
"""

from __future__ import annotations

import json
import time

from bs4 import BeautifulSoup
from django.urls import reverse

from alliance.core.models import ContactMessage
from alliance.core.spam import form_token
from alliance.core.tests.factories import ContactPageFactory
from alliance.events.models import EventPage, LocalActionProposal, Rsvp
from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
from alliance.members.models import Endorsement, MembershipApplication
from alliance.members.tests.factories import JoinPageFactory
from alliance.newsroom.tests.factories import StatementPageFactory

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
]
SQL_PAYLOADS = ["' OR 1=1 --", "'); DROP TABLE x; --"]
HOSTILE = XSS_PAYLOADS + SQL_PAYLOADS
OVER_LONG = "x" * 100_000
# What must never reach a page unescaped.
RAW_MARKUP = ("<script>alert(1)</script>", "onerror=alert(1)>")
DATA_SCRIPT_TYPES = ("application/ld+json", "application/json")


def old_token() -> str:
    """A valid spam token, for a form shown long enough ago."""
    return form_token(time.time() - 30)


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


class PublicForm:
    name = ""
    free_text: tuple[str, ...] = ()
    formatted: tuple[str, ...] = ()
    accepted: tuple[int, ...] = (200,)
    url = ""

    def fields(self) -> dict:
        raise NotImplementedError

    def data(self, **changes) -> dict:
        return {**self.fields(), "fax": "", "token": old_token(), **changes}

    def distinct(self, number: int) -> dict:
        """Changes that make the n-th submission a different one (no duplicate refusal)."""
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def nothing_stored(self) -> bool:
        return self.count() == 0

    def stored(self, field: str):
        raise NotImplementedError

    @property
    def text_fields(self) -> tuple[str, ...]:
        return self.free_text + self.formatted


class Contact(PublicForm):
    name = "contact"
    free_text = ("name", "subject", "message")
    formatted = ("email",)

    def __init__(self, home, **_) -> None:
        self.page = ContactPageFactory(parent=home)
        self.url = self.page.url

    def fields(self) -> dict:
        return {
            "name": "Maria",
            "email": "maria@example.org",
            "subject": "Joining the march",
            "message": "How can our association take part?",
        }

    def distinct(self, number: int) -> dict:
        return {"subject": f"Message {number}"}

    def count(self) -> int:
        return ContactMessage.objects.count()

    def stored(self, field: str):
        return getattr(ContactMessage.objects.get(), field)


class Reply(PublicForm):
    name = "rsvp"
    free_text = ("name",)
    formatted = ("email", "phone")
    accepted = (302,)

    def __init__(self, event_index, **_) -> None:
        self.page = EventPageFactory(parent=event_index, rsvp_enabled=True, reminders=True)
        self.url = self.page.url

    def fields(self) -> dict:
        return {"name": "Rosa", "party_size": "1", "email": "", "phone": ""}

    def distinct(self, number: int) -> dict:
        return {"name": f"Rosa {number}"}

    def count(self) -> int:
        return Rsvp.objects.count()

    def stored(self, field: str):
        return getattr(Rsvp.objects.get(), field)


class LocalAction(PublicForm):
    name = "local_action"
    free_text = (
        "organization",
        "proposer_name",
        "title",
        "summary",
        "venue_name",
        "street_address",
        "city",
    )
    formatted = ("proposer_email", "online_url")
    _on_proposal = ("organization", "proposer_name", "proposer_email")

    def __init__(self, event_index, **_) -> None:
        self.page = DayOfActionPageFactory(parent=event_index, slug="global-day")
        self.url = self.page.url + "propose/"

    def fields(self) -> dict:
        return {
            "organization": "Migrante Hong Kong",
            "proposer_name": "Rosa",
            "proposer_email": "rosa@example.org",
            "title": "Quarrybank picket",
            "kind": "picket",
            "summary": "We picket in front of the consulate.",
            "start_date": self.page.date.isoformat(),
            "start_time": "16:00",
            "end_time": "18:00",
            "time_zone": "Asia/Hong_Kong",
            "venue_name": "Chater Garden",
            "street_address": "1 Chater Road",
            "city": "Hong Kong",
            "country": "HK",
            "online_url": "",
        }

    def distinct(self, number: int) -> dict:
        return {"title": f"Picket number {number}"}

    def count(self) -> int:
        return LocalActionProposal.objects.count()

    def nothing_stored(self) -> bool:
        drafts = EventPage.objects.descendant_of(self.page).exists()
        return not drafts and self.count() == 0

    def stored(self, field: str):
        proposal = LocalActionProposal.objects.get()
        if field in self._on_proposal:
            return getattr(proposal, field)
        return getattr(EventPage.objects.get(pk=proposal.event_id), field)


class Application(PublicForm):
    name = "application"
    free_text = ("organization_name", "acronym", "city", "sectors", "description", "contact_name")
    formatted = ("contact_email", "contact_phone", "website")

    def __init__(self, home, **_) -> None:
        self.page = JoinPageFactory(parent=home, title="Join", slug="join")
        self.url = self.page.url

    def fields(self) -> dict:
        return {
            "organization_name": "Migrante Hong Kong",
            "acronym": "MHK",
            "kind": "migrant",
            "country": "HK",
            "city": "Kowloon",
            "sectors": "Filipino domestic workers",
            "description": "Organizes Filipino migrants in Hong Kong.",
            "website": "",
            "contact_name": "Rosa Contact",
            "contact_email": "rosa@migrante.example.org",
            "contact_phone": "+852 1234 5678",
            "agrees_basis_of_unity": "on",
        }

    def distinct(self, number: int) -> dict:
        return {"organization_name": f"Workers Group {number}", "acronym": f"WG{number}"}

    def count(self) -> int:
        return MembershipApplication.objects.count()

    def stored(self, field: str):
        return getattr(MembershipApplication.objects.get(), field)


class PublicEndorsement(PublicForm):
    name = "endorsement"
    free_text = ("name", "organization")
    formatted = ("email",)
    _columns = {"name": "signer_name", "organization": "display_name", "email": "email"}

    def __init__(self, statement_index, **_) -> None:
        self.page = StatementPageFactory(
            parent=statement_index, title="Stop forced migration", endorsements_open=True
        )
        self.url = reverse("endorse_publicly", args=(self.page.pk,))

    def fields(self) -> dict:
        return {"name": "Ana Signer", "organization": "", "country": "PH", "email": ""}

    def distinct(self, number: int) -> dict:
        return {"name": f"Signer {number}"}

    def count(self) -> int:
        return Endorsement.objects.count()

    def stored(self, field: str):
        return getattr(Endorsement.objects.get(), self._columns[field])


FORMS = {form.name: form for form in (Contact, Reply, LocalAction, Application, PublicEndorsement)}
FORM_NAMES = list(FORMS)

# Every scope a public form counts against (``throttle_scope``).
RATE_SCOPES = ("default", "contact", "rsvp", "local_action", "application", "endorsement")


def build(name: str, request) -> PublicForm:
    """The form ``name`` on a fresh page, built from the conftest fixtures it needs."""
    form_class = FORMS[name]
    needs = {
        Contact: ("home",),
        Reply: ("event_index",),
        LocalAction: ("event_index",),
        Application: ("home",),
        PublicEndorsement: ("statement_index",),
    }[form_class]
    return form_class(**{fixture: request.getfixturevalue(fixture) for fixture in needs})


def assert_inert(response, payload: str | None = None) -> None:
    """No hostile markup from a payload is live in the page.

    The raw payload never appears; no script element runs it; no element has
    an event handler or a javascript: link.
    """
    html = response.content.decode()
    for raw in RAW_MARKUP:
        assert raw not in html
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        text = script.string or ""
        if script.get("type") in DATA_SCRIPT_TYPES:
            # Data, not code: it must parse, and no "<" may close the element early.
            json.loads(text)
            assert "<" not in text
        else:
            assert "alert(1)" not in text
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                assert "alert(1)" not in text, element
            if attribute.lower() in ("href", "src", "action", "formaction"):
                assert not text.strip().lower().startswith("javascript:"), element
