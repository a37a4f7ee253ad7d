import pytest
from django.utils.text import slugify
from django_countries import countries

from alliance.members.models import Country, PartnerOrganization, Region
from alliance.members.world import COUNTRY_REGION_SLUGS, REGION_SLUGS_BY_NAME, countries_place

pytestmark = pytest.mark.django_db


def test_country_is_named_from_its_iso_code():
    asia = Region.objects.create(name="Asia", slug="asia")
    assert str(Country.objects.create(code="HK", region=asia)) == "Hong Kong"


def test_regions_are_listed_in_their_set_order():
    Region.objects.create(name="Europe", slug="europe", sort_order=6)
    Region.objects.create(name="Asia", slug="asia", sort_order=0)
    assert [r.name for r in Region.objects.all()] == ["Asia", "Europe"]


def test_partner_organization_shows_its_acronym():
    partner = PartnerOrganization(name="Campaign for People's Goals", acronym="CPGSD")
    assert str(partner) == "Campaign for People's Goals (CPGSD)"


# -- every country in a region -------------------------------------------------------------

SEVEN_REGIONS = [
    "Asia",
    "Oceania",
    "Latin America",
    "North America",
    "Africa",
    "Middle East",
    "Europe",
]


def test_every_iso_country_has_one_of_the_seven_regions():
    assert set(COUNTRY_REGION_SLUGS) == {country.code for country in countries}
    assert set(COUNTRY_REGION_SLUGS.values()) == set(REGION_SLUGS_BY_NAME.values())


def test_placing_countries_leaves_none_over():
    for position, name in enumerate(SEVEN_REGIONS):
        Region.objects.create(name=name, slug=slugify(name), sort_order=position)
    countries_place(Region, Country)
    placed = set(Country.objects.values_list("code", flat=True))
    assert placed == {country.code for country in countries}
    assert Country.objects.get(code="SA").region.name == "Middle East"


def test_placing_countries_keeps_an_editors_choice_and_finds_regions_by_name():
    elsewhere = Region.objects.create(name="Gulf", slug="gulf")
    Region.objects.create(name="Middle East", slug="mideast")
    Country.objects.create(code="SA", region=elsewhere)
    assert countries_place(Region, Country) == len(
        [slug for slug in COUNTRY_REGION_SLUGS.values() if slug == "middle-east"]
    ) - 1
    assert Country.objects.get(code="SA").region == elsewhere
    assert Country.objects.get(code="AE").region.name == "Middle East"


def test_regions_the_site_lacks_are_left_out():
    Region.objects.create(name="Asia", slug="asia")
    countries_place(Region, Country)
    assert not Country.objects.filter(code="FR").exists()
    assert Country.objects.get(code="PH").region.slug == "asia"
