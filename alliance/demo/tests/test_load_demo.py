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
from alliance.members.models import Country, MemberOrganization, PartnerOrganization, Region
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
    html = client.get("/en/about/").content.decode()
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


def test_demo_founding_documents_are_pages_to_read(client):
    load()
    about = client.get("/en/about/").content.decode()
    for slug, title in (
        ("basis-of-unity", "Basis of Unity"),
        ("general-program-of-action", "General Program of Action"),
    ):
        assert f'href="/en/about/{slug}/"' in about
        assert f"<h1>{title}</h1>" in client.get(f"/en/about/{slug}/").content.decode()


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
    # home, about, statements + 3, contact, privacy, events + 2, day of action + 6,
    # members + 5 listed sample profiles (the unlisted one never), join
    assert len(urls) == 27  # with the two founding documents, pages of their own
    assert not any("sample-unlisted" in url for url in urls)
    for url in urls:
        path = "/" + url.split("/", 3)[3]
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"application/ld+json" in response.content or path == "/en/privacy/", path


def test_demo_feed_lists_the_three_statements_newest_first(client):
    load()
    feed = feedparser.parse(client.get("/en/statements/feed/").content)
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


def test_demo_has_the_two_new_york_events_with_their_facts():
    from alliance.events.models import EventPage

    load()
    info = EventPage.objects.get(slug="info-session-un-high-level-dialogue-2016")
    assert (info.start_date, info.start_time, info.end_time) == (
        dt.date(2016, 9, 9),
        dt.time(19),
        dt.time(21),
    )
    assert info.time_zone == "America/New_York"
    assert info.venue_name == "San Damiano Hall, St. Francis of Assisi"
    assert info.street_address == "129 West 31st Street"
    assert [c.phone for c in info.contacts.all()] == ["646-587-7390", "862-227-6265"]
    march = EventPage.objects.get(slug="march-to-end-forced-migration-2016")
    assert (march.start_date, march.start_time, march.end_time) == (
        dt.date(2016, 9, 18),
        dt.time(16),
        None,
    )
    assert "43rd Street and 7th Avenue" in march.meeting_point


def test_demo_day_of_action_is_an_example_on_the_next_migrants_day(client):
    from django.utils import timezone

    from alliance.demo.event_pages import next_migrants_day
    from alliance.events.models import DayOfActionPage

    load()
    day = DayOfActionPage.objects.get()
    assert day.is_example
    assert day.date == next_migrants_day(timezone.localdate())
    actions = day.local_actions()
    assert actions.count() >= 5
    assert len({a.country.code for a in actions}) >= 5
    assert any(a.rsvps_open() for a in actions)
    html = client.get(day.url).content.decode()
    assert "Example" in html


def test_next_migrants_day_is_this_year_until_the_day_itself():
    from alliance.demo.event_pages import next_migrants_day

    assert next_migrants_day(dt.date(2026, 11, 28)) == dt.date(2026, 12, 18)
    assert next_migrants_day(dt.date(2026, 12, 18)) == dt.date(2026, 12, 18)
    assert next_migrants_day(dt.date(2026, 12, 19)) == dt.date(2027, 12, 18)


def test_demo_members_are_labelled_samples_and_the_figures_count_the_unlisted_one(client):
    load()
    assert all(org.is_sample for org in MemberOrganization.objects.all())
    html = client.get("/en/members/").content.decode()
    assert "6 member organizations in 6 countries, across 6 regions." in html
    assert "Sample organization at risk" not in html
    assert client.get("/en/members/sample-unlisted/").status_code == 404


@pytest.mark.parametrize("language", ["es", "ar"])
def test_demo_has_about_and_a_statement_translated_and_marked_as_such(client, language):
    from alliance.demo.translations import TRANSLATIONS

    load()
    data = TRANSLATIONS[language]
    for path, title in (
        (f"/{language}/about/", data["about"]["title"]),
        (f"/{language}/statements/trump-executive-orders/", data["statement"]["title"]),
    ):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200, path
        assert title in html
        assert data["note"] in html
    english = client.get("/en/statements/trump-executive-orders/").content.decode()
    assert f'hreflang="{language}"' in english
