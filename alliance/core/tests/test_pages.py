import json

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from alliance.core.models import AllianceSettings, ContactPerson, FoundingDocument
from alliance.members.models import Region
from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import AboutPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def jsonld_types(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    blocks = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    return {block["@type"]: block for block in blocks}


def test_home_page_introduces_the_alliance(client, home):
    response = client.get(home.url)
    assert response.status_code == 200
    assert home.intro in response.content.decode()


def test_home_page_describes_the_organization_in_json_ld(client, home, site):
    alliance = AllianceSettings.for_site(site)
    alliance.founded = "2008-06-01"
    alliance.save()
    ContactPerson.objects.create(settings=alliance, name="Jonna Baldres", phone="646-587-7390")
    organization = jsonld_types(client.get(home.url))["Organization"]
    assert organization["name"] == "Test Alliance"
    assert organization["alternateName"] == "TA"
    assert organization["url"] == "http://testserver/"
    assert organization["foundingDate"] == "2008-06"
    assert organization["location"]["address"]["addressLocality"] == "Hong Kong"
    assert organization["contactPoint"][0]["telephone"] == "646-587-7390"


def test_about_page_shows_founding_month_regions_and_documents(client, home, site):
    alliance = AllianceSettings.for_site(site)
    alliance.founded = "2008-06-01"
    alliance.save()
    Region.objects.create(name="Middle East", slug="middle-east")
    about = AboutPageFactory(parent=home)
    document = wagtail_factories.DocumentFactory(title="Basis of Unity")
    FoundingDocument.objects.create(page=about, document=document, description="What unites us.")
    response = client.get(about.url)
    html = response.content.decode()
    assert "June 2008" in html
    assert "Middle East" in html
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.find("a", string="Basis of Unity")
    assert link.has_attr("download")
    assert client.get(link["href"]).status_code == 200
    assert "Organization" in jsonld_types(response)


def test_standard_page_renders_its_body(client, home):
    page = StandardPageFactory(
        parent=home,
        title="Privacy",
        body=[("heading", "What we keep"), ("paragraph", "<p>As little as possible.</p>")],
    )
    html = client.get(page.url).content.decode()
    assert "<h2>What we keep</h2>" in html
    assert "As little as possible." in html


def test_draft_page_is_not_served(client, home):
    page = StandardPageFactory(parent=home, live=False)
    assert client.get(page.url).status_code == 404


def test_menu_shows_pages_marked_for_menus_with_current_section(client, home, statement_index):
    statement_index.show_in_menus = True
    statement_index.save()
    StandardPageFactory(parent=home, title="Not in menu")
    statement = StatementPageFactory(parent=statement_index)
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    links = soup.select("nav[aria-label=Main] a")
    assert [a.get_text() for a in links] == ["Statements"]
    assert links[0]["aria-current"] == "true"


def test_unknown_address_gets_the_sites_not_found_page(client, home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_pages_load_nothing_from_other_hosts(client, home, statement_index):
    statement = StatementPageFactory(parent=statement_index)
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
        for element in soup.find_all(tag):
            url = element.get(attr, "")
            if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not url.startswith(("http://", "https://", "//")), (tag, url)
