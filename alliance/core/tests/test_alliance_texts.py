"""The alliance's name, short name, tagline and city, translated as a snippet (core/texts.py)."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from alliance.alerts.mail import confirmation_message
from alliance.alerts.tests.factories import SubscriberFactory
from alliance.core.models import AllianceSettings
from alliance.core.texts import AllianceTexts, texts_in
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db


def spanish() -> Locale:
    return Locale.objects.get(language_code="es")


def default_texts(site) -> AllianceTexts:
    return AllianceTexts.objects.get(site=site, locale__language_code="en")


@pytest.fixture
def spanish_texts(home, site):
    texts = default_texts(site).copy_for_translation(spanish())
    texts.name = "Alianza de Prueba"
    texts.acronym = "AP"
    texts.tagline = "Una alianza de prueba"
    texts.secretariat_city = "Hong Kong (es)"
    texts.save()
    return texts


@pytest.fixture
def spanish_home(home):
    translation = home.copy_for_translation(spanish())
    translation.title = "Inicio"
    translation.save_revision().publish()
    return translation


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def organization(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    blocks = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    return next(block for block in blocks if block["@type"] == "Organization")


def test_a_spanish_page_shows_the_spanish_name_and_tagline(client, spanish_texts, spanish_home):
    text = text_of(client.get(spanish_home.url))
    assert "Alianza de Prueba" in text
    assert "Una alianza de prueba" in text
    assert "Hong Kong (es)" in text


def test_a_spanish_page_title_ends_with_the_spanish_short_name(client, spanish_texts, spanish_home):
    title = BeautifulSoup(client.get(spanish_home.url).content, "html.parser").title.string
    assert title.endswith("· AP")


def test_an_english_page_keeps_the_english_name(client, home, spanish_texts):
    text = text_of(client.get(home.url))
    assert "Test Alliance" in text
    assert "Alianza de Prueba" not in text


def test_without_a_translation_a_spanish_page_shows_the_default_language_name(client, spanish_home):
    assert "Test Alliance" in text_of(client.get(spanish_home.url))


def test_the_spanish_organization_in_json_ld_has_the_spanish_name(
    client, spanish_texts, spanish_home
):
    data = organization(client.get(spanish_home.url))
    assert data["name"] == "Alianza de Prueba"
    assert data["alternateName"] == "AP"
    assert data["description"] == "Una alianza de prueba"


def test_the_spanish_web_manifest_has_the_spanish_names(client, spanish_texts):
    data = json.loads(client.get("/es/manifest.webmanifest").content)
    assert (data["name"], data["short_name"], data["description"]) == (
        "Alianza de Prueba",
        "AP",
        "Una alianza de prueba",
    )


def test_the_spanish_statements_feed_is_titled_with_the_spanish_name(
    client, statement_index, spanish_texts, spanish_home
):
    index = statement_index.copy_for_translation(spanish())
    index.save_revision().publish()
    feed = feedparser.parse(client.get(index.url + "feed/").content)
    assert feed.feed.title.startswith("Alianza de Prueba")


def test_alert_mails_name_the_alliance_in_the_subscriber_language(site, spanish_texts):
    message = confirmation_message(SubscriberFactory(language="es", confirmed_at=None))
    assert "Alianza de Prueba" in message.subject
    assert "Alianza de Prueba" in message.body


def test_the_texts_are_read_once_until_content_changes(home, site):
    texts_in(site.pk, "es")
    with CaptureQueriesContext(connection) as captured:
        assert texts_in(site.pk, "es")["name"] == "Test Alliance"
    assert len(captured) == 0


def test_a_changed_translation_is_read_again(home, site, spanish_texts):
    assert texts_in(site.pk, "es")["name"] == "Alianza de Prueba"
    spanish_texts.name = "Alianza Renombrada"
    spanish_texts.save()
    assert texts_in(site.pk, "es")["name"] == "Alianza Renombrada"


def test_the_settings_read_the_texts_in_the_active_language(home, site, spanish_texts):
    alliance = AllianceSettings.for_site(site)
    with translation.override("es"):
        assert alliance.short_name == "AP"
    with translation.override("en"):
        assert alliance.short_name == "TA"


def test_an_editor_can_ask_for_a_translation_of_the_texts(admin_client, home, site):
    original = default_texts(site)
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["core", "alliancetexts", original.pk],
    )
    response = admin_client.post(url, {"locales": [spanish().pk]})
    assert response.status_code == 302
    translation = AllianceTexts.objects.get(
        translation_key=original.translation_key, locale=spanish()
    )
    assert translation.site_id == site.pk


def test_the_texts_are_under_settings_in_the_admin(admin_client, home):
    response = admin_client.get(reverse("wagtailsnippets_core_alliancetexts:list"))
    assert response.status_code == 200
    assert "Test Alliance" in response.content.decode()


def test_a_statement_still_names_the_alliance_as_its_publisher_in_spanish(
    client, statement_index, spanish_texts, spanish_home
):
    statement = StatementPageFactory(parent=statement_index)
    translation = statement.copy_for_translation(spanish(), copy_parents=True)
    translation.save_revision().publish()
    soup = BeautifulSoup(client.get(translation.url).content, "html.parser")
    assert soup.find("meta", attrs={"property": "og:site_name"})["content"] == "Alianza de Prueba"


def test_the_settings_point_editors_to_name_and_tagline(admin_client, home, site):
    url = reverse("wagtailsettings:edit", args=("core", "alliancesettings", site.pk))
    assert "Settings › Name and tagline" in admin_client.get(url).content.decode()


def test_an_editor_changes_the_default_language_texts_in_the_admin(admin_client, home, site):
    texts = default_texts(site)
    url = reverse("wagtailsnippets_core_alliancetexts:edit", args=[texts.pk])
    response = admin_client.post(
        url, {"site": site.pk, "name": "Renamed Alliance", "acronym": "RA", "tagline": ""}
    )
    assert response.status_code == 302
    assert texts_in(site.pk, "en")["name"] == "Renamed Alliance"


def test_a_second_row_in_one_language_is_refused_in_the_admin(admin_client, home, site):
    url = reverse("wagtailsnippets_core_alliancetexts:add") + "?locale=en"
    response = admin_client.post(url, {"site": site.pk, "name": "Another Alliance"})
    assert response.status_code == 200
    assert "already has its name and tagline in this language" in response.content.decode()
    assert AllianceTexts.objects.count() == 1
