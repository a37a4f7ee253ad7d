"""User journeys of people with accounts: representatives of member organizations,
the secretariat's editors and moderators.

Each test follows one person through the site as they would go: from the sign-in
page, by the links and buttons they see, checking what they are told on the way.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
import urllib.error
import urllib.request

import feedparser
from django_otp.oath import TOTP
from playwright.sync_api import expect

# Public forms refuse what is sent less than 3 seconds after they were shown.
HUMAN_PAUSE_MS = 3_200


def sign_in(page, account, code: str | None = None) -> None:
    """Sign in on the one sign-in page, with the password and the second factor at once."""
    page.goto("/en/account/login/")
    expect(page).to_have_title(re.compile(r"^Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    form = page.get_by_role("main")
    form.get_by_label("Username").fill(account.username)
    form.get_by_label("Password").fill(account.password)
    if code is None and account.key:
        code = account.code()
    if code:
        form.get_by_label("Security code").fill(code)
    form.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def anonymous_get(url: str) -> bytes:
    """What a reader with no cookies gets; it also stores the page in the page cache."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
        assert response.status == 200
        return response.read()


def anonymous_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def organization_name(live_site, slug: str) -> str:
    """The organization's name as its public profile shows it."""
    profile = anonymous_get(f"{live_site.url}/en/members/{slug}/").decode()
    found = re.search(r"<h1[^>]*>(.*?)</h1>", profile, re.S)
    assert found
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def open_oldest_statement_for_endorsement(live_site) -> str:
    """Setup by the secretariat: the oldest English statement becomes open for signing.

    The demo content has no statement open for endorsement; publishing a revision
    (as the admin does) lets the site start a new page cache generation.
    """
    printed = live_site.manage(
        "shell",
        "-c",
        "from alliance.newsroom.models import StatementPage\n"
        "s = (StatementPage.objects.live().filter(locale__language_code='en')"
        ".order_by('date', 'pk').first())\n"
        "s.endorsements_open = True\n"
        "s.save_revision().publish()\n"
        "print('OPENED', s.title)\n",
    )
    titles = [line[len("OPENED ") :] for line in printed.splitlines() if line.startswith("OPENED ")]
    assert titles, printed
    return titles[0]


# -- a member organization's representative ---------------------------------------


def test_representative_proposes_a_local_action_and_endorses_a_statement(
    page, browser, live_site, artefacts
):
    account = live_site.accounts["representative"]
    name = organization_name(live_site, account.organization_slug)
    statement_title = open_oldest_statement_for_endorsement(live_site)

    sign_in(page, account)
    expect(page).to_have_url(re.compile(r"/en/account/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

    # Propose a local action for the shared calendar.
    page.get_by_role("link", name="Propose an event for the calendar").click()
    expect(page).to_have_url(re.compile(r"/en/account/events/new/$"))
    form = page.get_by_role("main")
    expect(form.get_by_label("Organization")).to_have_value(name)
    action = "Know-your-rights clinic for domestic workers"
    day = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=30)
    form.get_by_label("Name of the action").fill(action)
    form.get_by_label("Kind of action").select_option(label="Info-session")
    form.get_by_label("What will happen").fill(
        "Volunteer lawyers answer questions on contracts, passports and days off."
    )
    form.get_by_label("Date").fill(day.isoformat())
    form.get_by_label("Start time").fill("14:00")
    form.get_by_label("End time").fill("16:00")
    form.get_by_label("Time zone").select_option("Asia/Hong_Kong")
    form.get_by_label("Venue or meeting place").fill("Community centre, 3rd floor")
    expect(form.get_by_label("City")).not_to_have_value("")
    page.wait_for_timeout(HUMAN_PAUSE_MS)
    form.get_by_role("button", name=re.compile("^(Send|Propose)")).click()
    expect(page).to_have_url(re.compile(r"/en/account/$"))
    expect(page.get_by_role("status").filter(has_text="Your event is sent")).to_be_visible()
    # The proposer hears back by e-mail; the action is not public before an editor approves.
    log = live_site.server_output()
    assert "We received your local action" in log
    assert f"To: {account.username}@example.org" in log
    assert action not in html.unescape(anonymous_get(live_site.url + "/en/events/").decode())

    # Endorse the statement open for signing, from the account page.
    open_statements = page.get_by_role("region", name="Statements open for endorsement")
    open_statements.get_by_role("link", name=statement_title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(statement_title)
    statement_url = page.url
    anonymous_get(statement_url)  # a reader has it in the page cache now
    endorsements = page.get_by_role("region", name="Endorsements")
    endorsements.get_by_role("button", name=f"Endorse as {name}").click()
    expect(page).to_have_url(re.compile(r"#endorsements$"))
    endorsements = page.get_by_role("region", name="Endorsements")
    expect(endorsements.get_by_role("status")).to_have_text(f"{name} now endorses this statement.")
    expect(endorsements.get_by_role("listitem").filter(has_text=name)).to_be_visible()
    expect(endorsements.get_by_role("button", name=re.compile("^Endorse as"))).to_have_count(0)

    # A reader who is not signed in sees the signature at once.
    reader = html.unescape(anonymous_get(statement_url).decode())
    assert name in reader[reader.index('id="endorsements"') :]

    page.get_by_role("link", name="Member organizations: sign in").click()
    rows = page.get_by_role("region", name="Statements open for endorsement").get_by_role(
        "listitem"
    )
    expect(rows.filter(has_text=statement_title)).to_contain_text("(endorsed)")
    page.screenshot(path=artefacts / "journey-representative.png", full_page=True)


def test_newcomer_sets_up_the_second_factor_on_first_sign_in(page, live_site, artefacts):
    account = live_site.accounts["newcomer"]
    name = organization_name(live_site, account.organization_slug)

    sign_in(page, account)  # no second factor yet: no code
    expect(page).to_have_url(re.compile(r"/en/account/two-factor/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your second factor")
    qr = page.locator("figure.qr")
    expect(qr.locator("svg")).to_be_visible()
    key_text = qr.locator("code").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", key_text), key_text
    key = base64.b32decode(key_text.replace(" ", ""))

    # A wrong code is refused, with the reason next to the field.
    code_field = page.get_by_label("The six-digit code your app shows now")
    right = f"{TOTP(key).token():06d}"
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    code_field.fill(wrong)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("alert")).to_contain_text("not the one your app shows")
    expect(page.get_by_label("The six-digit code your app shows now")).to_have_attribute(
        "aria-invalid", "true"
    )
    # The key stays the same while the person is setting it up.
    assert page.locator("figure.qr code").inner_text() == key_text

    # A person reads the message before trying again; django-otp refuses any
    # attempt within a second of a failure.
    page.wait_for_timeout(1_500)
    page.get_by_label("The six-digit code your app shows now").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.locator("ul.recovery-codes li").all_inner_texts()
    assert len(codes) >= 8
    assert len(set(codes)) == len(codes)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page).to_have_url(re.compile(r"/en/account/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("status").first).to_have_text("Your second factor is set up.")

    # Signing out and in again now needs the second factor; a recovery code does.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    sign_in(page, account, code=codes[0])
    expect(page).to_have_url(re.compile(r"/en/account/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.screenshot(path=artefacts / "journey-newcomer.png", full_page=True)


# -- the secretariat: an editor drafts, a moderator publishes -----------------------


def test_editor_drafts_and_moderator_publishes_a_statement(
    desktop_page, browser, live_site, artefacts
):
    page = desktop_page
    title = "Safe passage for migrants crossing the Mediterranean"
    summary = "The alliance calls on European governments to open safe and legal routes."
    body = "No one should have to risk their life at sea to seek safety and a living."

    sign_in(page, live_site.accounts["editor"])
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Pages › the English site › Statements › add a statement.
    page.get_by_role("link", name=re.compile(r"^\d+ Pages")).click()
    page.get_by_role("link", name="Explore child pages of 'Statements'").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statements")
    page.get_by_role("link", name="Add child page").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/newsroom/statementpage/\d+/$"))
    page.get_by_role("textbox", name="Title*").fill(title)
    page.get_by_label("Summary*").fill(summary)
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.locator("[data-contentpath='body'] [role='textbox']")
    editor.click()
    editor.press_sequentially(body)
    # Draftail stores what is typed in the form a moment later.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(body))
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(f"Page '{title}' created.")
    slug = page.locator("#id_slug").input_value()
    assert slug
    public_path = f"/en/statements/{slug}/"

    # Preview: the page as readers will see it, in the editor's side panel.
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail loads each preview in a second frame, then swaps it in.
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(title, timeout=20_000)
    expect(preview.get_by_text(body)).to_be_visible()

    # A draft is not public.
    home_before = anonymous_get(live_site.url + "/en/").decode()  # also fills the page cache
    feed_path = re.search(
        r'<link rel="alternate"\s+type="application/atom\+xml"\s+href="([^"]+)"', home_before
    ).group(1)
    anonymous_get(live_site.url + feed_path)
    assert title not in home_before
    assert anonymous_status(live_site.url + public_path) == 404

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile(r"^Submit to ")).click()
    expect(page.locator(".messages")).to_contain_text(
        f"Page '{title}' has been submitted for moderation."
    )

    # The moderator reviews it from the dashboard and approves it.
    context = browser.new_context(base_url=live_site.url, viewport={"width": 1280, "height": 800})
    try:
        moderator = context.new_page()
        moderator.set_default_timeout(15_000)
        sign_in(moderator, live_site.accounts["moderator"])
        expect(moderator).to_have_url(re.compile(r"/admin/$"))
        review = moderator.get_by_role("region", name="Awaiting your review")
        row = review.get_by_role("row").filter(has_text=title)
        expect(row).to_have_count(1)
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name="Approve", exact=True).click()
        moderator.wait_for_load_state()
        expect(moderator.get_by_role("row").filter(has_text=title)).to_have_count(0)
        moderator.screenshot(path=artefacts / "journey-moderator.png", full_page=True)
    finally:
        context.close()

    # A reader, at once: the statement leads the home page and the feed.
    reader_context = browser.new_context(base_url=live_site.url)
    try:
        reader = reader_context.new_page()
        reader.goto("/en/")
        first = reader.locator("main .featured")
        expect(first.get_by_role("link").first).to_have_text(title)
        feed_href = reader.locator(
            "head link[rel='alternate'][type='application/atom+xml']"
        ).first.get_attribute("href")
        response = reader.request.get(feed_href)
        assert response.ok
        feed = feedparser.parse(response.body())
        assert not feed.bozo, feed.bozo_exception
        assert feed.entries[0].title == title
        assert feed.entries[0].link == live_site.url + public_path
        first.get_by_role("link", name=title).click()
        expect(reader).to_have_url(live_site.url + public_path)
        expect(reader.get_by_role("heading", level=1)).to_have_text(title)
        expect(reader.get_by_text(body)).to_be_visible()
        reader.screenshot(path=artefacts / "journey-editor-statement.png", full_page=True)
    finally:
        reader_context.close()
