import datetime as dt
import json
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone

from alliance.events.tests.factories import EventPageFactory
from alliance.members.directory import MembershipFigures, membership_figures
from alliance.members.models import (
    Country,
    Endorsement,
    EndorsementStatus,
    MembershipStatus,
    OrganizationKind,
    Visibility,
)
from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import (
    MemberDirectoryPageFactory,
    MemberOrganizationFactory,
    RegionFactory,
    representative,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home):
    return MemberDirectoryPageFactory(parent=home, title="Members", slug="members")


@pytest.fixture
def places():
    """Two regions: Asia (Hong Kong, Philippines) and Europe (Netherlands)."""
    asia = RegionFactory(name="Asia", slug="asia", sort_order=0)
    europe = RegionFactory(name="Europe", slug="europe", sort_order=1)
    Country.objects.create(code="HK", region=asia)
    Country.objects.create(code="PH", region=asia)
    Country.objects.create(code="NL", region=europe)
    return {"asia": asia, "europe": europe}


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def names(response) -> list[str]:
    return [a.get_text() for a in soup_of(response).select(".cards .card-title a")]


def figures_sentence(response) -> str:
    return " ".join(soup_of(response).select_one("p.figures").get_text().split())


def chart_caption(response) -> str:
    return " ".join(soup_of(response).select_one("#chart-caption").get_text().split())


def profile_url(directory, organization) -> str:
    return f"{directory.url}{organization.slug}/"


def ld_organization(response) -> dict:
    for script in soup_of(response).select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if isinstance(data, dict) and data.get("@type") == "Organization":
            return data
    raise AssertionError("no Organization JSON-LD on the page")


def sitemap_urls(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    return {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}


# -- the listing ----------------------------------------------------------------------


def test_directory_lists_members_by_name(client, directory):
    MemberOrganizationFactory(name="Zeta Workers")
    MemberOrganizationFactory(name="Alpha Union")
    assert names(client.get(directory.url)) == ["Alpha Union", "Zeta Workers"]


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": MembershipStatus.APPLICANT},
        {"status": MembershipStatus.SUSPENDED},
        {"status": MembershipStatus.FORMER},
        {"unlisted": True},
    ],
    ids=["applicant", "suspended", "former", "unlisted"],
)
def test_directory_leaves_out_all_but_listed_members(client, directory, hidden):
    MemberOrganizationFactory(name="Listed Member")
    MemberOrganizationFactory(name="Not Shown Organization", **hidden)
    response = client.get(directory.url)
    assert names(response) == ["Listed Member"]
    assert "Not Shown Organization" not in response.content.decode()


def test_directory_filters_by_region(client, directory, places):
    MemberOrganizationFactory(name="In Hong Kong", country="HK")
    MemberOrganizationFactory(name="In the Philippines", country="PH")
    MemberOrganizationFactory(name="In the Netherlands", country="NL")
    response = client.get(directory.url, {"region": "asia"})
    assert names(response) == ["In Hong Kong", "In the Philippines"]


def test_directory_filters_by_country(client, directory):
    MemberOrganizationFactory(name="In Hong Kong", country="HK")
    MemberOrganizationFactory(name="In the Philippines", country="PH")
    assert names(client.get(directory.url, {"country": "PH"})) == ["In the Philippines"]


def test_country_filter_offers_only_countries_of_listed_members(client, directory):
    MemberOrganizationFactory(country="PH")
    MemberOrganizationFactory(country="NL", unlisted=True)
    soup = soup_of(client.get(directory.url))
    codes = [o["value"] for o in soup.select("select[name=country] option") if o["value"]]
    assert codes == ["PH"]


def test_directory_filters_by_kind(client, directory):
    MemberOrganizationFactory(name="Refugee Network", kind=OrganizationKind.REFUGEE)
    MemberOrganizationFactory(name="Migrant Union", kind=OrganizationKind.MIGRANT)
    assert names(client.get(directory.url, {"kind": "refugee"})) == ["Refugee Network"]


def test_directory_searches_by_part_of_the_name(client, directory):
    MemberOrganizationFactory(name="Domestic Workers Union")
    MemberOrganizationFactory(name="Seafarers Network")
    assert names(client.get(directory.url, {"q": "workers"})) == ["Domestic Workers Union"]


def test_directory_search_finds_an_acronym(client, directory):
    MemberOrganizationFactory(name="Asian Migrants Coordinating Body", acronym="AMCB")
    MemberOrganizationFactory(name="Seafarers Network")
    assert names(client.get(directory.url, {"q": "amcb"})) == ["Asian Migrants Coordinating Body"]


def test_directory_search_never_finds_an_unlisted_member(client, directory):
    MemberOrganizationFactory(name="Hidden Workers", unlisted=True)
    response = client.get(directory.url, {"q": "hidden"})
    assert names(response) == []
    assert "Hidden Workers" not in response.content.decode()


def test_directory_says_when_nothing_matches(client, directory):
    MemberOrganizationFactory(name="Seafarers Network")
    soup = soup_of(client.get(directory.url, {"q": "nobody"}))
    assert "No member organization matches." in soup.select_one("[role=status]").get_text()


def test_invalid_filter_is_reported_and_ignored(client, directory):
    MemberOrganizationFactory(name="Still Listed")
    response = client.get(directory.url, {"kind": "nonsense", "region": "no-such-region"})
    assert response.status_code == 200
    assert names(response) == ["Still Listed"]
    assert "ignored" in soup_of(response).select_one(".errors[role=alert]").get_text()


def test_filtered_directory_is_not_indexed(client, directory):
    MemberOrganizationFactory()
    soup = soup_of(client.get(directory.url, {"kind": "ngo"}))
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, follow"


def test_directory_page_number_out_of_range_is_not_found(client, directory):
    MemberOrganizationFactory()
    assert client.get(directory.url, {"page": 5}).status_code == 404
    assert client.get(directory.url, {"page": "x"}).status_code == 404


def test_directory_is_paginated(client, directory):
    MemberOrganizationFactory.create_batch(31)
    first = client.get(directory.url)
    second = client.get(directory.url, {"page": 2})
    assert len(names(first)) == 30
    assert len(names(second)) == 1
    assert soup_of(first).select_one("a[rel=next]")["href"] == "?page=2"


def test_pagination_links_keep_the_filter(client, directory):
    MemberOrganizationFactory.create_batch(31, kind=OrganizationKind.NGO)
    MemberOrganizationFactory(kind=OrganizationKind.MIGRANT)
    soup = soup_of(client.get(directory.url, {"kind": "ngo"}))
    assert soup.select_one("a[rel=next]")["href"] == "?kind=ngo&page=2"


def test_directory_query_count_does_not_grow_with_members(
    client, directory, places, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    MemberOrganizationFactory(country="HK")
    with CaptureQueriesContext(connection) as few:
        client.get(directory.url)
    for code in ("HK", "PH", "NL", "US") * 3:
        MemberOrganizationFactory(country=code, acronym="X")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(directory.url)


# -- the figures ----------------------------------------------------------------------


def test_figures_count_members_countries_and_regions(places):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="NL")
    assert membership_figures() == MembershipFigures(members=2, countries=2, regions=2)


def test_figures_count_each_country_once(places):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="PH")
    assert membership_figures() == MembershipFigures(members=3, countries=2, regions=1)


def test_figures_count_unlisted_members(places):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="NL", unlisted=True)
    assert membership_figures() == MembershipFigures(members=2, countries=2, regions=2)


@pytest.mark.parametrize("status", [MembershipStatus.APPLICANT, MembershipStatus.FORMER])
def test_figures_leave_out_applicants_and_former_members(places, status):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="NL", status=status)
    assert membership_figures() == MembershipFigures(members=1, countries=1, regions=1)


def test_figures_change_when_a_member_is_added(client, directory, places):
    MemberOrganizationFactory(country="HK")
    assert figures_sentence(client.get(directory.url)) == (
        "Listed in the member directory today: 1 member organization in 1 country, across 1 region."
    )
    MemberOrganizationFactory(country="NL")
    assert figures_sentence(client.get(directory.url)) == (
        "Listed in the member directory today: "
        "2 member organizations in 2 countries, across 2 regions."
    )


def test_directory_page_states_the_figures(client, directory, places):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="PH", unlisted=True)
    MemberOrganizationFactory(country="NL")
    MemberOrganizationFactory(country="NL", status=MembershipStatus.APPLICANT)
    assert figures_sentence(client.get(directory.url)) == (
        "Listed in the member directory today: "
        "3 member organizations in 3 countries, across 2 regions."
    )


def test_home_page_states_the_figures(client, directory, places):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="NL")
    response = client.get(directory.get_parent().url)
    assert figures_sentence(response) == (
        "Listed in the member directory today: "
        "2 member organizations in 2 countries, across 2 regions."
    )


# -- the chart ------------------------------------------------------------------------


def test_chart_caption_counts_listed_members_by_region(client, directory, places):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="PH")
    MemberOrganizationFactory(country="NL")
    assert chart_caption(client.get(directory.url)) == (
        "Listed member organizations by region. "
        "Asia: 3 (Hong Kong 2, Philippines 1); Europe: 1 (Netherlands 1)."
    )


def test_chart_puts_countries_without_a_region_elsewhere(client, directory, places):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="US")
    assert chart_caption(client.get(directory.url)) == (
        "Listed member organizations by region. "
        "Asia: 1 (Hong Kong 1); Elsewhere: 1 (United States of America 1)."
    )


def test_chart_never_reveals_an_unlisted_member(client, directory, places):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(name="Secret Refugee Group", country="NL", unlisted=True)
    response = client.get(directory.url)
    caption = chart_caption(response)
    assert "Europe" not in caption
    assert "Netherlands" not in caption
    assert "Secret Refugee Group" not in response.content.decode()
    chart_labels = [t.get_text() for t in soup_of(response).select(".member-chart .label")]
    assert chart_labels == ["Asia"]


def test_chart_is_left_out_without_listed_members(client, directory):
    MemberOrganizationFactory(unlisted=True)
    assert soup_of(client.get(directory.url)).select_one("figure.member-chart") is None


# -- an organization's profile ----------------------------------------------------------


@pytest.fixture
def organization():
    return MemberOrganizationFactory(
        name="Migrante Hong Kong",
        acronym="MHK",
        slug="migrante-hk",
        city="Kowloon",
        sectors="Filipino domestic workers",
        founded_year=1996,
        website="https://migrante.example.org",
        description="Organizes Filipino migrants in Hong Kong.",
        contact_name="Rosa Contact",
        contact_email="rosa@migrante.example.org",
        contact_phone="+852 1234 5678",
    )


def test_profile_shows_public_fields(client, directory, organization):
    response = client.get(profile_url(directory, organization))
    assert response.status_code == 200
    html = response.content.decode()
    assert soup_of(response).select_one("h1").get_text(" ", strip=True) == (
        "Migrante Hong Kong (MHK)"
    )
    for shown in (
        "Kowloon",
        "Filipino domestic workers",
        "1996",
        "https://migrante.example.org",
        "Organizes Filipino migrants in Hong Kong.",
    ):
        assert shown in html


def test_profile_hides_contact_details_by_default(client, directory, organization):
    html = client.get(profile_url(directory, organization)).content.decode()
    assert "Rosa Contact" not in html
    assert "rosa@migrante.example.org" not in html
    assert "1234 5678" not in html


def test_profile_shows_what_the_organization_made_public(client, directory, organization):
    organization.visibility = {"contact_email": Visibility.PUBLIC}
    organization.save()
    html = client.get(profile_url(directory, organization)).content.decode()
    assert "mailto:rosa@migrante.example.org" in html
    assert "Rosa Contact" not in html


def test_profile_hides_a_public_field_made_hidden(client, directory, organization):
    organization.visibility = {"city": Visibility.HIDDEN}
    organization.save()
    assert "Kowloon" not in client.get(profile_url(directory, organization)).content.decode()


def test_members_only_field_is_not_shown_to_the_public(client, directory, organization):
    organization.visibility = {"contact_email": Visibility.MEMBERS}
    organization.save()
    html = client.get(profile_url(directory, organization)).content.decode()
    assert "rosa@migrante.example.org" not in html


def test_members_only_field_is_shown_to_another_members_representative(
    client, directory, organization
):
    organization.visibility = {"contact_email": Visibility.MEMBERS}
    organization.save()
    client.force_login(representative(MemberOrganizationFactory()))
    html = client.get(profile_url(directory, organization)).content.decode()
    assert "rosa@migrante.example.org" in html


def test_members_only_field_is_not_shown_to_a_suspended_members_representative(
    client, directory, organization
):
    organization.visibility = {"contact_email": Visibility.MEMBERS}
    organization.save()
    other = MemberOrganizationFactory(status=MembershipStatus.SUSPENDED)
    client.force_login(representative(other))
    html = client.get(profile_url(directory, organization)).content.decode()
    assert "rosa@migrante.example.org" not in html


def test_members_only_field_is_not_shown_to_an_account_outside_the_group(
    client, directory, organization
):
    organization.visibility = {"contact_email": Visibility.MEMBERS}
    organization.save()
    client.force_login(representative(MemberOrganizationFactory(), in_group=False))
    html = client.get(profile_url(directory, organization)).content.decode()
    assert "rosa@migrante.example.org" not in html


def test_hidden_field_is_not_shown_to_another_members_representative(
    client, directory, organization
):
    client.force_login(representative(MemberOrganizationFactory()))
    html = client.get(profile_url(directory, organization)).content.decode()
    assert "rosa@migrante.example.org" not in html
    assert "Rosa Contact" not in html


def test_hidden_field_is_shown_to_the_organizations_own_representative(
    client, directory, organization
):
    client.force_login(representative(organization))
    html = client.get(profile_url(directory, organization)).content.decode()
    assert "rosa@migrante.example.org" in html
    assert "Rosa Contact" in html


def test_hidden_field_is_shown_to_the_secretariat(client, directory, organization):
    client.force_login(
        get_user_model().objects.create_superuser("root", password="pw-root-123456789")
    )
    html = client.get(profile_url(directory, organization)).content.decode()
    assert "rosa@migrante.example.org" in html
    assert "Rosa Contact" in html


@pytest.mark.parametrize(
    "state",
    [
        {"unlisted": True},
        {"status": MembershipStatus.APPLICANT},
        {"status": MembershipStatus.SUSPENDED},
        {"status": MembershipStatus.FORMER},
    ],
    ids=["unlisted", "applicant", "suspended", "former"],
)
def test_profile_of_an_organization_not_listed_is_not_found(client, directory, state):
    organization = MemberOrganizationFactory(**state)
    assert client.get(profile_url(directory, organization)).status_code == 404


def test_unlisted_profile_is_not_found_even_for_its_own_representative(client, directory):
    organization = MemberOrganizationFactory(unlisted=True)
    client.force_login(representative(organization))
    assert client.get(profile_url(directory, organization)).status_code == 404


def test_unknown_profile_is_not_found(client, directory):
    assert client.get(f"{directory.url}no-such-member/").status_code == 404


def test_profile_lists_the_organizations_published_events(
    client, directory, organization, event_index
):
    EventPageFactory(parent=event_index, title="Coming rally", organizer=organization)
    EventPageFactory(
        parent=event_index,
        title="Last year's forum",
        organizer=organization,
        start_date=timezone.localdate() - dt.timedelta(days=365),
    )
    EventPageFactory(parent=event_index, title="Draft picnic", organizer=organization, live=False)
    EventPageFactory(parent=event_index, title="Someone else's event")
    soup = soup_of(client.get(profile_url(directory, organization)))
    events = [a.get_text() for a in soup.select("section[aria-labelledby=events-title] li a")]
    assert events == ["Coming rally", "Last year's forum"]


def test_profile_without_events_says_so(client, directory, organization):
    soup = soup_of(client.get(profile_url(directory, organization)))
    assert "No events yet." in soup.select_one("section[aria-labelledby=events-title]").get_text()


def test_profile_lists_statements_endorsed_with_confirmation_only(
    client, directory, organization, statement_index
):
    for title, status in (
        ("Confirmed one", EndorsementStatus.CONFIRMED),
        ("Pending one", EndorsementStatus.PENDING),
        ("Rejected one", EndorsementStatus.REJECTED),
    ):
        statement = StatementPageFactory(parent=statement_index, title=title)
        Endorsement.objects.create(
            statement=statement,
            organization=organization,
            display_name=organization.name,
            status=status,
            dedup_key=f"member|{organization.pk}",
        )
    StatementPageFactory(parent=statement_index, title="Not endorsed")
    soup = soup_of(client.get(profile_url(directory, organization)))
    endorsed = [a.get_text() for a in soup.select("section[aria-labelledby=endorsed-title] li a")]
    assert endorsed == ["Confirmed one"]


def test_profile_leaves_out_endorsed_drafts(client, directory, organization, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Unpublished", live=False)
    Endorsement.objects.create(
        statement=statement,
        organization=organization,
        display_name=organization.name,
        status=EndorsementStatus.CONFIRMED,
        dedup_key=f"member|{organization.pk}",
    )
    assert "Unpublished" not in client.get(profile_url(directory, organization)).content.decode()


def test_profile_describes_the_organization_in_json_ld(client, directory, organization):
    data = ld_organization(client.get(profile_url(directory, organization)))
    assert data["name"] == "Migrante Hong Kong"
    assert data["alternateName"] == "MHK"
    assert data["memberOf"] == {"@type": "Organization", "name": "Test Alliance"}
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "HK",
        "addressLocality": "Kowloon",
    }
    assert data["url"] == "https://migrante.example.org"


def test_profile_json_ld_respects_the_organizations_choices(client, directory, organization):
    organization.visibility = {"city": Visibility.HIDDEN, "website": Visibility.MEMBERS}
    organization.save()
    response = client.get(profile_url(directory, organization))
    data = ld_organization(response)
    assert "addressLocality" not in data["address"]
    assert "url" not in data
    assert "rosa@" not in json.dumps(data)


# -- unlisted members elsewhere on the site -------------------------------------------


def test_events_calendar_never_names_an_unlisted_member(client, event_index):
    for organizer in (
        MemberOrganizationFactory(name="Listed Union"),
        MemberOrganizationFactory(name="Secret Refugee Group", unlisted=True),
    ):
        EventPageFactory(parent=event_index, organizer=organizer)
    MemberOrganizationFactory(name="Applying Group", status=MembershipStatus.APPLICANT)
    html = client.get(event_index.url).content.decode()
    assert "Listed Union" in html
    assert "Secret Refugee Group" not in html
    assert "Applying Group" not in html


def test_unlisted_members_calendar_is_not_found(client, event_index):
    hidden = MemberOrganizationFactory(name="Secret Refugee Group", unlisted=True)
    response = client.get(f"{event_index.url}organizers/{hidden.slug}/calendar.ics")
    assert response.status_code == 404


# -- the sitemap ----------------------------------------------------------------------


def test_sitemap_lists_listed_members_profiles(client, directory):
    organization = MemberOrganizationFactory(slug="listed-one")
    urls = sitemap_urls(client)
    assert f"http://testserver{directory.url}" in urls
    assert f"http://testserver{directory.url}{organization.slug}/" in urls


@pytest.mark.parametrize(
    "state",
    [{"unlisted": True}, {"status": MembershipStatus.APPLICANT}],
    ids=["unlisted", "applicant"],
)
def test_sitemap_leaves_out_organizations_not_listed(client, directory, state):
    organization = MemberOrganizationFactory(slug="not-for-the-public", **state)
    assert not any(organization.slug in url for url in sitemap_urls(client))


def test_chart_bars_are_each_region_s_share_of_the_members(client, directory, places):
    for code in ("HK", "HK", "HK", "NL"):
        MemberOrganizationFactory(country=code)
    widths = [
        int(rect["width"])
        for rect in soup_of(client.get(directory.url)).select(".member-chart .bar rect")
    ]
    assert widths == [285, 95]


def test_chart_draws_one_member_in_each_region_as_short_bars(client, directory, places):
    MemberOrganizationFactory(country="HK")
    MemberOrganizationFactory(country="NL")
    widths = [
        int(rect["width"])
        for rect in soup_of(client.get(directory.url)).select(".member-chart .bar rect")
    ]
    assert widths == [190, 190]


def test_directory_map_shades_the_countries_of_listed_members(client, directory, places):
    MemberOrganizationFactory(country="PH")
    MemberOrganizationFactory(country="PH")
    MemberOrganizationFactory(country="NL", unlisted=True)
    shaded = {
        path["data-country"]: path["class"]
        for path in soup_of(client.get(directory.url)).select("svg.world path[data-country]")
    }
    assert shaded == {"PH": ["s2"]}
