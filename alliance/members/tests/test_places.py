import pytest

from alliance.members.models import Country, PartnerOrganization, Region

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
