"""Filters and forms offer topics and regions under their names in the reader's language."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from alliance.alerts.forms import SubscribeForm
from alliance.events.filters import EventFilter
from alliance.events.models import EventPage
from alliance.members.filters import DirectoryFilter
from alliance.members.models import MemberOrganization
from alliance.members.tests.factories import MemberOrganizationFactory, RegionFactory
from alliance.newsroom.filters import StatementFilter
from alliance.newsroom.models import StatementPage
from alliance.newsroom.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def in_spanish(original, name: str):
    translation_ = original.copy_for_translation(Locale.objects.get(language_code="es"))
    translation_.name = name
    translation_.save()
    return translation_


def options(field) -> dict[str, str]:
    """The value and label of each option of a bound field, as rendered."""
    soup = BeautifulSoup(str(field), "html.parser")
    found = soup.select("option") or soup.select("label")
    pairs = {}
    for element in found:
        control = element if element.name == "option" else element.find("input")
        if control is not None and control.get("value"):
            pairs[control["value"]] = element.get_text(strip=True)
    return pairs


@pytest.fixture
def refugees():
    topic = TopicFactory(name="Refugees", slug="refugees")
    in_spanish(topic, "Personas refugiadas")
    return topic


@pytest.fixture
def asia():
    region = RegionFactory(name="Asia", slug="asia")
    in_spanish(region, "Asia y el Pacífico")
    return region


def test_statement_filter_labels_topics_in_the_reader_language(refugees):
    with translation.override("es"):
        form = StatementFilter({}, StatementPage.objects.all()).form
        assert options(form["topic"]) == {"refugees": "Personas refugiadas"}


def test_statement_filter_keeps_default_language_names_in_default_language(refugees):
    with translation.override("en"):
        form = StatementFilter({}, StatementPage.objects.all()).form
        assert options(form["topic"]) == {"refugees": "Refugees"}


def test_untranslated_topic_falls_back_to_its_original_name(refugees):
    TopicFactory(name="Labour", slug="labour")
    with translation.override("es"):
        form = StatementFilter({}, StatementPage.objects.all()).form
        assert options(form["topic"])["labour"] == "Labour"


def test_statement_filter_still_filters_by_the_original(refugees):
    with translation.override("es"):
        filtered = StatementFilter({"topic": "refugees"}, StatementPage.objects.all())
        assert filtered.form.is_valid()
        assert filtered.form.cleaned_data["topic"] == refugees


def test_events_filter_labels_regions_in_the_reader_language(asia):
    with translation.override("es"):
        form = EventFilter({}, EventPage.objects.all()).form
        assert options(form["region"]) == {"asia": "Asia y el Pacífico"}


def test_directory_filter_labels_regions_in_the_reader_language(asia):
    with translation.override("es"):
        form = DirectoryFilter({}, MemberOrganization.objects.all()).form
        assert options(form["region"]) == {"asia": "Asia y el Pacífico"}


def test_alerts_form_labels_topics_and_regions_in_the_reader_language(refugees, asia):
    with translation.override("es"):
        form = SubscribeForm()
        assert options(form["topics"]) == {str(refugees.pk): "Personas refugiadas"}
        assert options(form["regions"]) == {str(asia.pk): "Asia y el Pacífico"}


def test_labels_cost_one_query_whatever_the_number_of_topics(refugees):
    def queries() -> int:
        with translation.override("es"), CaptureQueriesContext(connection) as captured:
            str(StatementFilter({}, StatementPage.objects.none()).form["topic"])
        return len(captured)

    few = queries()
    for number in range(5):
        in_spanish(TopicFactory(name=f"Topic {number}", slug=f"topic-{number}"), f"Tema {number}")
    assert queries() == few


def test_country_names_follow_the_reader_language_by_gettext():
    MemberOrganizationFactory(country="PH")
    with translation.override("es"):
        form = DirectoryFilter({}, MemberOrganization.objects.all()).form
        assert options(form["country"]) == {"PH": "Filipinas"}
