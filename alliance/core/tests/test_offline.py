import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders

from alliance.core.management.commands.build_app_icons import path_polygons
from alliance.events.tests.factories import EventIndexPageFactory


def worker_config(client) -> dict:
    body = client.get("/sw.js").content.decode()
    return json.loads(re.search(r"^const CONFIG = (.*);$", body, re.MULTILINE).group(1))


def test_service_worker_is_served_from_the_root_for_the_whole_site(client, home):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert "worker-src 'self'" in response["Content-Security-Policy"]


def test_service_worker_keeps_each_language_s_offline_page_and_the_coming_events(client, home):
    events = EventIndexPageFactory(parent=home, title="Events", slug="events")
    config = worker_config(client)
    codes = [code for code, _name in settings.LANGUAGES]
    assert config["offline"] == {code: f"/{code}/offline/" for code in codes}
    assert events.url in config["precache"]
    assert "/en/offline/" in config["precache"]


def test_service_worker_is_told_never_to_keep_accounts_replies_or_the_admin(client, home):
    never = worker_config(client)["never"]
    assert "/admin/" in never["prefixes"]
    assert "account/" in never["after_language"]
    assert "/rsvp/" in never["parts"]


def test_service_worker_version_changes_with_what_it_keeps_ready(client, home):
    before = worker_config(client)["version"]
    EventIndexPageFactory(parent=home, title="Events", slug="events")
    assert worker_config(client)["version"] != before


def test_offline_page_says_so_and_is_not_indexed(client, home):
    soup = BeautifulSoup(client.get("/en/offline/").content, "html.parser")
    assert soup.h1.get_text() == "You are offline"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_manifest_names_the_alliance_and_its_icons(client, home):
    response = client.get("/en/manifest.webmanifest")
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert data["name"] == "Test Alliance"
    assert data["start_url"] == "/en/"
    assert data["scope"] == "/"
    assert data["display"] == "standalone"
    assert {icon["purpose"] for icon in data["icons"]} == {"any", "maskable"}
    for icon in data["icons"]:
        name = icon["src"].removeprefix(settings.STATIC_URL)
        assert Path(finders.find(name)).stat().st_size > 0, name


def test_manifest_in_arabic_reads_right_to_left(client, home):
    data = json.loads(client.get("/ar/manifest.webmanifest").content)
    assert (data["lang"], data["dir"], data["start_url"]) == ("ar", "rtl", "/ar/")


def test_every_page_links_the_manifest_and_registers_the_worker_as_an_extra(client, home):
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    assert soup.find("link", rel="manifest")["href"] == "/en/manifest.webmanifest"
    script = soup.find("script", attrs={"data-service-worker": True})
    assert script["data-service-worker"] == "/sw.js"
    assert script.has_attr("defer")


def test_icon_drawing_reads_the_logo_s_straight_edged_letters():
    assert path_polygons("M9 22V10h3v12zm5 0V10h3l2 5") == [
        [(9, 22), (9, 10), (12, 10), (12, 22)],
        [(14, 22), (14, 10), (17, 10), (19, 15)],
    ]
