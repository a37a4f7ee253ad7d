"""Loads the IMA demo content into an empty site, once.

"Empty" means the site still has Wagtail's own welcome page at its root and
nothing else: any page an editor made means the demo is never loaded over it.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Page, Site

from alliance.core.models import (
    AboutPage,
    AllianceSettings,
    ContactPage,
    ContactPerson,
    HomePage,
    StandardPage,
)
from alliance.core.publishing import quietly
from alliance.core.texts import default_texts_save
from alliance.members.models import JoinPage, MemberDirectoryPage, MemberOrganization

from . import content
from .event_pages import events_load
from .publishing import publish
from .statement_pages import statements_load
from .translated_pages import translations_load

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


@quietly("demo")  # channels ignore demo content (alliance.core.publishing)
def demo_load() -> HomePage:
    """Create the IMA demo site, or raise DemoNotLoaded if there is content already."""
    with transaction.atomic():
        site = Site.objects.select_for_update().filter(is_default_site=True).first()
        if site is None or not site_is_empty(site):
            raise DemoNotLoaded
        home = _home(site)
        _alliance_settings(site)
        _about(home)
        statements = statements_load(home)
        events_load(home, statements)
        _members(home)
        translations_load(home, statements)
        publish(
            home,
            ContactPage(
                title="Contact",
                slug="contact",
                show_in_menus=True,
                intro="Write to the International Secretariat, or call one of our contact persons.",
            ),
        )
        publish(
            home,
            StandardPage(
                title="Privacy",
                slug="privacy",
                intro="What this site knows about you: as little as possible.",
                body=PRIVACY_BODY,
            ),
        )
        return home


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


def _alliance_settings(site: Site) -> None:
    default_texts_save(
        site,
        name=content.ALLIANCE["name"],
        acronym=content.ALLIANCE["acronym"],
        tagline=(
            "A global alliance of grassroots migrant, refugee and displaced people's organizations"
        ),
        secretariat_city=content.ALLIANCE["secretariat_city"],
    )
    alliance = AllianceSettings.for_site(site)
    alliance.founded = content.ALLIANCE["founded"]
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
    about = publish(home, about)
    # The founding documents are pages of their own: readable on a phone, found by search,
    # and translated like any page (a file attached to the about page can be neither).
    for doc in content.FOUNDING_DOCUMENTS:
        publish(
            about,
            StandardPage(
                title=doc["title"],
                slug=slugify(doc["title"]),
                intro=doc["description"],
                body=[("paragraph", f"<p>{escape(text)}</p>") for text in _paragraphs(doc["text"])],
            ),
        )
    return about


def _paragraphs(text: str) -> list[str]:
    """The text's paragraphs, without the two heading lines the files began with."""
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    return [block for block in blocks[1:] if block]


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
    publish(
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
    publish(
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
