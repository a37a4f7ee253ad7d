"""Loads the IMA demo content into an empty site, once.

"Empty" means the site still has Wagtail's own welcome page at its root and
nothing else: any page an editor made means the demo is never loaded over it.
"""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from alliance.core import publishing
from alliance.core.models import (
    AboutPage,
    AllianceSettings,
    ContactPage,
    ContactPerson,
    FoundingDocument,
    HomePage,
    StandardPage,
)
from alliance.events.models import (
    DayOfActionPage,
    EventContact,
    EventIndexPage,
    EventPage,
    EventStatement,
)
from alliance.members.models import (
    Country,
    JoinPage,
    MemberDirectoryPage,
    MemberOrganization,
    PartnerOrganization,
    Region,
)
from alliance.newsroom.models import (
    Person,
    StatementIndexPage,
    StatementPage,
    StatementRelation,
    StatementSpokesperson,
    Topic,
)

from . import content

# The alliance region of each country the demo statements name.
COUNTRY_REGIONS = {
    "AU": "Oceania",
    "BD": "Asia",
    "GR": "Europe",
    "HK": "Asia",
    "KE": "Africa",
    "LB": "Middle East",
    "LY": "Africa",
    "MM": "Asia",
    "MX": "Latin America",
    "SY": "Middle East",
    "US": "North America",
}

PRIVACY_BODY = [
    (
        "paragraph",
        "<p>This site does not track its readers. It loads nothing from other websites: no "
        "analytics, no advertising, no fonts or videos from elsewhere. Reading it sets no "
        "cookies; sending a form sets one small security cookie that protects the form "
        "against forgery.</p>",
    ),
    ("heading", "Messages you send us"),
    (
        "paragraph",
        "<p>When you write to us through the contact page we keep your name or nickname, your "
        "e-mail address and your message so that the secretariat can answer. Only the "
        "secretariat's staff can read it. We delete messages once they are dealt with and no "
        "longer needed, and we never share them.</p>",
    ),
    ("heading", "Replies to events"),
    (
        "paragraph",
        "<p>To say you are coming to an event, we ask only for a name or nickname (it need not "
        "be your real one) and how many people come. Only the event's organizers can see the "
        "list. An e-mail address or phone number is asked for only when the organizers send "
        "reminders, and it is optional. Thirty days after the event, names and contact details "
        "are deleted; only the number of people remains.</p>",
    ),
]


class DemoNotLoaded(Exception):
    """The site already has content of its own."""


def site_is_empty(site: Site) -> bool:
    root = site.root_page
    return (
        not HomePage.objects.exists()
        and root.specific_class is Page
        and not root.get_children().exists()
    )


@publishing.quietly("demo")
def demo_load() -> HomePage:
    """Create the IMA demo site, or raise DemoNotLoaded if there is content already."""
    with transaction.atomic():
        site = Site.objects.select_for_update().filter(is_default_site=True).first()
        if site is None or not site_is_empty(site):
            raise DemoNotLoaded
        regions = _regions()
        countries = _countries(regions)
        people = {p["key"]: _person(p) for p in content.PEOPLE}
        partners = {
            o["key"]: PartnerOrganization.objects.get_or_create(
                name=o["name"], defaults={"acronym": o.get("acronym", "")}
            )[0]
            for o in content.ORGANIZATIONS
        }
        topics = {
            t["slug"]: Topic.objects.get_or_create(slug=t["slug"], defaults={"name": t["name"]})[0]
            for t in content.TOPICS
        }

        home = _home(site)
        _alliance_settings(site, people)
        _about(home)
        index = _publish(
            home,
            StatementIndexPage(
                title="Statements",
                slug="statements",
                show_in_menus=True,
                intro="Statements, press releases and joint statements of the alliance.",
            ),
        )
        statements = {
            s["slug"]: _statement(index, s, people, partners, topics, regions, countries)
            for s in content.STATEMENTS
        }
        for data in content.STATEMENTS:
            if data.get("related"):
                statement = statements[data["slug"]]
                statement.related_statements = [
                    StatementRelation(statement=statements[slug]) for slug in data["related"]
                ]
                statement.save_revision().publish()
        _events(home, statements)
        _members(home)
        _translations(home, statements)
        _publish(
            home,
            ContactPage(
                title="Contact",
                slug="contact",
                show_in_menus=True,
                intro="Write to the International Secretariat, or call one of our contact persons.",
            ),
        )
        _publish(
            home,
            StandardPage(
                title="Privacy",
                slug="privacy",
                intro="What this site knows about you: as little as possible.",
                body=PRIVACY_BODY,
            ),
        )
        return home


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _regions() -> dict[str, Region]:
    return {
        name: Region.objects.get_or_create(
            name=name, defaults={"slug": name.lower().replace(" ", "-"), "sort_order": position}
        )[0]
        for position, name in enumerate(content.REGIONS)
    }


def _countries(regions: dict[str, Region]) -> dict[str, Country]:
    return {
        code: Country.objects.get_or_create(code=code, defaults={"region": regions[region]})[0]
        for code, region in COUNTRY_REGIONS.items()
    }


def _person(data: dict) -> Person:
    person, _created = Person.objects.get_or_create(
        name=data["name"], defaults={"role": data.get("role", "")}
    )
    return person


def _home(site: Site) -> HomePage:
    welcome = site.root_page
    home = HomePage(
        title=content.ALLIANCE["name"],
        slug=content.ALLIANCE["acronym"].lower(),
        intro=content.ALLIANCE["intro"],
    )
    welcome.get_parent().add_child(instance=home)
    home.save_revision().publish()
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.root_page = home
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.site_name = content.ALLIANCE["name"]
    site.save()
    welcome.delete()
    return home


def _alliance_settings(site: Site, people: dict[str, Person]) -> None:
    alliance = AllianceSettings.for_site(site)
    alliance.name = content.ALLIANCE["name"]
    alliance.acronym = content.ALLIANCE["acronym"]
    alliance.tagline = (
        "A global alliance of grassroots migrant, refugee and displaced people's organizations"
    )
    alliance.founded = content.ALLIANCE["founded"]
    alliance.secretariat_city = content.ALLIANCE["secretariat_city"]
    alliance.logo = _logo(content.ALLIANCE["acronym"])
    by_key = {p["key"]: p for p in content.PEOPLE}
    alliance.contact_persons = [
        ContactPerson(
            name=by_key[key]["name"],
            role=by_key[key].get("role", ""),
            phone=by_key[key].get("phone", ""),
        )
        for key in content.CONTACT_PERSONS
    ]
    alliance.save()


def _logo(acronym: str) -> Image:
    """Draw a plain badge with the acronym; the alliance uploads its real logo in the settings."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    size = 512
    badge = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(badge)
    draw.ellipse((8, 8, size - 8, size - 8), fill=(158, 27, 50, 255))
    font = ImageFont.load_default(size=180)
    draw.text((size / 2, size / 2), acronym, fill=(255, 255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    badge.save(buffer, format="PNG")
    image = Image(title=f"{acronym} logo")
    image.file = ImageFile(ContentFile(buffer.getvalue()), name=f"{acronym.lower()}-logo.png")
    image.save()
    return image


def _about(home: HomePage) -> AboutPage:
    about = AboutPage(
        title=content.ABOUT["title"],
        slug="about",
        show_in_menus=True,
        intro=content.ABOUT["intro"],
        body=list(content.ABOUT["body"]),
    )
    about.founding_documents = [
        FoundingDocument(document=_document(doc), description=doc["description"])
        for doc in content.FOUNDING_DOCUMENTS
    ]
    return _publish(home, about)


def _document(data: dict) -> Document:
    document = Document(title=data["title"])
    document.file = ContentFile(data["text"].encode("utf-8"), name=data["filename"])
    document.save()
    return document


def _statement(index, data, people, partners, topics, regions, countries) -> StatementPage:
    body = _statement_body(data["body"], with_roles=True)
    statement = StatementPage(
        title=data["title"],
        slug=data["slug"],
        kind=data["kind"],
        deck=data.get("deck", ""),
        date=data["date"],
        summary=data["summary"],
        body=body,
        signature=data.get("signature", ""),
    )
    statement.topics = [topics[slug] for slug in data.get("topics", [])]
    statement.regions = [regions[name] for name in data.get("regions", [])]
    statement.countries = [countries[code] for code in data.get("countries", [])]
    statement.co_publishers = [partners[key] for key in data.get("co_publishers", [])]
    statement.spokespersons = [
        StatementSpokesperson(person=people[key]) for key in data.get("spokespersons", [])
    ]
    return _publish(index, statement)


def next_migrants_day(today: dt.date) -> dt.date:
    """The next International Migrants Day (18 December), today included."""
    this_year = dt.date(today.year, 12, 18)
    return this_year if today <= this_year else dt.date(today.year + 1, 12, 18)


def _events(home: HomePage, statements: dict[str, StatementPage]) -> None:
    index = _publish(
        home,
        EventIndexPage(
            title="Events",
            slug="events",
            show_in_menus=True,
            intro=(
                "Info-sessions, forums, marches and days of action of the alliance and its members."
            ),
        ),
    )
    people = {p["key"]: p for p in content.PEOPLE}
    for data in content.EVENTS:
        event = EventPage(
            title=data["title"],
            slug=data["slug"],
            kind=data["kind"],
            summary=data["summary"],
            start_date=data["start_date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            time_zone=data["time_zone"],
            venue_name=data["venue_name"],
            street_address=data["street_address"],
            city=data["city"],
            postal_code=data["postal_code"],
            country=data["country"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            meeting_point=data["meeting_point"],
        )
        event.contacts = [
            EventContact(
                name=people[key]["name"],
                role=people[key].get("role", ""),
                phone=people[key]["phone"],
            )
            for key in data["contacts"]
        ]
        event.related_statements = [
            EventStatement(statement=statements[slug]) for slug in data["related"]
        ]
        _publish(index, event)

    day = next_migrants_day(timezone.localdate())
    doa = _publish(
        index,
        DayOfActionPage(
            title=content.DAY_OF_ACTION["title"],
            slug=content.DAY_OF_ACTION["slug"],
            date=day,
            summary=content.DAY_OF_ACTION["summary"],
            demands=list(content.DAY_OF_ACTION["demands"]),
            is_example=True,
        ),
    )
    for data in content.LOCAL_ACTIONS:
        rsvp = data.get("rsvp")
        _publish(
            doa,
            EventPage(
                title=data["title"],
                kind=data["kind"],
                summary="Example local action for the example day of action; not a real event.",
                start_date=day,
                start_time=data["start_time"],
                end_time=data["end_time"],
                time_zone=data["time_zone"],
                venue_name=data["venue_name"],
                city=data["city"],
                country=data["country"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                organizer_name="Example local organizers",
                rsvp_enabled=bool(rsvp),
                capacity=rsvp["capacity"] if rsvp else None,
                waiting_list=rsvp["waiting_list"] if rsvp else True,
            ),
        )


def _members(home: HomePage) -> None:
    for data in content.SAMPLE_MEMBERS:
        MemberOrganization.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "kind": data["kind"],
                "country": data["country"],
                "city": data["city"],
                "sectors": data["sectors"],
                "description": data["description"],
                "unlisted": data.get("unlisted", False),
                "is_sample": True,
            },
        )
    _publish(
        home,
        MemberDirectoryPage(
            title="Members",
            slug="members",
            show_in_menus=True,
            intro=(
                "The organizations that make up the alliance. The entries below are samples "
                "that show how the directory works."
            ),
        ),
    )
    _publish(
        home,
        JoinPage(
            title="Join the alliance",
            slug="join",
            intro=(
                "Grassroots organizations of migrants, refugees and displaced people, and the "
                "institutions that serve them, can apply to join. Tell us about your organization; "
                "the secretariat reviews every application."
            ),
        ),
    )


def _translations(home: HomePage, statements: dict[str, StatementPage]) -> None:
    """The project's own Spanish and Arabic versions of a few pages, marked as such."""
    from django.conf import settings

    from alliance.accounts.roles import translators_grant

    from .translations import TRANSLATIONS

    enabled = {code for code, _name in settings.LANGUAGES}
    about = AboutPage.objects.get(locale=home.locale)
    index = StatementIndexPage.objects.get(locale=home.locale)
    for code, data in TRANSLATIONS.items():
        if code not in enabled:
            continue
        locale = Locale.objects.get(language_code=code)
        note = ("paragraph", f"<p><em>{data['note']}</em></p>")
        translated_home = _translate(
            home, locale, title=data["home"]["title"], intro=data["home"]["intro"]
        )
        translators_grant(translated_home)
        _translate(
            about,
            locale,
            title=data["about"]["title"],
            intro=data["about"]["intro"],
            body=[note, *data["about"]["body"]],
        )
        _translate(
            index,
            locale,
            title=data["statements_index"]["title"],
            intro=data["statements_index"]["intro"],
        )
        statement = data["statement"]
        _translate(
            statements[statement["slug"]],
            locale,
            title=statement["title"],
            deck=statement["deck"],
            summary=statement["summary"],
            body=[note, *_statement_body(statement["body"])],
            signature=statement["signature"],
        )


def _translate(page: Page, locale: Locale, **fields) -> Page:
    translation = page.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def _statement_body(blocks: list, with_roles: bool = False) -> list:
    """Body blocks with quotes attributed by name (and, in English, by role)."""
    people = {p["key"]: p for p in content.PEOPLE}
    body = []
    for block_type, value in blocks:
        if block_type == "quote":
            person = people[value["person"]]
            role = ""
            if with_roles:
                role = " ".join(
                    part for part in (person.get("organization"), person.get("role")) if part
                )
            value = {"text": value["text"], "attribution": person["name"], "role": role}
        body.append((block_type, value))
    return body
