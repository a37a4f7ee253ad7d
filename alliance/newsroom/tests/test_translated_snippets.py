"""Topics, regions and people in the reader's language (wagtail-localize snippets)."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from alliance.members.models import Country, Region
from alliance.members.tests.factories import RegionFactory
from alliance.newsroom.models import Person, StatementPage, StatementSpokesperson, Topic

from .factories import PersonFactory, StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def spanish() -> Locale:
    return Locale.objects.get(language_code="es")


def in_spanish(original, **fields):
    translation = original.copy_for_translation(spanish())
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def published_translation(page, **fields):
    translation = page.specific.copy_for_translation(spanish())
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def statement(home, statement_index):
    page = StatementPageFactory(parent=statement_index, title="Stop the deportations")
    page.topics.set([TopicFactory(name="Refugees", slug="refugees")])
    page.regions.set([RegionFactory(name="Asia", slug="asia")])
    page.save_revision().publish()
    StatementSpokesperson.objects.create(
        page=page, person=PersonFactory(name="Eni Lestari", role="Chairperson")
    )
    return page


@pytest.fixture
def spanish_statement(home, statement_index, statement):
    published_translation(home, title="Alianza")
    published_translation(statement_index, title="Declaraciones")
    return published_translation(statement, title="Alto a las deportaciones")


def footer_and_byline(client, page) -> str:
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return " ".join(
        element.get_text(" ", strip=True) for element in soup.select(".byline, .statement-meta")
    )


def test_spanish_statement_shows_translated_topic_region_and_role(client, spanish_statement):
    in_spanish(Topic.objects.get(slug="refugees"), name="Personas refugiadas")
    in_spanish(Region.objects.get(slug="asia"), name="Asia (es)")
    person = Person.objects.get(name="Eni Lestari")
    in_spanish(person, role="Presidenta")
    text = footer_and_byline(client, spanish_statement)
    assert "Personas refugiadas" in text
    assert "Asia (es)" in text
    assert "Eni Lestari, Presidenta" in text


def test_untranslated_snippets_fall_back_to_the_original(client, spanish_statement):
    text = footer_and_byline(client, spanish_statement)
    assert "Refugees" in text
    assert "Asia" in text
    assert "Eni Lestari, Chairperson" in text


def test_english_statement_keeps_the_original_names(client, statement):
    in_spanish(Topic.objects.get(slug="refugees"), name="Personas refugiadas")
    text = footer_and_byline(client, statement)
    assert "Refugees" in text
    assert "Personas refugiadas" not in text


def test_translations_share_the_slug_and_filters_still_work(client, statement):
    in_spanish(Topic.objects.get(slug="refugees"), name="Personas refugiadas")
    assert Topic.objects.filter(slug="refugees").count() == 2
    index = statement.get_parent()
    assert "Stop the deportations" in client.get(f"{index.url}?topic=refugees").content.decode()
    assert client.get(f"{index.url}topics/refugees/feed/").status_code == 200


def test_the_editors_choices_are_the_originals_only(client, statement, django_user_model):
    in_spanish(Topic.objects.get(slug="refugees"), name="Personas refugiadas")
    client.force_login(django_user_model.objects.create_superuser("root", password="x" * 20))
    html = client.get(reverse("wagtailadmin_pages:edit", args=(statement.pk,))).content.decode()
    assert "Refugees" in html
    assert "Personas refugiadas" not in html


def test_translating_a_statement_keeps_its_original_topics(statement):
    translate_object(statement, [spanish()])
    in_spanish(Topic.objects.get(slug="refugees"), name="Personas refugiadas")
    copy = StatementPage.objects.get(translation_key=statement.translation_key, locale=spanish())
    assert [topic.name for topic in copy.topics.all()] == ["Refugees"]


def test_a_topic_can_be_translated_with_wagtail_localize(statement):
    topic = Topic.objects.get(slug="refugees")
    translate_object(topic, [spanish()])
    copy = Topic.objects.get(translation_key=topic.translation_key, locale=spanish())
    assert copy.slug == "refugees"


def test_spanish_statement_names_its_countries_in_spanish(client, spanish_statement):
    # Country names are django-countries' own, translated by gettext, not snippets.
    Country.objects.create(code="PH", region=Region.objects.get(slug="asia"))
    statement = StatementPage.objects.get(pk=spanish_statement.pk)
    statement.countries.set(Country.objects.filter(code="PH"))
    statement.save_revision().publish()
    assert "Filipinas" in footer_and_byline(client, statement)


def spanish_topic_feed(client, spanish_statement):
    in_spanish(Topic.objects.get(slug="refugees"), name="Personas refugiadas")
    index = spanish_statement.get_parent()
    response = client.get(index.url + "topics/refugees/feed/")
    assert response.status_code == 200
    return feedparser.parse(response.content)


def test_spanish_topic_feed_is_titled_with_the_spanish_topic(client, spanish_statement):
    assert spanish_topic_feed(client, spanish_statement).feed.title.endswith("Personas refugiadas")


def test_spanish_feed_entries_are_filed_under_the_spanish_topic(client, spanish_statement):
    entry = spanish_topic_feed(client, spanish_statement).entries[0]
    assert [tag.term for tag in entry.tags] == ["Personas refugiadas"]
