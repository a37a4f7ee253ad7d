import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from alliance.events.tests.factories import EventPageFactory
from alliance.newsroom.tests.factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_statements_embed_lists_the_latest_on_a_topic(client, statement_index):
    topic = TopicFactory(slug="work")
    StatementPageFactory(parent=statement_index, title="On work", topics=[topic])
    StatementPageFactory(parent=statement_index, title="Elsewhere")
    response = client.get("/embed/statements/", {"topic": "work", "lang": "en"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text() for a in soup.select("li a")] == ["On work"]
    assert soup.select_one("li a")["href"].startswith("http://testserver/en/statements/")


def test_embeds_may_be_framed_by_any_site_and_run_nothing(client, statement_index, event_index):
    EventPageFactory(parent=event_index)
    for url in ("/embed/statements/", "/embed/events/"):
        response = client.get(url)
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors *" in policy
        assert "script-src 'none'" in policy
        assert "X-Frame-Options" not in response
        assert not response.cookies
        assert b"<script" not in response.content


def test_other_pages_still_refuse_to_be_framed(client, home):
    response = client.get(home.url)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_events_embed_lists_coming_events(client, event_index):
    EventPageFactory(parent=event_index, title="Coming soon")
    soup = BeautifulSoup(client.get("/embed/events/").content, "html.parser")
    assert [a.get_text() for a in soup.select("li a")] == ["Coming soon"]


def test_embed_reads_right_to_left_in_arabic(client, statement_index):
    Locale.objects.get_or_create(language_code="ar")
    soup = BeautifulSoup(client.get("/embed/statements/", {"lang": "ar"}).content, "html.parser")
    assert soup.html["dir"] == "rtl" and soup.html["lang"] == "ar"


def test_embed_refuses_unknown_languages_and_writes(client, statement_index):
    assert client.get("/embed/statements/", {"lang": "xx"}).status_code == 400
    assert client.post("/embed/statements/").status_code == 405
