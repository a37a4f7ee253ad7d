"""Languages: addresses, the switcher, fallbacks, right-to-left, and catalogues."""

from pathlib import Path

import feedparser
import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Locale

from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "alliance" / "locale"


def translate(page, code: str, **fields):
    translation = page.specific.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def spanish_home(home):
    return translate(home, "es", title="Alianza de prueba", intro="Una alianza. Habla.")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# -- addresses -------------------------------------------------------------------------


def test_every_configured_language_has_a_content_locale():
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert {code for code, _name in settings.LANGUAGES} <= codes


def test_default_languages_are_the_seven_of_the_alliance():
    assert [code for code, _name in settings.LANGUAGES] == [
        "en",
        "es",
        "fr",
        "tl",
        "id",
        "zh-hant",
        "ar",
    ]


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_language_prefix_is_served_not_redirected(client, home, code):
    # Django only accepts a prefix whose language has a message catalogue; Filipino
    # has none in Django itself, so without the project's own it went to /en/tl/.
    response = client.get(f"/{code}/account/login/")
    assert response.status_code == 200


def test_addresses_carry_the_language(client, home, spanish_home):
    assert home.url == "/en/"
    assert spanish_home.url == "/es/"
    assert client.get("/es/").status_code == 200


def test_first_visit_follows_the_browsers_language(client, home, spanish_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_first_visit_without_a_preference_goes_to_the_default_language(client, home):
    assert client.get("/")["Location"] == "/en/"


def test_unknown_language_code_is_not_found(client, home):
    # An address without a known language is sent to the default one, where it does not exist.
    assert client.get("/xx/", follow=True).status_code == 404
    assert client.get("/klingon/about/", follow=True).status_code == 404


# -- the switcher and alternates ---------------------------------------------------


def test_switcher_goes_to_the_same_page_in_the_other_language(client, home, spanish_home):
    page = StandardPageFactory(parent=home, title="Privacy", slug="privacy")
    spanish = translate(page, "es", title="Privacidad")
    links = {a["hreflang"]: a["href"] for a in soup(client.get(page.url)).select("nav.languages a")}
    assert links["es"] == spanish.url
    assert links["en"] == page.url


def test_switcher_without_a_translation_goes_to_that_languages_home(client, home, spanish_home):
    page = StandardPageFactory(parent=home, title="Only English", slug="only-english")
    link = soup(client.get(page.url)).select_one('nav.languages a[hreflang="es"]')
    assert link["href"] == "/es/"
    assert link.has_attr("title")


def test_switcher_does_not_point_into_a_restricted_translation(client, home, spanish_home):
    from wagtail.models import PageViewRestriction

    page = StandardPageFactory(parent=home, title="Caucus", slug="caucus")
    spanish = translate(page, "es", title="Caucus privado")
    PageViewRestriction.objects.create(
        page=spanish, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    link = soup(client.get(page.url)).select_one('nav.languages a[hreflang="es"]')
    assert link["href"] == "/es/"


def test_hreflang_alternates_list_only_existing_translations(client, home, spanish_home):
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup(client.get("/en/")).head.find_all("link", hreflang=True)
    }
    assert alternates == {
        "en": "http://testserver/en/",
        "x-default": "http://testserver/en/",
        "es": "http://testserver/es/",
    }


def test_missing_translation_falls_back_clearly(client, home, spanish_home):
    StandardPageFactory(parent=home, title="Only English", slug="only-english")
    response = client.get("/es/only-english/")
    assert response.status_code == 404
    page = soup(response)
    link = page.select_one("main a[hreflang=en]")
    assert link["href"] == "/en/only-english/"
    assert page.html["lang"] == "es"


def test_page_missing_everywhere_is_a_plain_not_found(client, home, spanish_home):
    response = client.get("/es/nowhere/")
    assert response.status_code == 404
    assert soup(response).select_one("main a[hreflang=en]") is None


# -- right to left -------------------------------------------------------------------------


def test_arabic_pages_are_right_to_left(client, home):
    arabic = translate(home, "ar", title="تحالف", intro="تحالف. يتكلم.")
    html = soup(client.get(arabic.url)).html
    assert (html["lang"], html["dir"]) == ("ar", "rtl")


def test_english_pages_are_left_to_right(client, home):
    html = soup(client.get(home.url)).html
    assert (html["lang"], html["dir"]) == ("en", "ltr")


def test_stylesheet_uses_logical_properties_only():
    css = (Path(settings.BASE_DIR) / "alliance/core/static/core/site.css").read_text()
    for physical in (
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "left:",
        "right:",
        "text-align: left",
        "text-align: right",
        "float: left",
        "float: right",
    ):
        assert physical not in css.replace("inset-inline", ""), physical


# -- content per language ------------------------------------------------------------------


def test_statements_feed_is_per_language(client, home, spanish_home, statement_index):
    StatementPageFactory(parent=statement_index, title="In English")
    spanish_index = translate(statement_index, "es", title="Declaraciones")
    StatementPageFactory(parent=spanish_index, title="En español")
    english = feedparser.parse(client.get(f"{statement_index.url}feed/").content)
    spanish = feedparser.parse(client.get(f"{spanish_index.url}feed/").content)
    assert [e.title for e in english.entries] == ["In English"]
    assert [e.title for e in spanish.entries] == ["En español"]


def test_news_article_names_its_language(client, home, spanish_home, statement_index):
    import json

    spanish_index = translate(statement_index, "es", title="Declaraciones")
    statement = StatementPageFactory(parent=spanish_index, title="En español")
    blocks = [
        json.loads(tag.string)
        for tag in soup(client.get(statement.url)).find_all("script", type="application/ld+json")
    ]
    article = next(b for b in blocks if b["@type"] == "NewsArticle")
    assert article["inLanguage"] == "es"


def test_search_stays_within_the_language(client, home, spanish_home, statement_index):
    StatementPageFactory(parent=statement_index, title="Solidarity across borders")
    spanish_index = translate(statement_index, "es", title="Declaraciones")
    StatementPageFactory(parent=spanish_index, title="Solidarity sin fronteras")
    english = [
        a.get_text()
        for a in soup(client.get("/en/search/", {"q": "solidarity"})).select(".results a")
    ]
    spanish = [
        a.get_text()
        for a in soup(client.get("/es/search/", {"q": "solidarity"})).select(".results a")
    ]
    assert english == ["Solidarity across borders"]
    assert spanish == ["Solidarity sin fronteras"]


def test_interface_is_in_the_readers_language(client, home, spanish_home):
    response = client.get("/es/search/")
    assert soup(response).select_one("h1").get_text() != "Search"


def test_dates_follow_the_readers_language(client, home, spanish_home, statement_index):
    import datetime as dt

    spanish_index = translate(statement_index, "es", title="Declaraciones")
    statement = StatementPageFactory(parent=spanish_index, date=dt.date(2017, 1, 30))
    byline = soup(client.get(statement.url)).select_one(".byline time").get_text()
    assert "enero" in byline


# -- catalogues ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["es", "ar"])
def test_catalogue_has_no_untranslated_interface_string(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [] and fuzzy == []


@pytest.mark.parametrize("language", ["es", "ar"])
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    source = {
        entry.msgid: entry.msgstr or entry.msgstr_plural.get(0, "")
        for entry in polib.pofile(str(folder / "django.po")).translated_entries()
    }
    compiled = {
        entry.msgid: entry.msgstr or entry.msgstr_plural.get(0, "")
        for entry in polib.mofile(str(folder / "django.mo"))
        if entry.msgid
    }
    assert compiled == source, "run: make messages"


def test_statement_can_be_published_first_in_spanish(client, home, spanish_home, statement_index):
    spanish_index = translate(statement_index, "es", title="Declaraciones")
    statement = StatementPageFactory(parent=spanish_index, title="Primero en español")
    assert client.get(statement.url).status_code == 200
    english = soup(client.get(statement.url)).select_one('nav.languages a[hreflang="en"]')
    assert english["href"] == "/en/"  # no English version yet: the switcher goes home


def test_editors_can_submit_a_page_for_translation(client, home, django_user_model):
    from django.urls import reverse

    client.force_login(django_user_model.objects.create_superuser("root", password="x" * 20))
    url = reverse("wagtail_localize:submit_page_translation", args=(home.pk,))
    response = client.get(url)
    assert response.status_code == 200
    assert "Español" in response.content.decode() or "Spanish" in response.content.decode()


def test_translated_page_can_be_synced_and_exported_as_po(client, home, django_user_model):
    from django.urls import reverse
    from wagtail_localize.models import Translation, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(home)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="es")
    )
    translation.save_target(publish=True)
    assert client.get("/es/").status_code == 200
    client.force_login(django_user_model.objects.create_superuser("root", password="x" * 20))
    response = client.get(reverse("wagtail_localize:download_pofile", args=(translation.pk,)))
    assert response.status_code == 200
    assert b"msgid" in response.content


def test_home_in_another_language_still_shows_untranslated_upcoming_events(
    client, home, spanish_home, event_index
):
    from alliance.events.tests.factories import EventPageFactory

    EventPageFactory(parent=event_index, title="Only announced in English")
    assert "Only announced in English" in client.get("/es/").content.decode()


def test_home_heading_is_the_pages_own_title_in_each_language(client, home, spanish_home):
    assert (
        soup(client.get("/es/"))
        .select_one("h1")
        .get_text(strip=True)
        .startswith("Alianza de prueba")
    )
