"""Issue 17, walked as the secretariat would: a statement with a lead image, a topic and a
spokesperson, published, then translated into Spanish (a draft, not public until its
translator publishes it), and a membership application approved as unlisted, after the
confirmation step.

The one account does it all as a moderator: editors may not publish or decide on
applications (alliance/accounts/roles.py); the editor's own journey, draft and
submission, is test_journeys_accounts.py's.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

from playwright.sync_api import expect
from test_journeys_accounts import sign_in

TITLE = "Decent work for domestic workers in the Gulf"
SUMMARY = "The alliance asks Gulf governments to bring domestic workers under their labour laws."
BODY = "Domestic workers keep households running and deserve the protection of the law."
APPLICANT = "Kafala Watch Collective"

_PREPARE = """
import io
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images.models import Image
from alliance.members.models import MembershipApplication

buffer = io.BytesIO()
Picture.new("RGB", (1200, 630), (180, 40, 40)).save(buffer, "PNG")
Image.objects.create(title="Rally in Kuwait", file=ImageFile(buffer, name="rally.png"))
MembershipApplication.objects.create(
    organization_name={applicant!r}, kind="migrant", country="KW", city="Kuwait City",
    sectors="Domestic workers", description="Domestic workers organizing in Kuwait.",
    contact_name="Amal Contact", contact_email="amal@kafala.example.org",
    agrees_basis_of_unity=True,
)
"""


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def text_of(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310
        return response.read().decode()


def write_statement(page) -> None:
    page.get_by_role("link", name="Write a statement").first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/newsroom/statementpage/\d+/$"))
    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_label("Summary*").fill(SUMMARY)
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.locator("[data-contentpath='body'] [role='textbox']")
    editor.click()
    editor.press_sequentially(BODY)
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(BODY))
    # The lead image, from the image library, with its description.
    page.locator("[data-contentpath='lead_image']").get_by_role("button").first.click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name=re.compile("Rally in Kuwait")).first.click()
    expect(page.locator("[data-contentpath='lead_image']")).to_contain_text("Rally in Kuwait")
    page.get_by_label("Lead image description").fill("Domestic workers marching in Kuwait")
    # A topic among the checkboxes, and a spokesperson from the people.
    page.get_by_role("checkbox", name="Refugees").check()
    page.get_by_role("button", name="Add person").click()
    page.locator("[data-contentpath='person']").get_by_role("button").first.click()
    page.locator(".modal-content").get_by_role("link", name=re.compile("Eni Lestari")).first.click()
    expect(page.locator("[data-contentpath='person']").first).to_contain_text("Eni Lestari")


def test_statement_translation_and_application_approval(desktop_page, live_site, artefacts):
    live_site.manage("shell", "-c", _PREPARE.format(applicant=APPLICANT))
    page = desktop_page
    sign_in(page, live_site.accounts["moderator"])
    expect(page).to_have_url(re.compile(r"/admin/$"))

    write_statement(page)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    # Wagtail words it "created and published" from the new-page form, "has been published" after.
    expect(page.locator(".messages")).to_contain_text(
        re.compile(rf"Page '{re.escape(TITLE)}' (has been|created and) published\.")
    )
    statements = live_site.url + "/en/statements/"
    english = text_of(statements)
    assert TITLE in english
    page.screenshot(path=artefacts / "journey-editors-at-home-published.png", full_page=True)

    # Translate this page: a Spanish draft, and nothing of it on the Spanish site.
    page.get_by_role("link", name=TITLE).first.click()
    page_id = re.search(r"/admin/pages/(\d+)/", page.url).group(1)
    page.goto(f"/admin/localize/submit/page/{page_id}/")
    page.get_by_role("checkbox", name=re.compile("Spanish|Español")).check()
    page.get_by_role("button", name=re.compile("Submit|Translate")).click()
    page.wait_for_load_state()
    spanish = text_of(live_site.url + "/es/statements/")
    assert TITLE not in spanish
    assert TITLE not in text_of(live_site.url + "/es/")
    slug = re.search(rf'href="/en/statements/([^/"]+)/"[^>]*>\s*{re.escape(TITLE)}', english)
    if slug:
        assert status_of(f"{live_site.url}/es/statements/{slug.group(1)}/") == 404

    # The application: the queue's Approve opens the confirmation; choose unlisted.
    page.goto("/admin/")
    page.get_by_role("button", name=re.compile(r"^Review")).click()
    page.get_by_role("link", name=re.compile(r"^Applications \(\d+\)")).click()
    row = page.get_by_role("row").filter(has_text=APPLICANT)
    row.get_by_role("link", name="Approve").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(APPLICANT)
    expect(page.get_by_text("amal@kafala.example.org")).to_be_visible()
    page.get_by_role("button", name="Approve and make it a member").click()
    expect(page.get_by_text("Choose whether the organization is named in public.")).to_be_visible()
    page.get_by_role("radio", name=re.compile("^Unlisted")).check()
    page.get_by_role("button", name="Approve and make it a member").click()
    expect(page.locator(".messages")).to_contain_text(f"{APPLICANT} is now an unlisted member")
    page.screenshot(path=artefacts / "journey-editors-at-home-approved.png", full_page=True)
    assert APPLICANT not in text_of(live_site.url + "/en/members/")
