"""Reading offline through the service worker, and an event's printed flyer.

The service worker is checked in Chromium with the network cut: a statement the
reader opened reads again, and a page never opened shows the site's own offline page
(which also proves the cut reached the worker). The flyer is printed to PDF on A4 and
Letter, one sheet each, and its QR code is read back from a screenshot.
"""

from __future__ import annotations

import io
import re

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

STATEMENT = re.compile(r"^/en/statements/[\w-]+/$")
EVENT = re.compile(r"^/en/events/(?:[\w-]+/)+$")


def links_matching(page, pattern: re.Pattern) -> list[str]:
    hrefs = [link.get_attribute("href") or "" for link in page.locator("main a[href]").all()]
    return list(dict.fromkeys(href for href in hrefs if pattern.match(href)))


def test_a_statement_opened_once_reads_again_with_the_network_cut(page, live_site, artefacts):
    page.goto("/en/statements/")
    statements = links_matching(page, STATEMENT)
    assert len(statements) >= 2, statements
    opened, never_opened = statements[0], statements[1]
    # The worker installs from the first page and then looks after the next ones.
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(opened)
    title = page.get_by_role("heading", level=1).inner_text()
    page.wait_for_function(
        "url => caches.match(url).then(found => Boolean(found))", arg=live_site.url + opened
    )

    page.context.set_offline(True)
    try:
        page.goto(opened)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        # The kept page is styled: the stylesheet was kept too.
        assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
        page.screenshot(path=artefacts / "offline-statement.png", full_page=False)

        page.goto(never_opened)
        expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
        page.screenshot(path=artefacts / "offline-page.png", full_page=False)
    finally:
        page.context.set_offline(False)


def test_the_worker_never_keeps_a_signed_in_or_private_page(page, live_site):
    page.goto("/en/statements/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto("/en/account/login/")
    kept = page.evaluate(
        "url => caches.match(url).then(found => Boolean(found))",
        live_site.url + "/en/account/login/",
    )
    assert kept is False


def open_an_event_with_a_flyer(page) -> str:
    page.goto("/en/events/")
    for href in links_matching(page, EVENT):
        page.goto(href)
        if page.get_by_role("link", name="Print a flyer").count():
            return href
    raise AssertionError("No event page links to its flyer.")


def test_the_flyer_prints_on_one_sheet_and_its_qr_code_reads_back(page, live_site, artefacts):
    event = open_an_event_with_a_flyer(page)
    title = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name="Print a flyer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    qr = page.locator("svg.qr")
    qr.scroll_into_view_if_needed()
    picture = Image.open(io.BytesIO(qr.screenshot()))
    read = [code.text for code in zxingcpp.read_barcodes(picture)]
    assert read == [live_site.url + event], read
    page.screenshot(path=artefacts / "flyer-360.png", full_page=True)

    page.emulate_media(media="print")
    expect(page.locator(".flyer-tools")).to_be_hidden()
    for paper in ("a4", "letter"):
        page.goto(f"{event}flyer/?paper={paper}")
        pdf = page.pdf(prefer_css_page_size=True)
        (artefacts / f"flyer-{paper}.pdf").write_bytes(pdf)
        sheets = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert sheets == 1, f"{paper}: {sheets} pages"
