"""The demo's statements, with the regions, countries, people, partners and topics they name."""

from __future__ import annotations

from wagtail.models import Page

from alliance.members.models import Country, PartnerOrganization, Region
from alliance.members.world import countries_place
from alliance.newsroom.models import (
    Person,
    StatementIndexPage,
    StatementPage,
    StatementRelation,
    StatementSpokesperson,
    Topic,
)

from . import content
from .pictures import placard_words, poster
from .publishing import publish


def statements_load(home: Page) -> dict[str, StatementPage]:
    """The statements index and every demo statement below it, by slug."""
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
        t["slug"]: Topic.objects.originals().get_or_create(
            slug=t["slug"], defaults={"name": t["name"]}
        )[0]
        for t in content.TOPICS
    }
    index = publish(
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
    # Relations point both ways in time, so they are added once every statement exists.
    for data in content.STATEMENTS:
        if data.get("related"):
            statement = statements[data["slug"]]
            statement.related_statements = [
                StatementRelation(statement=statements[slug]) for slug in data["related"]
            ]
            statement.save_revision().publish()
    return statements


def statement_body(blocks: list, with_roles: bool = False) -> list:
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


def _regions() -> dict[str, Region]:
    return {
        name: Region.objects.originals().get_or_create(
            name=name, defaults={"slug": name.lower().replace(" ", "-"), "sort_order": position}
        )[0]
        for position, name in enumerate(content.REGIONS)
    }


def _countries(regions: dict[str, Region]) -> dict[str, Country]:
    """Every country, each in its region (members/world.py), by ISO code."""
    countries_place(Region, Country)
    return {country.code.code: country for country in Country.objects.all()}


def _person(data: dict) -> Person:
    person, _created = Person.objects.originals().get_or_create(
        name=data["name"], defaults={"role": data.get("role", "")}
    )
    return person


def _statement(index, data, people, partners, topics, regions, countries) -> StatementPage:
    body = statement_body(data["body"], with_roles=True)
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
    statement.lead_image, statement.lead_image_alt = poster(
        placard_words(data["slug"], data["title"]), len(data["title"])
    )
    statement.topics = [topics[slug] for slug in data.get("topics", [])]
    statement.regions = [regions[name] for name in data.get("regions", [])]
    statement.countries = [countries[code] for code in data.get("countries", [])]
    statement.co_publishers = [partners[key] for key in data.get("co_publishers", [])]
    statement.spokespersons = [
        StatementSpokesperson(person=people[key]) for key in data.get("spokespersons", [])
    ]
    return publish(index, statement)
