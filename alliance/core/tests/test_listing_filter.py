"""The listing filters' select, written out in Python."""

from bs4 import BeautifulSoup
from django import forms

from alliance.core.listing import FilterSelect

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
