"""The site's public face: link previews, the menu in every language, contacts, dates, search."""

import datetime as dt
import io

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation
from PIL import Image as PILImage

from alliance.core.models import AllianceSettings, ContactPerson
from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import StandardPageFactory
from .test_languages import translate

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def og_image(response) -> str:
    tag = soup(response).find("meta", attrs={"property": "og:image"})
    return tag["content"] if tag else ""


@pytest.fixture
def logo(site):
    image = wagtail_factories.ImageFactory(width=400, height=400)
    alliance = AllianceSettings.for_site(site)
    alliance.logo = image
    alliance.save()
    return image


# -- link previews ------------------------------------------------------------------------


def test_a_page_without_a_picture_is_previewed_with_the_logo_card(client, home, logo):
    page = StandardPageFactory(parent=home)
    assert og_image(client.get(page.url)).startswith("http://testserver/share-card.png?v=")


def test_a_statement_is_previewed_with_its_lead_image(client, statement_index):
    image = wagtail_factories.ImageFactory(width=1600, height=900)
    statement = StatementPageFactory(
        parent=statement_index, lead_image=image, lead_image_alt="Marchers"
    )
    assert og_image(client.get(statement.url)).startswith("http://testserver/media/images/")


def test_a_page_of_a_view_has_a_preview_picture_too(client, home):
    assert "/share-card.png" in og_image(client.get("/en/search/"))


def test_the_logo_card_is_a_wide_png(client, home, logo):
    response = client.get("/share-card.png")
    assert response["Content-Type"] == "image/png"
    assert PILImage.open(io.BytesIO(response.content)).size == (1200, 630)


def test_the_card_address_changes_with_the_logo(client, home, site, logo):
    before = og_image(client.get(home.url))
    alliance = AllianceSettings.for_site(site)
    alliance.logo = wagtail_factories.ImageFactory(width=300, height=200)
    alliance.save()
    assert og_image(client.get(StandardPageFactory(parent=home).url)) != before


# -- the menu in every language -----------------------------------------------------------


def test_a_section_not_translated_stays_in_the_menu_in_the_default_language(client, home):
    about = StandardPageFactory(parent=home, title="About us", show_in_menus=True)
    events = StandardPageFactory(parent=home, title="Events", show_in_menus=True)
    translate(home, "ar", title="التحالف")
    translate(about, "ar", title="من نحن")
    links = soup(client.get("/ar/")).select("nav .menu a")
    assert [link.get_text(" ", strip=True).split(" (")[0] for link in links] == [
        "من نحن",
        "Events",
    ]
    assert links[1]["href"] == events.url
    assert links[1]["hreflang"] == "en"
    assert links[1].span["lang"] == "en"


# -- contacts keep their own direction ----------------------------------------------------


def test_each_contact_item_in_the_footer_is_isolated(client, home, site):
    alliance = AllianceSettings.for_site(site)
    ContactPerson.objects.create(
        settings=alliance, name="Jonna Baldres", role="Media", phone="+1 646-587-7390"
    )
    item = soup(client.get(home.url)).select_one(".site-footer .plain li")
    assert [bdi.get_text() for bdi in item.find_all("bdi")] == [
        "Jonna Baldres",
        "Media",
        "+1 646-587-7390",
    ]


# -- one date format per language ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "written"),
    [("en", "18 December 2026"), ("es", "18 de diciembre de 2026"), ("ar", "18 ديسمبر 2026")],
)
def test_dates_are_written_one_way_per_language(language, written):
    template = Template("{% load alliance %}{{ day|long_date }}")
    with translation.override(language):
        assert template.render(Context({"day": dt.date(2026, 12, 18)})) == written


def test_a_statement_card_and_its_page_write_the_date_alike(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, date=dt.date(2026, 12, 5))
    card = soup(client.get(statement_index.url)).select_one(".card time").get_text()
    byline = soup(client.get(statement.url)).select_one(".byline time").get_text()
    assert card == byline == "5 December 2026"


# -- search --------------------------------------------------------------------------------


def test_search_results_say_what_each_result_is_and_its_date(client, statement_index):
    StatementPageFactory(
        parent=statement_index, title="Remittances matter", date=dt.date(2025, 3, 2)
    )
    kicker = soup(client.get("/en/search/?q=remittances")).select_one(".results .kicker")
    assert " ".join(kicker.get_text().split()) == "Statement · 2 March 2025"


def test_the_search_page_has_one_search_box(client, home):
    assert len(soup(client.get("/en/search/?q=x")).select('input[type="search"]')) == 1


def test_the_search_pages_switcher_offers_the_sites_languages(client, home):
    translate(home, "es", title="Alianza")
    switcher = soup(client.get("/en/search/")).select("nav.languages a")
    assert [link["hreflang"] for link in switcher] == ["en", "es"]
