"""Nothing lost, every skip reported: the fidelity points of the WordPress import."""

import datetime as dt

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.models import ReferenceIndex, Revision

from alliance.core.models import StandardPage
from alliance.newsroom.models import StatementPage
from alliance.wordpress.importer import wordpress_import
from alliance.wordpress.models import ImportedItem

from .test_import import attachment, blocks, imported, main_html, picture, statement, write
from .wxr_files import SITE, cdata, export, item

pytestmark = pytest.mark.django_db


def sources(page) -> list[str]:
    return [value.source for kind, value in blocks(page) if kind == "paragraph"]


def menu_entry(post_id: int, target: int, *, parent: int = 0, menu: str = "main", **meta) -> str:
    postmeta = {
        "_menu_item_type": "post_type",
        "_menu_item_object": "page",
        "_menu_item_object_id": str(target),
        "_menu_item_menu_item_parent": str(parent),
        "_menu_item_url": "",
        **meta,
    }
    term = f'<category domain="nav_menu" nicename="{menu}">{cdata(menu.title())}</category>'
    return item(post_id, "", post_type="nav_menu_item", content="", postmeta=postmeta, extra=term)


# -- words and markup --------------------------------------------------------------------------


def test_summary_is_escaped_once_and_keeps_words_apart(client, tmp_path, statement_index):
    excerpt = "Fish &amp; chips&nbsp;for all.<br>Bread &amp; roses."
    imported(tmp_path, item(10, "Excerpt", excerpt=excerpt))

    page = statement("Excerpt")
    assert page.summary == "Fish & chips for all. Bread & roses."
    html = client.get(page.url).content.decode()
    assert 'content="Fish &amp; chips for all. Bread &amp; roses."' in html
    assert "&amp;amp;" not in html


def test_text_that_only_looks_like_an_entity_keeps_its_semicolon(tmp_path, statement_index):
    imported(tmp_path, item(10, "Entities", content="<p>AT&T; and &lol1; &amp; &eacute;</p>"))

    assert sources(statement("Entities")) == ["<p>AT&amp;T; and &amp;lol1; &amp; é</p>"]


def test_title_entities_are_decoded_once(tmp_path, statement_index):
    imported(tmp_path, item(10, "Bread &amp; <em>roses</em>"))

    assert StatementPage.objects.get().title == "Bread & roses"


def test_caption_of_a_missing_image_with_alt_text_is_kept(tmp_path, statement_index):
    content = (
        '[caption id="attachment_5" width="300"]'
        f'<img src="{SITE}/wp-content/uploads/2016/09/gone.jpg" alt="Marchers" /> '
        "Marchers in Hong Kong[/caption]"
    )
    imported(tmp_path, item(10, "Lost photo", content=content))

    assert sources(statement("Lost photo")) == [
        f'<p><a href="{SITE}/wp-content/uploads/2016/09/gone.jpg">Marchers</a></p>',
        "<p>Marchers in Hong Kong</p>",
    ]


def test_long_caption_is_kept_whole(tmp_path, statement_index):
    uploads = tmp_path / "uploads"
    picture(uploads / "2016" / "09" / "rally.jpg")
    words = "The march went on. " * 20
    content = (
        f'<figure class="wp-block-image"><img src="{SITE}/wp-content/uploads/2016/09/rally.jpg" '
        f'alt="Marchers"><figcaption>{words}</figcaption></figure>'
    )
    imported(
        tmp_path,
        attachment(50, "2016/09/rally.jpg", "Rally"),
        item(10, "Long caption", content=content),
        media_dir=uploads,
    )

    [(kind, value)] = blocks(statement("Long caption"))
    assert value["caption"] == words.strip()
    assert len(value["caption"]) > 255


def test_block_gallery_keeps_each_caption(tmp_path, statement_index):
    uploads = tmp_path / "uploads"
    picture(uploads / "2016" / "09" / "one.jpg")
    picture(uploads / "2016" / "09" / "two.jpg")
    content = (
        '<figure class="wp-block-gallery has-nested-images">'
        f'<figure class="wp-block-image"><img src="{SITE}/wp-content/uploads/2016/09/one.jpg" '
        'alt="One"><figcaption>First</figcaption></figure>'
        f'<figure class="wp-block-image"><img src="{SITE}/wp-content/uploads/2016/09/two.jpg" '
        'alt="Two"><figcaption>Second</figcaption></figure>'
        '<figcaption class="blocks-gallery-caption">The whole march</figcaption></figure>'
    )
    imported(
        tmp_path,
        attachment(50, "2016/09/one.jpg", "One"),
        attachment(51, "2016/09/two.jpg", "Two"),
        item(10, "Gallery", content=content),
        media_dir=uploads,
    )

    body = blocks(statement("Gallery"))
    assert [(kind, value["caption"]) for kind, value in body[:2]] == [
        ("image", "First"),
        ("image", "Second"),
    ]
    assert [value["image"].title for _, value in body[:2]] == ["One", "Two"]
    assert body[2][1].source == "<p>The whole march</p>"


def test_quote_keeps_inline_words_together_and_its_links(tmp_path, statement_index):
    content = (
        '<blockquote class="wp-block-quote"><p>We <em>will</em> <a href="https://example.org/">'
        "win</a>, <strong>together</strong>.</p><p>Second line.</p><cite>Eni Lestari</cite>"
        "</blockquote>"
    )
    imported(tmp_path, item(10, "Quoted", content=content))

    [(quote_kind, quote), (kind, links)] = blocks(statement("Quoted"))
    assert quote["text"] == "We will win, together.\n\nSecond line."
    assert quote["attribution"] == "Eni Lestari"
    assert links.source == '<p><a href="https://example.org/">win</a></p>'


def test_nested_cdata_in_content_is_text(tmp_path, statement_index):
    imported(tmp_path, item(10, "CDATA", content="Nested <![CDATA[ tags ]]> :)"))

    assert sources(statement("CDATA")) == ["<p>Nested &lt;![CDATA[ tags ]]&gt; :)</p>"]


# -- sources, links and redirects --------------------------------------------------------------


def without_address(title: str, items: list[str]) -> str:
    text = export(items)
    text = text.replace(f"<link>{SITE}</link>", "").replace(
        "<title>Old Alliance Site</title>", f"<title>{title}</title>"
    )
    return text.replace(f"<wp:base_site_url>{SITE}</wp:base_site_url>", "").replace(
        f"<wp:base_blog_url>{SITE}</wp:base_blog_url>", ""
    )


def test_exports_without_an_address_do_not_share_items(tmp_path, statement_index):
    first = write(tmp_path, without_address("One blog", [item(10, "From one")]), "one.xml")
    second = write(tmp_path, without_address("Another blog", [item(10, "From another")]), "2.xml")

    wordpress_import(first)
    wordpress_import(second)

    assert set(StatementPage.objects.values_list("title", flat=True)) == {
        "From one",
        "From another",
    }
    assert ImportedItem.objects.values("source").distinct().count() == 2


def test_post_id_address_is_redirected_and_counted_once(tmp_path, statement_index):
    report = imported(tmp_path, item(10, "Draft address", link=f"{SITE}/?p=10"))

    assert report.redirects == 1
    assert list(Redirect.objects.values_list("old_path", flat=True)) == ["/?p=10"]


def test_link_to_a_later_post_is_rewritten_in_its_only_revision(client, tmp_path, statement_index):
    later = f"{SITE}/2016/09/19/post-11/"
    imported(
        tmp_path,
        item(10, "Earlier", content=f'<p>Read <a href="{later}">the next one</a>.</p>'),
        item(11, "Later"),
    )

    page = statement("Earlier")
    later_page = statement("Later")
    assert sources(page) == [
        f'<p>Read <a linktype="page" id="{later_page.pk}">the next one</a>.</p>'
    ]
    assert Revision.objects.filter(object_id=str(page.pk)).count() == 1
    assert page.latest_revision.as_object().body[0].value.source == sources(page)[0]
    assert f'href="{later_page.url}"' in main_html(client, page)


def test_imported_pages_are_found_by_search_and_reference_their_images(tmp_path, statement_index):
    uploads = tmp_path / "uploads"
    picture(uploads / "2016" / "09" / "rally.jpg")
    content = (
        f'<p>Deportations must stop.</p><img src="{SITE}/wp-content/uploads/2016/09/rally.jpg">'
    )
    imported(
        tmp_path,
        attachment(50, "2016/09/rally.jpg", "Rally"),
        item(10, "Searchable", content=content),
        media_dir=uploads,
    )

    assert [page.title for page in StatementPage.objects.search("deportations")] == ["Searchable"]
    usage = ReferenceIndex.get_references_to(Image.objects.get()).values_list(
        "object_id", flat=True
    )
    assert str(statement("Searchable").pk) in list(usage)


# -- the report --------------------------------------------------------------------------------


def test_report_names_topics_and_people_created(tmp_path, statement_index):
    report = imported(
        tmp_path, item(10, "One", categories=[("campaigns", "Campaigns")], creator="editor")
    )

    assert report.topics_created == ["Press", "Campaigns", "Refugees"]
    assert report.people_created == ["Eni Lestari"]
    details = " ".join(report.details())
    assert "Topics created: 3 (Press, Campaigns, Refugees)." in details
    assert "People created: 1 (Eni Lestari)." in details


def test_report_counts_what_has_no_place_here(tmp_path, statement_index):
    terms = (
        '<category domain="post_format" nicename="post-format-aside">Aside</category>'
        '<category domain="series" nicename="spring">Spring</category>'
    )
    channel = (
        "<wp:category><wp:category_nicename>sub</wp:category_nicename>"
        "<wp:category_parent>press</wp:category_parent><wp:cat_name>Sub</wp:cat_name>"
        "</wp:category>"
        "<wp:term><wp:term_taxonomy>series</wp:term_taxonomy><wp:term_slug>spring</wp:term_slug>"
        "<wp:term_name>Spring</wp:term_name></wp:term>"
    )
    path = write(
        tmp_path,
        export(
            [
                item(10, "Formatted", extra=terms, comments=2),
                item(11, "Binned", status="trash", comments=3),
                item(12, "A product", post_type="product", comments=1),
                item(13, "With a field", postmeta={"mood": "hopeful", "_edit_lock": "1"}),
            ],
            channel_extra=channel,
        ),
    )

    report = wordpress_import(path)

    assert report.comments == 6
    assert report.subcategories == 1
    assert report.not_imported["post format “aside”"] == 1
    assert report.not_imported["terms of the “series” taxonomy"] == 1
    assert report.not_imported["“series” terms on items"] == 1
    assert report.not_imported["“product” items"] == 1
    assert report.not_imported["custom fields"] == 1
    assert "Not imported:" in " ".join(report.details())


def test_topic_renamed_for_a_taken_name_is_reported(tmp_path, statement_index):
    channel = (
        "<wp:category><wp:category_nicename>press-2</wp:category_nicename>"
        "<wp:cat_name>Press</wp:cat_name></wp:category>"
    )
    report = wordpress_import(write(tmp_path, export([item(10, "One")], channel_extra=channel)))

    assert report.topics_renamed == [("Press", "Press (press-2)")]


def test_missing_date_is_replaced_by_today_and_said(tmp_path, statement_index):
    report = imported(tmp_path, item(10, "Undated", date="0000-00-00 00:00:00"))

    [line] = report.lines
    assert "no date in WordPress" in line.reason
    assert statement("Undated").date == dt.datetime.now(dt.UTC).date()


# -- pages and menus ---------------------------------------------------------------------------


def test_pages_keep_their_date_and_author(tmp_path, home):
    imported(
        tmp_path,
        item(20, "About us", post_type="page", date="2015-03-04 10:00:00", creator="editor"),
    )

    page = StandardPage.objects.get()
    assert page.first_published_at == dt.datetime(2015, 3, 4, 10, 0, tzinfo=dt.UTC)
    assert ImportedItem.objects.get(wp_id=20).author == "Eni Lestari"


def test_menu_shows_top_level_pages_and_reports_the_rest(client, tmp_path, home):
    report = imported(
        tmp_path,
        item(20, "Campaigns", post_type="page"),
        item(21, "Archive", post_type="page", parent=20),
        item(22, "Contact", post_type="page"),
        menu_entry(30, 20),
        menu_entry(31, 21, parent=30),
        menu_entry(
            32,
            0,
            _menu_item_type="custom",
            _menu_item_object="custom",
            _menu_item_url="https://example.org/",
        ),
    )

    assert list(
        StandardPage.objects.filter(show_in_menus=True).values_list("title", flat=True)
    ) == ["Campaigns"]
    menu = {
        line.wp_id: (line.outcome, line.reason)
        for line in report.lines
        if line.kind == "nav_menu_item"
    }
    assert menu[30] == ("imported", "in the site's menu")
    assert menu[31][0] == menu[32][0] == "skipped"
    assert "one level" in menu[31][1]
    assert report.not_imported["menu entries"] == 2
    assert ">Campaigns</a>" in client.get("/", follow=True).content.decode()
