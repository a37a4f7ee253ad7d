"""The listing filters: what every listing's FilterSet shares, and its select written out
in Python."""

import django_filters
import pytest
from bs4 import BeautifulSoup
from django import forms
from django.contrib.auth.models import Group
from django.http import QueryDict

from alliance.core.listing import FilterSelect, ListingFilterSet

CHOICES = [("", "All"), ("a&b", 'Workers "united" <now>'), ("hk", "Hong Kong")]


def options(html: str) -> list[tuple[str, str, bool]]:
    select = BeautifulSoup(html, "html.parser").select_one("select")
    return [
        (option["value"], option.get_text(), option.has_attr("selected"))
        for option in select.select("option")
    ]


def test_filter_select_writes_the_same_options_as_djangos_select():
    attrs = {"id": "id_organizer", "aria-describedby": "organizer-help"}
    ours = FilterSelect(choices=CHOICES).render("organizer", "hk", attrs)
    django = forms.Select(choices=CHOICES).render("organizer", "hk", attrs)
    assert options(ours) == options(django)
    ours_select = BeautifulSoup(ours, "html.parser").select_one("select")
    assert ours_select["name"] == "organizer"
    assert ours_select["aria-describedby"] == "organizer-help"


def test_filter_select_escapes_values_and_labels():
    html = FilterSelect(choices=CHOICES).render("organizer", None)
    assert "<now>" not in html
    assert ("a&b", 'Workers "united" <now>', False) in options(html)


def test_filter_select_groups_options():
    grouped = [("Asia", [("hk", "Hong Kong")]), ("Europe", [("nl", "Netherlands")])]
    html = FilterSelect(choices=grouped).render("country", "nl")
    soup = BeautifulSoup(html, "html.parser")
    assert [group["label"] for group in soup.select("optgroup")] == ["Asia", "Europe"]
    assert soup.select_one("option[selected]")["value"] == "nl"


NAMES = ("Cooks", "Drivers")


class GroupFilter(ListingFilterSet):
    name = django_filters.ChoiceFilter(
        choices=[("Cooks", "Cooks"), ("Drivers", "Drivers")], empty_label="All"
    )
    id = django_filters.NumberFilter()


@pytest.fixture
def groups(db):
    return [Group.objects.create(name=name) for name in NAMES]


def listing_filter(query: str) -> GroupFilter:
    return GroupFilter(QueryDict(query), Group.objects.filter(name__in=NAMES).order_by("name"))


def test_valid_criteria_are_applied(groups):
    assert [group.name for group in listing_filter("name=Drivers").qs] == ["Drivers"]


def test_an_invalid_criterion_is_reported_and_the_others_applied(groups):
    chosen = listing_filter("name=Nobody&id=" + str(groups[0].pk))
    assert list(chosen.qs) == [groups[0]]
    assert list(chosen.form.errors) == ["name"]


def test_page_and_unknown_parameters_are_not_errors(groups):
    chosen = listing_filter("page=2&utm_source=newsletter")
    assert list(chosen.qs) == groups
    assert not chosen.form.errors
    assert not chosen.form.active


def test_any_criterion_makes_the_filter_active_even_an_invalid_one(groups):
    assert listing_filter("name=Nobody").form.active
    assert not listing_filter("name=&id=").form.active


def test_the_query_string_carries_only_the_valid_criteria(groups):
    chosen = listing_filter("id=abc&name=Cooks&page=3")
    assert chosen.form.querystring() == "name=Cooks"


def test_selects_are_written_out_in_python(groups):
    assert isinstance(listing_filter("").form.fields["name"].widget, FilterSelect)
    assert not isinstance(listing_filter("").form.fields["id"].widget, FilterSelect)
