import datetime as dt
import io
from xml.etree import ElementTree

import feedparser
import pytest
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from alliance.core.models import AllianceSettings, HomePage, StandardPage
from alliance.members.models import Country, PartnerOrganization, Region
from alliance.newsroom.models import Person, StatementPage, Topic

pytestmark = pytest.mark.django_db

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict:
    models = [
        Page,
        Revision,
        Region,
        Country,
        PartnerOrganization,
        Person,
        Topic,
        Image,
        Document,
        Site,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_demo_has_the_seed_statements_with_their_dates_and_spokesperson():
    load()
    statements = {s.title: s for s in StatementPage.objects.live()}
    trump = statements["Trump’s executive orders are racist, anti-migrant, anti-refugee"]
    assert trump.date == dt.date(2017, 1, 30)
    assert [(s.person.name, s.shown_role) for s in trump.spokespersons.all()] == [
        ("Eni Lestari", "Chairperson")
    ]
    info = statements[
        "International Migrants Alliance Info-Session on the UN High Level Dialogue "
        "and Mobilization to End Forced Migration"
    ]
    assert info.date == dt.date(2016, 9, 9)
    joint = statements["IMA and CPGSD on the Refugee Crisis"]
    assert joint.date == dt.date(2015, 9, 8)
    assert joint.kind == "joint_statement"
    assert [o.acronym for o in joint.co_publishers.all()] == ["CPGSD"]


def test_demo_sets_the_alliance_facts_and_contact_persons():
    load()
    alliance = AllianceSettings.for_site(Site.objects.get(is_default_site=True))
    assert alliance.name == "International Migrants Alliance"
    assert alliance.acronym == "IMA"
    assert alliance.founded.strftime("%Y-%m") == "2008-06"
    assert alliance.secretariat_city == "Hong Kong"
    assert alliance.logo is not None
    phones = {p.name: p.phone for p in alliance.contact_persons.all()}
    assert phones == {"Jonna Baldres": "646-587-7390", "Antonio Arizaga": "862-227-6265"}
    assert list(Region.objects.values_list("name", flat=True)) == [
        "Asia",
        "Oceania",
        "Latin America",
        "North America",
        "Africa",
        "Middle East",
        "Europe",
    ]


def test_demo_about_page_states_the_founding_facts(client):
    load()
    html = client.get("/about/").content.decode()
    for fact in (
        "108",
        "25 countries",
        "32",
        "June 2008",
        "Hong Kong",
        "Basis of Unity",
        "General Program of Action",
    ):
        assert fact in html, fact


def test_loading_the_demo_twice_changes_nothing():
    load()
    before = counts()
    assert "not loaded" in load()
    assert counts() == before


def test_demo_is_never_loaded_over_an_editors_work():
    site = Site.objects.get(is_default_site=True)
    site.root_page.add_child(instance=StandardPage(title="Our own page", slug="own"))
    before = counts()
    assert "not loaded" in load()
    assert counts() == before
    assert not HomePage.objects.exists()


def test_every_page_of_the_demo_site_renders(client):
    load()
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    urls = [loc.text for loc in sitemap.iter(SITEMAP_NS)]
    assert len(urls) == 8  # home, about, statements + 3, contact, privacy
    for url in urls:
        path = "/" + url.split("/", 3)[3]
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"application/ld+json" in response.content or path == "/privacy/", path


def test_demo_feed_lists_the_three_statements_newest_first(client):
    load()
    feed = feedparser.parse(client.get("/statements/feed/").content)
    assert not feed.bozo
    assert [entry.published_parsed[:3] for entry in feed.entries] == [
        (2017, 1, 30),
        (2016, 9, 9),
        (2015, 9, 8),
    ]


def test_demo_site_address_follows_the_configured_base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    load()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
