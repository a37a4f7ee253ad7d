import datetime as dt
import re

import pytest
import segno
from bs4 import BeautifulSoup
from wagtail.models import Locale

from alliance.events.flyer import paper_size
from alliance.events.models import EventContact

from .factories import EventPageFactory


@pytest.fixture
def rally(event_index):
    event = EventPageFactory(
        parent=event_index,
        title="Rally for migrant rights",
        start_date=dt.date(2031, 3, 8),
        start_time=dt.time(14, 0),
        end_time=dt.time(16, 30),
        time_zone="Asia/Manila",
        venue_name="Liwasang Bonifacio",
        city="Manila",
        country="PH",
    )
    EventContact.objects.create(page=event, name="Ana Cruz", phone="+63 2 1234 5678")
    return event


def flyer(client, event, query="") -> BeautifulSoup:
    response = client.get(f"{event.url}flyer/{query}")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    return BeautifulSoup(response.content, "html.parser")


def dark_modules(svg_path: str) -> set[tuple[int, int]]:
    """The dark squares of segno's SVG path: horizontal runs of "h" after each move."""
    dark = set()
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", svg_path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark.update((int(x) + i, int(y)) for i in range(int(a)))
            x += float(a)
    return dark


def test_flyer_gives_title_time_in_the_venue_s_zone_place_and_contact(client, rally):
    soup = flyer(client, rally)
    assert soup.h1.get_text() == "Rally for migrant rights"
    facts = soup.select_one(".facts").get_text(" ", strip=True)
    assert "8 March 2031, 14:00" in facts
    assert "16:30" in facts
    assert "Asia/Manila" in facts
    assert "Liwasang Bonifacio" in facts
    assert "Manila, Philippines" in facts
    assert "Ana Cruz" in facts
    assert "+63 2 1234 5678" in facts


def test_flyer_qr_code_holds_the_event_s_address(client, rally):
    soup = flyer(client, rally)
    address = f"http://testserver{rally.url}"
    drawn = dark_modules(soup.select_one("svg.qr path.qrline")["d"])
    expected = segno.make(address, error="m", micro=False)
    border = 4
    wanted = {
        (column + border, row + border)
        for row, line in enumerate(expected.matrix)
        for column, module in enumerate(line)
        if module
    }
    assert drawn == wanted
    assert soup.select_one(".flyer-qr .address").get_text() == address


def test_flyer_prints_on_a4_unless_letter_is_asked_for(client, rally):
    def print_sheet(soup):
        return soup.find("link", media="print")["href"]

    assert print_sheet(flyer(client, rally)).endswith("events/flyer-a4.css")
    assert print_sheet(flyer(client, rally, "?paper=letter")).endswith("events/flyer-letter.css")
    assert print_sheet(flyer(client, rally, "?paper=../x")).endswith("events/flyer-a4.css")


@pytest.mark.parametrize(("asked", "paper"), [("letter", "letter"), ("a4", "a4"), ("", "a4")])
def test_paper_size(asked, paper):
    assert paper_size(asked) == paper


def test_flyer_is_in_the_event_s_language_right_to_left_in_arabic(client, event_index):
    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    home = event_index.get_parent().specific.copy_for_translation(arabic)
    home.save_revision().publish()
    index = event_index.copy_for_translation(arabic)
    index.save_revision().publish()
    event = EventPageFactory(parent=index, title="وقفة تضامن")
    soup = flyer(client, event)
    assert soup.html["lang"] == "ar"
    assert soup.html["dir"] == "rtl"
    assert soup.select_one(".facts dt").get_text() != "When"


def test_event_page_links_to_its_flyer(client, rally):
    soup = BeautifulSoup(client.get(rally.url).content, "html.parser")
    assert soup.find("a", href=f"{rally.url}flyer/") is not None
