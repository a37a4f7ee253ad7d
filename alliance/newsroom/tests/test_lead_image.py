"""A statement's lead image: required description, link previews, JSON-LD and feeds."""

import feedparser
import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.core.templatetags.alliance import share_image_url
from alliance.events.tests.factories import EventPageFactory
from alliance.events.tests.test_event_page import event_jsonld
from alliance.newsroom.templatetags.newsroom import statement_share_image_url

from .factories import StatementPageFactory
from .test_statement_page import jsonld

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return wagtail_factories.ImageFactory(width=1600, height=900)


def test_a_lead_image_needs_a_description(statement_index, image):
    statement = StatementPageFactory.build(lead_image=image, lead_image_alt=" ")
    with pytest.raises(ValidationError) as raised:
        statement.clean()
    assert "lead_image_alt" in raised.value.message_dict


def test_link_previews_use_the_lead_image(rf, statement_index, image):
    # The tag base.html's og:image and twitter card read (through the statement template).
    statement = StatementPageFactory(
        parent=statement_index, lead_image=image, lead_image_alt="Marchers"
    )
    request = rf.get(statement.url)
    url = statement_share_image_url({"request": request, "page": statement}, statement)
    assert url.startswith("http://testserver/media/images/")
    assert url == share_image_url({"request": request, "page": statement})


def test_json_ld_shows_the_lead_image(client, statement_index, image):
    statement = StatementPageFactory(
        parent=statement_index, lead_image=image, lead_image_alt="Marchers"
    )
    rendition_name = image.file.name.split("/")[-1].rsplit(".", 1)[0]
    assert rendition_name in jsonld(client.get(statement.url), "NewsArticle")["image"][0]


def test_an_events_json_ld_shows_its_lead_image(client, event_index, image):
    event = EventPageFactory(parent=event_index, lead_image=image, lead_image_alt="A picket")
    data = event_jsonld(client.get(event.url))
    assert image.file.name.split("/")[-1].rsplit(".", 1)[0] in data["image"][0]


def test_feeds_enclose_the_lead_image(client, statement_index, image):
    StatementPageFactory(parent=statement_index, lead_image=image, lead_image_alt="Marchers")
    StatementPageFactory(parent=statement_index)
    feed = feedparser.parse(client.get(statement_index.url + "feed/rss/").content)
    enclosures = [entry.get("enclosures", []) for entry in feed.entries]
    assert sorted(len(found) for found in enclosures) == [0, 1]
    assert next(found for found in enclosures if found)[0]["type"] == "image/jpeg"


def test_feed_queries_do_not_grow_with_lead_images(client, statement_index):
    url = statement_index.url + "feed/"
    StatementPageFactory(
        parent=statement_index,
        lead_image=wagtail_factories.ImageFactory(),
        lead_image_alt="One",
    )
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(3):
        StatementPageFactory(
            parent=statement_index,
            lead_image=wagtail_factories.ImageFactory(),
            lead_image_alt=f"Image {number}",
        )
    client.get(url)  # makes the new renditions
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)
