"""Time zones by the venue's country: suggested, required only where a country has several."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance.events.zones import (
    canonical_zones,
    country_zones,
    zone_choices,
    zone_for_venue,
    zone_label,
)

from .factories import EventPageFactory


def test_a_country_with_one_zone_gives_it():
    assert country_zones("SA") == ("Asia/Riyadh",)
    assert zone_for_venue("", "HK") == "Asia/Hong_Kong"


def test_a_country_with_several_zones_asks_for_one():
    assert "America/New_York" in country_zones("US")
    with pytest.raises(ValidationError) as raised:
        zone_for_venue("", "US")
    assert "several time zones" in str(raised.value)


def test_a_chosen_zone_is_kept():
    assert zone_for_venue("UTC", "PH") == "UTC"


def test_no_country_and_no_zone_asks_for_one():
    with pytest.raises(ValidationError):
        zone_for_venue("", "")


def test_old_aliases_are_not_offered():
    offered = set(canonical_zones())
    assert {"Hongkong", "Asia/Asmera", "US/Eastern", "Factory"}.isdisjoint(offered)
    assert {"Asia/Hong_Kong", "Africa/Asmara", "UTC"} <= offered


def test_labels_show_the_current_offset():
    winter = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 15, tzinfo=dt.UTC)
    assert zone_label("Asia/Kolkata", winter) == "Asia/Kolkata (UTC+05:30)"
    assert zone_label("America/New_York", winter) == "America/New York (UTC−05:00)"
    assert zone_label("America/New_York", summer) == "America/New York (UTC−04:00)"


def test_the_venue_countrys_zones_come_first():
    choices = zone_choices("MX")
    assert choices[0][0] == ""
    group, zones = choices[1]
    assert str(group) == "In Mexico"
    assert "America/Mexico_City" in [name for name, _label in zones]


@pytest.mark.django_db
def test_admin_event_form_takes_the_countrys_zone_when_left_empty(client, event_index):

    user = get_user_model().objects.create_superuser("root", password="pw-root-123456789")
    client.force_login(user)
    event = EventPageFactory(parent=event_index, country="PH", time_zone="UTC")
    form_class = type(event).get_edit_handler().get_form_class()
    form = form_class(instance=event, for_user=user)
    labels = [str(label) for label, _zones in form.fields["time_zone"].widget.choices[1:2]]
    assert labels == ["In Philippines"]
    response = client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert "Asia/Manila (UTC+08:00)" in response.content.decode()


@pytest.mark.django_db
def test_admin_event_form_suggests_the_zone_on_choosing_a_country(client, event_index):
    user = get_user_model().objects.create_superuser("root", password="pw-root-123456789")
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", event_index.pk))
    content = client.get(url).content.decode()
    assert "events/zone-suggest.js" in content
    assert "data-country-zones=" in content
    assert "&quot;SA&quot;:[&quot;Asia/Riyadh&quot;]" in content
