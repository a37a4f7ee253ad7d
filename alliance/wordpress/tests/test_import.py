import datetime as dt
import re
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image

from alliance.core.models import StandardPage
from alliance.events.models import EventIndexPage, EventPage
from alliance.newsroom.models import Person, StatementIndexPage, StatementKind, StatementPage, Topic
from alliance.wordpress.importer import wordpress_import
from alliance.wordpress.models import ImportedItem

from .shared_files import SHARED_WXR
from .wxr_files import SITE, export, item

pytestmark = pytest.mark.django_db

THEME_UNIT_TEST = SHARED_WXR / "themeunittestdata.wordpress.xml"
SUMMARY = re.compile(
    r"Imported (\d+), updated (\d+), unchanged (\d+), skipped (\d+), "
    r"conflicts (\d+), failed (\d+)\."
)


def write(tmp_path: Path, text: str, name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, *args: str) -> str:
    """The management command's output."""
    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def imported(tmp_path: Path, *items: str, **options):
    return wordpress_import(write(tmp_path, export(list(items))), **options)


def main_html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return str(BeautifulSoup(response.content, "html.parser").find("main"))


def picture(path: Path, image_format: str = "JPEG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    PillowImage.new("RGB", (12, 8), "darkred").save(path, image_format)
    return path


def statement(title: str) -> StatementPage:
    return StatementPage.objects.get(title=title)


def blocks(page) -> list[tuple[str, object]]:
    return [(block.block_type, block.value) for block in page.body]


def nothing_imported() -> bool:
    return not StatementPage.objects.exists() and not ImportedItem.objects.exists()


# -- the WordPress Theme Unit Test export ------------------------------------------------------


@pytest.fixture
def theme_unit_test() -> Path:
    if not THEME_UNIT_TEST.is_file():
        pytest.skip(f"the Theme Unit Test export is not at {THEME_UNIT_TEST}")
    return THEME_UNIT_TEST


def test_theme_unit_test_report_matches_the_file(home, statement_index, theme_unit_test):
    report = wordpress_import(theme_unit_test)

    outcomes = {}
    for line in report.lines:
        outcomes[(line.kind, line.outcome)] = outcomes.get((line.kind, line.outcome), 0) + 1
    assert outcomes == {
        ("post", "imported"): 51,
        ("page", "imported"): 21,
        # The menu with the most top-level pages becomes the site's menu; the rest is reported.
        ("nav_menu_item", "imported"): 7,
        ("nav_menu_item", "skipped"): 63,
        ("attachment", "skipped"): 38,
    }
    assert report.count("failed") == 0
    assert report.comments == 32
    assert report.sticky == ["Template: Sticky"]
    assert StatementPage.objects.child_of(statement_index).count() == 51
    assert StandardPage.objects.count() == 21


def test_theme_unit_test_keeps_publication_states(home, statement_index, theme_unit_test):
    wordpress_import(theme_unit_test)

    password = 'Template: Password Protected (the password is "enter")'
    assert not statement("Draft").live
    assert not statement(password).live
    scheduled = statement("Scheduled").latest_revision
    assert scheduled.approved_go_live_at == dt.datetime(2030, 1, 1, 19, 0, 18, tzinfo=dt.UTC)
    # Every other post, and every page, is published in WordPress.
    published = StatementPage.objects.exclude(title__in=["Draft", password, "Scheduled"])
    assert published.count() == 48
    assert all(page.live for page in published)
    assert StandardPage.objects.live().count() == 21


def test_theme_unit_test_every_page_renders_safely(client, home, statement_index, theme_unit_test):
    wordpress_import(theme_unit_test)

    records = ImportedItem.objects.filter(page__isnull=False).select_related("page")
    assert records.count() == 72
    for record in records:
        page = record.page.specific
        response = client.get(page.url)
        assert response.status_code == (200 if page.live else 404), page.url
        if response.status_code != 200:
            continue
        document = response.content.decode()
        main = str(BeautifulSoup(document, "html.parser").find("main")).lower()
        assert "<script" not in main, page.url
        for unsafe in ("onerror=", "onload=", "<iframe"):
            assert unsafe not in document.lower(), (page.url, unsafe)


def test_theme_unit_test_reimport_changes_nothing(home, statement_index, theme_unit_test):
    wordpress_import(theme_unit_test)
    pages = StatementPage.objects.count() + StandardPage.objects.count()
    redirects = Redirect.objects.count()

    again = wordpress_import(theme_unit_test)

    assert StatementPage.objects.count() + StandardPage.objects.count() == pages
    assert Redirect.objects.count() == redirects
    unchanged = [line for line in again.lines if line.outcome == "unchanged"]
    assert sum(1 for line in unchanged if line.kind in ("post", "page")) == 72
    assert sum(1 for line in unchanged if line.kind == "nav_menu_item") == 7
    assert again.count("imported") == again.count("updated") == again.count("conflict") == 0


# -- posts become statements -------------------------------------------------------------------


def test_post_becomes_a_statement_under_the_index(tmp_path, statement_index):
    report = imported(tmp_path, item(10, "Stop the deportations"))

    page = statement("Stop the deportations")
    assert page.get_parent().pk == statement_index.pk
    assert page.live
    assert report.count("imported") == 1


def test_publication_date_is_the_local_date_of_the_post(tmp_path, statement_index):
    # 07:30 in Hong Kong on the 19th is still the 18th in UTC.
    imported(
        tmp_path,
        item(10, "Morning statement", date="2016-09-19 07:30:00", date_gmt="2016-09-18 23:30:00"),
    )

    assert statement("Morning statement").date == dt.date(2016, 9, 19)


def test_categories_and_tags_become_topics(tmp_path, statement_index):
    imported(
        tmp_path,
        item(
            10,
            "On refugees",
            categories=[("campaigns", "Campaigns")],
            tags=[("refugees", "Refugees")],
        ),
    )

    page = statement("On refugees")
    assert {(t.slug, t.name) for t in page.topics.all()} == {
        ("campaigns", "Campaigns"),
        ("refugees", "Refugees"),
    }


def test_author_becomes_the_spokesperson(tmp_path, statement_index):
    imported(tmp_path, item(10, "Signed", creator="editor"))

    page = statement("Signed")
    assert [s.person.name for s in page.spokespersons.all()] == ["Eni Lestari"]
    assert Person.objects.filter(name="Eni Lestari").count() == 1


def test_author_missing_from_the_channel_is_named_by_login(tmp_path, statement_index):
    imported(tmp_path, item(10, "Guest post", creator="guestwriter"))

    page = statement("Guest post")
    assert [s.person.name for s in page.spokespersons.all()] == ["guestwriter"]


def test_two_people_with_the_authors_name_do_not_stop_the_import(tmp_path, statement_index):
    Person.objects.create(name="Eni Lestari", role="Chairperson")
    Person.objects.create(name="Eni Lestari", role="Spokesperson")

    report = imported(tmp_path, item(10, "Signed"))

    assert report.count("imported") == 1
    assert statement("Signed").spokespersons.get().person.name == "Eni Lestari"


def test_category_is_mapped_to_a_statement_kind(tmp_path, statement_index):
    path = write(
        tmp_path,
        export(
            [
                item(10, "A release", categories=[("press", "Press")]),
                item(11, "A campaign post", categories=[("campaigns", "Campaigns")]),
            ]
        ),
    )

    run(path, "--kind", "press=press_release")

    assert statement("A release").kind == StatementKind.PRESS_RELEASE
    assert statement("A campaign post").kind == StatementKind.STATEMENT


@pytest.mark.parametrize("status", ["draft", "private", "pending"])
def test_unpublished_posts_stay_unpublished(tmp_path, statement_index, status):
    report = imported(tmp_path, item(10, "Not yet", status=status))

    assert not statement("Not yet").live
    assert status in report.lines[0].reason


def test_trashed_post_is_skipped(tmp_path, statement_index):
    report = imported(tmp_path, item(10, "Thrown away", status="trash"))

    assert not StatementPage.objects.exists()
    assert report.count("skipped") == 1


def test_scheduled_post_is_scheduled_not_live(tmp_path, statement_index):
    report = imported(tmp_path, item(10, "Later", status="future", date="2030-01-01 12:00:00"))

    page = statement("Later")
    assert "scheduled" in report.lines[0].reason
    assert page.latest_revision.approved_go_live_at == dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)
    assert not page.live


def test_overdue_scheduled_post_is_not_reported_as_scheduled(tmp_path, statement_index):
    report = imported(tmp_path, item(10, "Missed", status="future", date="2015-01-01 12:00:00"))

    page = statement("Missed")
    assert not page.live
    assert page.latest_revision.approved_go_live_at is None
    assert "scheduled here too" not in report.lines[0].reason


def test_password_protected_post_is_unpublished_and_reported(tmp_path, statement_index):
    path = write(tmp_path, export([item(10, "Members only", password="secret")]))

    output = run(path)

    assert not statement("Members only").live
    assert "password-protected in WordPress: left unpublished" in output


def test_sticky_post_is_noted_in_the_report(tmp_path, statement_index):
    path = write(tmp_path, export([item(10, "Pinned", sticky=True), item(11, "Ordinary")]))

    output = run(path)

    assert "Sticky in WordPress: Pinned" in output


def test_comments_are_counted_not_imported(client, tmp_path, statement_index):
    path = write(tmp_path, export([item(10, "Discussed", comments=3)]))

    output = run(path)

    assert "Comments not imported: 3." in output
    assert "Comment 1" not in main_html(client, statement("Discussed"))


# -- content -----------------------------------------------------------------------------------


def test_classic_content_blank_lines_become_paragraphs(tmp_path, statement_index):
    imported(
        tmp_path,
        item(10, "Classic", content="First paragraph.\n\nSecond, with <strong>bold</strong>."),
    )

    assert [(kind, value.source) for kind, value in blocks(statement("Classic"))] == [
        ("paragraph", "<p>First paragraph.</p>"),
        ("paragraph", "<p>Second, with <b>bold</b>.</p>"),
    ]


BLOCK_EDITOR = """<!-- wp:heading -->
<h2>Our demands</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>We call for <em>rights</em>, not charity.</p>
<!-- /wp:paragraph -->

<!-- wp:list -->
<ul><li>Fair wages</li><li>A day off</li></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Migrants are not commodities.</p>
<cite>Eni Lestari</cite></blockquote>
<!-- /wp:quote -->"""


def test_block_editor_content_becomes_body_blocks(tmp_path, statement_index):
    imported(tmp_path, item(10, "Blocks", content=BLOCK_EDITOR))

    body = blocks(statement("Blocks"))
    assert [kind for kind, _value in body] == ["heading", "paragraph", "paragraph", "quote"]
    assert body[0][1] == "Our demands"
    assert body[1][1].source == "<p>We call for <i>rights</i>, not charity.</p>"
    assert body[2][1].source == "<ul><li>Fair wages</li><li>A day off</li></ul>"
    assert body[3][1]["text"] == "Migrants are not commodities."
    assert body[3][1]["attribution"] == "Eni Lestari"


def test_nested_lists_are_kept(client, tmp_path, statement_index):
    nested = "<ul><li>Demands<ul><li>Wages</li><li>Rest days</li></ul></li><li>Rights</li></ul>"
    imported(tmp_path, item(10, "Lists", content=nested))

    assert blocks(statement("Lists"))[0][1].source == nested
    assert nested in main_html(client, statement("Lists"))


UNSAFE = """<p>Before.<script>alert("stolen")</script></p>

<p onclick="steal()">Click here</p>

<p><a href="javascript:alert(1)">A bad link</a>
and <a href="https://example.org/">a good one</a></p>

<iframe src="https://www.youtube.com/embed/abc123" onload="steal()"></iframe>

<p><img src="x.png" onerror="steal()"></p>"""


def test_unsafe_html_never_reaches_the_page(client, tmp_path, statement_index):
    report = imported(tmp_path, item(10, "Unsafe", content=UNSAFE))

    html = main_html(client, statement("Unsafe")).lower()
    for unsafe in ("<script", "stolen", "onclick", "javascript:", "<iframe", "onload", "onerror"):
        assert unsafe not in html, unsafe
    assert "click here" in html
    assert "a bad link" in html
    assert '<a href="https://example.org/">a good one</a>' in html
    assert report.unsafe_removed > 0


def test_iframe_embed_becomes_a_plain_link(client, tmp_path, statement_index):
    imported(
        tmp_path,
        item(10, "Video", content='<iframe src="https://www.youtube.com/embed/abc123"></iframe>'),
    )

    html = main_html(client, statement("Video"))
    assert (
        '<a href="https://www.youtube.com/embed/abc123">https://www.youtube.com/embed/abc123</a>'
        in html
    )
    assert "<iframe" not in html


def test_embed_shortcode_becomes_a_plain_link(client, tmp_path, statement_index):
    video = "https://www.youtube.com/watch?v=abc123"
    imported(tmp_path, item(10, "Embedded", content=f"[embed]{video}[/embed]"))

    assert f'<a href="{video}">{video}</a>' in main_html(client, statement("Embedded"))


def test_unknown_shortcodes_are_removed_and_reported(client, tmp_path, statement_index):
    path = write(
        tmp_path,
        export(
            [
                item(
                    10,
                    "Shortcodes",
                    content='Sign up: [contact-form-7 id="5" title="Join"]\n\n'
                    '[su_button url="/join"]Join us[/su_button]',
                ),
                item(11, "More shortcodes", content="<p>Write to us. [contact-form-7 id='6']</p>"),
            ]
        ),
    )

    output = run(path)

    html = main_html(client, statement("Shortcodes"))
    assert "[contact-form-7" not in html
    assert "su_button" not in html
    assert "Join us" in html
    # Counted once for each post that uses them.
    assert "Shortcodes removed: [contact-form-7] ×2, [su_button] ×1" in output


# -- media -------------------------------------------------------------------------------------


def attachment(post_id: int, relative: str, title: str = "A photo", **kwargs) -> str:
    return item(
        post_id,
        title,
        post_type="attachment",
        status="inherit",
        content="",
        slug=Path(relative).stem,
        link=f"{SITE}/2016/09/19/rally/{Path(relative).stem}/",
        attachment_url=f"{SITE}/wp-content/uploads/{relative}",
        postmeta={"_wp_attached_file": relative},
        **kwargs,
    )


def test_caption_with_an_image_becomes_an_image_block(tmp_path, statement_index):
    uploads = tmp_path / "uploads"
    picture(uploads / "2016" / "09" / "rally.jpg")
    content = (
        '[caption id="attachment_50" align="aligncenter" width="300"]'
        f'<img class="size-medium" src="{SITE}/wp-content/uploads/2016/09/rally-300x200.jpg" '
        'alt="" width="300" height="200" /> Marchers in Hong Kong[/caption]'
    )
    path = write(
        tmp_path,
        export([attachment(50, "2016/09/rally.jpg", "Rally"), item(10, "Rally", content=content)]),
    )

    run(path, "--media-dir", str(uploads))

    [(kind, value)] = blocks(statement("Rally"))
    assert kind == "image"
    assert value["image"].pk == Image.objects.get(title="Rally").pk
    assert value["caption"] == "Marchers in Hong Kong"


def test_attachments_are_imported_from_the_media_dir(tmp_path, statement_index):
    uploads = tmp_path / "uploads"
    picture(uploads / "2016" / "09" / "rally.jpg")
    picture(uploads / "2016" / "10" / "banner.png", "PNG")
    (uploads / "2016" / "09" / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    path = write(
        tmp_path,
        export(
            [
                attachment(50, "2016/09/rally.jpg", "Rally"),
                attachment(51, "2016/10/banner.png", "Banner"),
                attachment(52, "2016/09/report.pdf", "Annual report"),
            ]
        ),
    )

    output = run(path, "--media-dir", str(uploads))

    assert sorted(Image.objects.values_list("title", flat=True)) == ["Banner", "Rally"]
    rally = Image.objects.get(title="Rally")
    assert (rally.width, rally.height) == (12, 8)
    assert Document.objects.get().title == "Annual report"
    assert SUMMARY.search(output).groups() == ("3", "0", "0", "0", "0", "0")


def test_missing_media_file_is_reported_not_fatal(tmp_path, statement_index):
    uploads = tmp_path / "uploads"
    picture(uploads / "2016" / "09" / "rally.jpg")
    path = write(
        tmp_path,
        export(
            [
                attachment(50, "2016/09/rally.jpg", "Rally"),
                attachment(51, "2016/09/gone.jpg", "Gone"),
                item(10, "Still imported"),
            ]
        ),
    )

    output = run(path, "--media-dir", str(uploads))

    assert Image.objects.get().title == "Rally"
    assert statement("Still imported").live
    assert "Media files not found: 1" in output
    assert "file not found in the media folder: 2016/09/gone.jpg" in output
    assert SUMMARY.search(output).groups() == ("2", "0", "0", "1", "0", "0")


def test_image_in_a_post_is_linked_to_the_imported_image(client, tmp_path, statement_index):
    uploads = tmp_path / "uploads"
    picture(uploads / "2016" / "09" / "rally.jpg")
    content = f'<p><img src="{SITE}/wp-content/uploads/2016/09/rally.jpg" alt="Marchers"></p>'
    imported(
        tmp_path,
        attachment(50, "2016/09/rally.jpg", "Rally"),
        item(10, "With a photo", content=content),
        media_dir=uploads,
    )

    [(kind, value)] = blocks(statement("With a photo"))
    assert kind == "image"
    assert value["image"].pk == Image.objects.get().pk
    assert value["image"].contextual_alt_text == "Marchers"
    assert "Marchers" in main_html(client, statement("With a photo"))


def test_missing_image_in_a_post_is_reported(tmp_path, statement_index):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    content = f'<p><img src="{SITE}/wp-content/uploads/2016/09/gone.jpg" alt="Gone"></p>'
    path = write(tmp_path, export([item(10, "Photo lost", content=content)]))

    output = run(path, "--media-dir", str(uploads))

    assert statement("Photo lost").live
    assert "Media files not found: 1" in output


def test_attachments_are_skipped_without_a_media_dir(tmp_path, statement_index):
    report = imported(tmp_path, attachment(50, "2016/09/rally.jpg"))

    assert not Image.objects.exists()
    assert "--media-dir" in report.lines[0].reason


@pytest.mark.parametrize("relative", ["../secret.png", "2016/../../secret.png"])
def test_attached_file_path_never_leaves_the_media_dir(tmp_path, statement_index, relative):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    picture(tmp_path / "secret.png", "PNG")

    report = imported(tmp_path, attachment(50, relative, "Secret"), media_dir=uploads)

    assert not Image.objects.exists()
    assert report.count("skipped") == 1
    assert report.missing_media == [relative]


# -- old addresses -----------------------------------------------------------------------------


def test_old_permalink_redirects_permanently(client, tmp_path, statement_index):
    imported(tmp_path, item(10, "Moved", slug="moved", date="2016-09-19 10:30:00"))

    response = client.get("/2016/09/19/moved/")

    assert response.status_code == 301
    assert response["Location"] == statement("Moved").url


def test_old_post_id_address_redirects_permanently(client, tmp_path, statement_index):
    imported(tmp_path, item(10, "Moved"))

    response = client.get("/?p=10")

    assert response.status_code == 301
    assert response["Location"] == statement("Moved").url


def test_link_by_post_id_is_rewritten(client, tmp_path, statement_index):
    imported(
        tmp_path,
        item(10, "Linking", content=f'<p>See <a href="{SITE}/?p=11">this</a>.</p>'),
        item(11, "The target", slug="the-target"),
    )

    html = main_html(client, statement("Linking"))
    assert f'<a href="{statement("The target").url}">this</a>' in html


def test_link_to_another_site_is_left_alone(client, tmp_path, statement_index):
    other = "https://elsewhere.example.com/2016/09/20/the-target/"
    report = imported(
        tmp_path,
        item(10, "Linking", content=f'<p>See <a href="{other}">elsewhere</a>.</p>'),
        item(11, "The target", slug="the-target", date="2016-09-20 09:00:00"),
    )

    assert report.links_rewritten == 0
    assert f'<a href="{other}">elsewhere</a>' in main_html(client, statement("Linking"))


def test_link_to_another_imported_post_is_rewritten(client, tmp_path, statement_index):
    link = f"{SITE}/2016/09/20/the-target/"
    imported(
        tmp_path,
        item(10, "Linking", content=f'<p>Read <a href="{link}">our earlier statement</a>.</p>'),
        item(11, "The target", slug="the-target", date="2016-09-20 09:00:00"),
    )

    html = main_html(client, statement("Linking"))
    assert f'<a href="{statement("The target").url}">our earlier statement</a>' in html
    assert link not in html


# -- pages -------------------------------------------------------------------------------------


def test_pages_nest_under_their_parent(tmp_path, home):
    # The child comes first in the file and has the lower id.
    report = imported(
        tmp_path,
        item(20, "History", post_type="page", slug="history", parent=21),
        item(21, "About us", post_type="page", slug="about-us"),
    )

    about = StandardPage.objects.get(title="About us")
    history = StandardPage.objects.get(title="History")
    assert about.get_parent().pk == home.pk
    assert history.get_parent().pk == about.pk
    assert report.count("imported") == 2


def test_old_page_address_redirects_to_the_nested_page(client, tmp_path, home):
    imported(
        tmp_path,
        item(20, "History", post_type="page", parent=21, link=f"{SITE}/about-us/history/"),
        item(21, "About us", post_type="page", slug="about-us"),
    )

    response = client.get("/about-us/history/")

    assert response.status_code == 301
    assert response["Location"] == StandardPage.objects.get(title="History").url


def test_page_renders(client, tmp_path, home):
    imported(tmp_path, item(20, "About us", post_type="page", content="<p>Who we are.</p>"))

    assert "Who we are." in main_html(client, StandardPage.objects.get(title="About us"))


# -- importing again ---------------------------------------------------------------------------


def test_reimporting_a_changed_export_updates_the_page(tmp_path, statement_index):
    imported(tmp_path, item(10, "First title"))

    report = imported(tmp_path, item(10, "Second title"))

    page = StatementPage.objects.get()
    assert page.title == "Second title"
    assert page.live
    assert report.count("updated") == 1
    assert ImportedItem.objects.count() == 1


def test_reimporting_the_same_export_reports_it_unchanged(tmp_path, statement_index):
    path = write(tmp_path, export([item(10, "Same")]))
    run(path)

    output = run(path)

    assert StatementPage.objects.count() == 1
    assert SUMMARY.search(output).groups() == ("0", "0", "1", "0", "0", "0")


def test_editors_later_change_is_not_overwritten(tmp_path, statement_index):
    imported(tmp_path, item(10, "From WordPress"))
    page = statement("From WordPress")
    page.title = "Edited here"
    page.save_revision().publish()

    report = imported(tmp_path, item(10, "Changed in WordPress"))

    assert report.count("conflict") == 1
    assert StatementPage.objects.get().title == "Edited here"


def test_post_unpublished_in_wordpress_is_unpublished_on_reimport(tmp_path, statement_index):
    imported(tmp_path, item(10, "Withdrawn"))

    report = imported(tmp_path, item(10, "Withdrawn", status="draft"))

    assert not statement("Withdrawn").live
    assert report.count("updated") == 1


def test_editors_draft_is_not_overwritten(tmp_path, statement_index):
    imported(tmp_path, item(10, "From WordPress"))
    page = statement("From WordPress")
    page.title = "Draft by an editor"
    page.save_revision()

    report = imported(tmp_path, item(10, "Changed in WordPress"))

    page = StatementPage.objects.get()
    assert report.count("conflict") == 1
    assert page.get_latest_revision_as_object().title == "Draft by an editor"
    assert page.title == "From WordPress"


def test_page_an_editor_unpublished_stays_unpublished(tmp_path, statement_index):
    imported(tmp_path, item(10, "Taken down"))
    statement("Taken down").unpublish()

    report = imported(tmp_path, item(10, "Taken down, with a new title"))

    assert report.count("conflict") == 1
    assert not StatementPage.objects.get().live


# -- failures ----------------------------------------------------------------------------------


def test_one_broken_item_fails_alone(tmp_path, statement_index):
    no_start = item(
        30,
        "An event with no date",
        post_type="tribe_events",
        date="0000-00-00 00:00:00",
        link=f"{SITE}/event/no-date/",
    )
    report = imported(tmp_path, item(10, "Before"), no_start, item(11, "After"))

    assert report.count("failed") == 1
    assert report.count("imported") == 2
    assert set(StatementPage.objects.values_list("title", flat=True)) == {"Before", "After"}
    assert not EventPage.objects.exists()
    assert not ImportedItem.objects.filter(wp_id=30).exists()


def test_event_ending_before_it_starts_fails_alone(tmp_path, statement_index, event_index):
    backwards = item(
        30,
        "Backwards",
        post_type="tribe_events",
        link=f"{SITE}/event/backwards/",
        postmeta={
            "_EventStartDate": "2030-09-09 19:00:00",
            "_EventEndDate": "2030-09-08 21:00:00",
        },
    )
    report = imported(tmp_path, backwards, item(10, "Fine"))

    assert report.count("failed") == 1
    assert "Backwards" in [line.title for line in report.lines if line.outcome == "failed"]
    assert statement("Fine").live


def test_failure_is_listed_by_the_command(tmp_path, statement_index):
    no_start = item(
        30, "No date", post_type="tribe_events", date="0000-00-00 00:00:00", link=f"{SITE}/e/"
    )
    path = write(tmp_path, export([no_start, item(10, "Fine")]))

    output = run(path)

    assert "failed" in output
    assert "#30 No date: ValueError: the event has no start date (_EventStartDate)" in output
    assert SUMMARY.search(output).groups() == ("1", "0", "0", "0", "0", "1")


def test_dry_run_saves_nothing(tmp_path, home):
    path = write(
        tmp_path,
        export(
            [
                item(10, "Would be imported", categories=[("press", "Press")]),
                item(20, "A page", post_type="page"),
            ]
        ),
    )

    output = run(path, "--dry-run")

    assert "Dry run: nothing was saved." in output
    assert SUMMARY.search(output).groups() == ("2", "0", "0", "0", "0", "0")
    assert not StatementPage.objects.exists()
    assert not StatementIndexPage.objects.exists()
    assert not StandardPage.objects.exists()
    assert not ImportedItem.objects.exists()
    assert not Redirect.objects.exists()
    assert not Topic.objects.exists()
    assert not Person.objects.exists()


def test_dry_run_reports_what_would_happen(tmp_path, statement_index):
    uploads = tmp_path / "uploads"
    picture(uploads / "2016" / "09" / "rally.jpg")
    report = imported(
        tmp_path,
        attachment(50, "2016/09/rally.jpg"),
        item(10, "Would be imported"),
        media_dir=uploads,
        dry_run=True,
    )

    assert report.dry_run
    assert report.count("imported") == 2
    assert not Image.objects.exists()
    assert not StatementPage.objects.exists()


# -- The Events Calendar -----------------------------------------------------------------------


def calendar_export(country: str = "United States") -> str:
    return export(
        [
            item(
                31,
                "San Damiano Hall",
                post_type="tribe_venue",
                link=f"{SITE}/venue/san-damiano-hall/",
                postmeta={
                    "_VenueAddress": "310 Atlantic Avenue",
                    "_VenueCity": "New York",
                    "_VenueZip": "11201",
                    "_VenueCountry": country,
                },
            ),
            item(
                32,
                "Migrant Rights Coalition",
                post_type="tribe_organizer",
                link=f"{SITE}/organizer/mrc/",
            ),
            item(
                30,
                "Know your rights night",
                post_type="tribe_events",
                slug="know-your-rights-night",
                link=f"{SITE}/event/know-your-rights-night/",
                content="<p>Bring a friend.</p>",
                postmeta={
                    "_EventStartDate": "2030-09-09 19:00:00",
                    "_EventEndDate": "2030-09-09 21:00:00",
                    "_EventTimezone": "America/New_York",
                    "_EventVenueID": "31",
                    "_EventOrganizerID": "32",
                },
            ),
        ]
    )


def test_calendar_event_becomes_an_event_page(client, tmp_path, statement_index, event_index):
    wordpress_import(write(tmp_path, calendar_export()))

    event = EventPage.objects.get()
    assert event.get_parent().pk == event_index.pk
    assert (event.start_date, event.start_time) == (dt.date(2030, 9, 9), dt.time(19, 0))
    assert (event.end_date, event.end_time) == (dt.date(2030, 9, 9), dt.time(21, 0))
    assert event.time_zone == "America/New_York"
    assert event.starts_at == dt.datetime(2030, 9, 9, 23, 0, tzinfo=dt.UTC)
    assert event.venue_name == "San Damiano Hall"
    assert event.street_address == "310 Atlantic Avenue"
    assert event.city == "New York"
    assert event.postal_code == "11201"
    assert event.organizer_name == "Migrant Rights Coalition"
    assert client.get(event.url).status_code == 200


def test_venue_country_name_becomes_a_country(tmp_path, statement_index, event_index):
    wordpress_import(write(tmp_path, calendar_export(country="Philippines")))

    assert EventPage.objects.get().country.code == "PH"


def test_venue_in_the_united_states_keeps_its_country(tmp_path, statement_index, event_index):
    wordpress_import(write(tmp_path, calendar_export(country="United States")))

    assert EventPage.objects.get().country.code == "US"


def test_all_day_event_has_no_times(tmp_path, statement_index, event_index):
    all_day = item(
        30,
        "Day of action",
        post_type="tribe_events",
        link=f"{SITE}/event/day-of-action/",
        postmeta={
            "_EventStartDate": "2030-12-18 00:00:00",
            "_EventEndDate": "2030-12-18 23:59:59",
            "_EventAllDay": "yes",
            "_EventTimezone": "Asia/Hong_Kong",
        },
    )
    imported(tmp_path, all_day)

    event = EventPage.objects.get()
    assert (event.start_date, event.start_time, event.end_time) == (
        dt.date(2030, 12, 18),
        None,
        None,
    )
    assert event.time_zone == "Asia/Hong_Kong"


def test_calendar_venues_and_organizers_are_not_pages(tmp_path, statement_index, event_index):
    report = wordpress_import(write(tmp_path, calendar_export()))

    skipped = {line.kind for line in report.lines if line.outcome == "skipped"}
    assert skipped == {"tribe_venue", "tribe_organizer"}
    assert EventPage.objects.count() == 1


def test_event_index_is_created_when_missing(tmp_path, statement_index):
    wordpress_import(write(tmp_path, calendar_export()))

    event = EventPage.objects.get()
    assert event.get_parent().specific_class is EventIndexPage
    assert event.get_parent().get_parent().pk == statement_index.get_parent().pk


# -- bad input ---------------------------------------------------------------------------------

GOOD = export([item(10, "Never imported")])
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
LAUGHS = (
    '<!DOCTYPE rss [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)
RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>A blog</title><link>https://blog.example.org</link>
<item><title>A post</title><link>https://blog.example.org/a-post</link></item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            GOOD.replace("</channel>", "</chanel>"), "not well-formed XML", id="malformed"
        ),
        pytest.param(RSS, "no wp:wxr_version", id="rss-not-wxr"),
        pytest.param("", "", id="empty"),
        pytest.param('<feed xmlns="http://www.w3.org/2005/Atom"/>', "not an RSS file", id="atom"),
        pytest.param(
            GOOD.replace(XML_DECLARATION, XML_DECLARATION + LAUGHS).replace(
                "<title>Old Alliance Site</title>", "<title>&lol4;</title>"
            ),
            "refused for safety",
            id="billion-laughs",
        ),
        pytest.param(
            GOOD.replace(
                XML_DECLARATION,
                XML_DECLARATION + '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
            ).replace("<title>Old Alliance Site</title>", "<title>&xxe;</title>"),
            "refused for safety",
            id="external-entity",
        ),
    ],
)
def test_unreadable_file_is_refused_and_nothing_is_imported(
    tmp_path, statement_index, text, message
):
    path = write(tmp_path, text)

    with pytest.raises(CommandError, match="Nothing was imported") as error:
        run(path)

    assert message in str(error.value)
    assert "root:" not in str(error.value)
    assert nothing_imported()


def test_empty_file_is_reported_as_empty(tmp_path, statement_index):
    with pytest.raises(CommandError, match="The file is empty"):
        run(write(tmp_path, ""))


def test_missing_file_is_refused(tmp_path, statement_index):
    with pytest.raises(CommandError, match="There is no file at"):
        run(tmp_path / "nowhere.xml")

    assert nothing_imported()


def test_missing_media_dir_is_refused(tmp_path, statement_index):
    path = write(tmp_path, GOOD)

    with pytest.raises(CommandError, match="does not exist"):
        run(path, "--media-dir", str(tmp_path / "no-uploads"))

    assert nothing_imported()


def test_malformed_kind_option_is_refused(tmp_path, statement_index):
    path = write(tmp_path, GOOD)

    with pytest.raises(CommandError, match="--kind expects CATEGORY=KIND"):
        run(path, "--kind", "press")

    assert nothing_imported()


def test_unknown_statement_kind_is_refused(tmp_path, statement_index):
    path = write(tmp_path, GOOD)

    with pytest.raises(CommandError, match="Unknown statement kinds in the mapping: manifesto"):
        run(path, "--kind", "press=manifesto")

    assert nothing_imported()


def test_newer_export_version_imports_with_a_warning(tmp_path, statement_index):
    newer = item(10, "From the future", extra="<wp:post_mood>hopeful</wp:post_mood>")
    path = write(tmp_path, export([newer], version="1.3"))

    output = run(path)

    assert "WXR version 1.3 is newer than this importer knows" in output
    assert statement("From the future").live


# -- the command's report ----------------------------------------------------------------------


def test_command_prints_the_summary_line(tmp_path, statement_index):
    path = write(
        tmp_path,
        export(
            [
                item(10, "One"),
                item(11, "Two"),
                item(12, "Gone", status="trash"),
                item(13, "Menu", post_type="nav_menu_item"),
            ]
        ),
    )

    output = run(path)

    assert "Imported 2, updated 0, unchanged 0, skipped 2, conflicts 0, failed 0." in output


# -- the editors' import screen ----------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="pw-1234567890"))
    return client


def upload(client, text: str, **data):
    return client.post(
        reverse("wordpress_import"),
        {"export": SimpleUploadedFile("export.xml", text.encode(), "text/xml"), **data},
    )


def test_import_screen_dry_run_saves_nothing(admin_client, statement_index):
    response = upload(admin_client, GOOD, dry_run="on")

    assert response.status_code == 200
    assert "Imported 1, updated 0, unchanged 0, skipped 0, conflicts 0, failed 0." in (
        response.content.decode()
    )
    assert nothing_imported()


def test_import_screen_imports(admin_client, statement_index):
    response = upload(admin_client, GOOD)

    assert response.status_code == 200
    assert statement("Never imported").live


def test_import_screen_refuses_an_unreadable_file(admin_client, statement_index):
    response = upload(admin_client, RSS)

    assert response.status_code == 400
    assert "no wp:wxr_version" in response.content.decode()
    assert nothing_imported()


def test_import_screen_needs_the_permission(client, django_user_model, statement_index):
    editor = django_user_model.objects.create_user("editor", password="pw-1234567890")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    # Wagtail's admin turns the refusal into a redirect to the dashboard.
    for response in (client.get(reverse("wordpress_import")), upload(client, GOOD)):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert nothing_imported()
