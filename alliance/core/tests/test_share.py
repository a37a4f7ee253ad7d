from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance.core.share import fediverse_share_url, server_hostname, share_links
from alliance.newsroom.tests.factories import StatementPageFactory


@pytest.mark.parametrize(
    ("typed", "host"),
    [
        ("mastodon.social", "mastodon.social"),
        ("  Mastodon.Social ", "mastodon.social"),
        ("https://mastodon.social/", "mastodon.social"),
        ("@name@mastodon.social", "mastodon.social"),
        ("name@social.example.org", "social.example.org"),
        ("bücher.example", "xn--bcher-kva.example"),
    ],
)
def test_a_server_is_read_from_an_address_a_handle_or_a_name(typed, host):
    assert server_hostname(typed) == host


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "localhost",
        "mastodon.social/evil",
        "https://evil.example/path?x=1",
        "evil.example:8080",
        "192.0.2.1",
        "two words.example",
        "-dash.example",
        "dash-.example",
        "javascript:alert(1)",
        "evil.example#frag",
        "a" * 64 + ".example",
        "evil.example\n.org",
    ],
)
def test_anything_but_a_host_name_is_refused(typed):
    with pytest.raises(ValidationError):
        server_hostname(typed)


def test_share_links_carry_the_address_and_no_tracking_parameter():
    links = share_links("Title & more", "https://alliance.example/en/s/1/")
    assert links["whatsapp"] == (
        "https://wa.me/?text=Title%20%26%20more%20https%3A%2F%2Falliance.example%2Fen%2Fs%2F1%2F"
    )
    telegram = parse_qs(urlsplit(links["telegram"]).query)
    assert telegram == {"url": ["https://alliance.example/en/s/1/"], "text": ["Title & more"]}
    assert links["email"].startswith("mailto:?subject=Title%20%26%20more&body=https%3A")
    assert not any("utm_" in link for link in links.values())


def test_fediverse_address_is_the_server_s_share_form():
    url = fediverse_share_url("social.example", "Title", "https://alliance.example/en/s/1/")
    assert (
        url
        == "https://social.example/share?text=Title%20https%3A%2F%2Falliance.example%2Fen%2Fs%2F1%2F"
    )


@pytest.fixture
def statement(statement_index):
    return StatementPageFactory(parent=statement_index, title="Stop the raids")


def share_address(statement) -> str:
    return reverse("share_fediverse", args=[statement.pk])


def test_share_page_asks_for_the_server(client, statement):
    response = client.get(share_address(statement))
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert soup.find("input", attrs={"name": "server"}) is not None
    assert soup.find("a", href=f"http://testserver{statement.url}").get_text() == "Stop the raids"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_share_page_sends_the_reader_to_their_server(client, statement):
    response = client.post(share_address(statement), {"server": "@me@Social.Example"})
    assert response.status_code == 302
    assert response["Location"] == fediverse_share_url(
        "social.example", "Stop the raids", f"http://testserver{statement.url}"
    )


def test_share_page_refuses_a_server_that_is_not_a_host_name_and_keeps_it(client, statement):
    response = client.post(share_address(statement), {"server": "evil.example/phish"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 400
    assert "mastodon.social, with no spaces or slashes" in soup.select_one(".error").get_text()
    assert soup.find("input", attrs={"name": "server"})["value"] == "evil.example/phish"


def test_a_link_cannot_make_the_share_page_redirect(client, statement):
    response = client.get(share_address(statement), {"server": "evil.example"})
    assert response.status_code == 200


def test_share_page_of_a_draft_is_not_found(client, statement_index):
    draft = StatementPageFactory(parent=statement_index, live=False)
    assert client.get(share_address(draft)).status_code == 404


def test_statement_offers_the_share_links_and_loads_nothing_from_them(client, statement):
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    block = soup.select_one(".share")
    hrefs = [link["href"] for link in block.find_all("a")]
    assert [href.split("?")[0] for href in hrefs] == [
        "https://wa.me/",
        "https://t.me/share/url",
        "mailto:",
        share_address(statement),
        f"http://testserver{statement.url}",
    ]
    external = [tag for tag in soup.find_all(src=True) if "//" in tag["src"]]
    assert external == []
    assert block.select_one("[data-share-native]").has_attr("hidden")
