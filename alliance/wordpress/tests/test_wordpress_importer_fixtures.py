"""The WordPress Importer plugin's own fixtures, imported here.

Each test follows what the plugin's tests (``phpunit/tests/*.php`` and
``e2e/import-wxr.spec.js`` in WordPress/wordpress-importer) assert of a
fixture, where it applies to this site: posts become statements, pages
pages, categories and tags topics, authors people. Titles and the words of
contents are compared exactly. Post meta, comment meta and term meta have
no equivalent here; they are counted in the report. The fixtures are read
from ``shared/wxr/wordpress-importer`` and the tests skip when it is absent.
"""

import datetime as dt
import html
import re
from collections import Counter
from pathlib import Path

import pytest
from django.utils.html import strip_tags

from alliance.core.models import StandardPage
from alliance.newsroom.models import Person, StatementPage, Topic
from alliance.wordpress.importer import ImportRefused, wordpress_import
from alliance.wordpress.models import ImportedItem

from .shared_files import WORDPRESS_IMPORTER

pytestmark = pytest.mark.django_db

REFUSED = {
    "phpunit-malformed.xml": "not well-formed XML",
    "phpunit-malformed-simple.xml": "not well-formed XML",
    "phpunit-missing-version-tag.xml": "no wp:wxr_version",
    "phpunit-invalid-version-tag.xml": "WXR version number “abc” is invalid",
    # A "]]>" left unescaped inside CDATA: only the plugin's regex parser reads it.
    "phpunit-crazy-cdata.xml": "not well-formed XML",
}
FIXTURES = sorted(p.name for p in WORDPRESS_IMPORTER.glob("*.xml")) or ["(absent)"]


def fixture(name: str) -> Path:
    path = WORDPRESS_IMPORTER / name
    if not path.is_file():
        pytest.skip(f"the WordPress Importer's fixtures are not at {WORDPRESS_IMPORTER}")
    return path


def run(name: str, **options):
    return wordpress_import(fixture(name), **options)


def text(page) -> str:
    """The words of a page's body, as readers see them, one block a line."""
    lines = []
    for block in page.body:
        value = block.value
        if block.block_type == "paragraph":
            lines.append(html.unescape(strip_tags(value.source.replace("<br>", "\n"))))
        elif block.block_type == "quote":
            lines.append(value["text"])
        elif block.block_type == "image":
            lines.append(value["caption"])
        else:
            lines.append(str(value))
    return "\n".join(lines)


def statement(title: str) -> StatementPage:
    return StatementPage.objects.get(title=title)


def topics(page) -> set[str]:
    return set(page.topics.values_list("slug", flat=True))


def outcomes(report) -> Counter:
    return Counter((line.kind, line.outcome) for line in report.lines)


def nothing_written() -> bool:
    return not (
        StatementPage.objects.exists()
        or StandardPage.objects.exists()
        or Topic.objects.exists()
        or Person.objects.exists()
        or ImportedItem.objects.exists()
    )


# -- every fixture -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_is_imported_or_refused_cleanly(home, statement_index, name):
    if name in REFUSED:
        with pytest.raises(ImportRefused, match=REFUSED[name]):
            run(name)
        assert nothing_written()
        return

    report = run(name)

    assert report.count("failed") == 0, [line for line in report.lines if line.outcome == "failed"]
    assert report.warnings == []


# -- parser.php --------------------------------------------------------------------------------


def test_wxr_1_1_authors_terms_and_posts(home, statement_index):
    report = run("phpunit-valid-wxr-1.1.xml")

    post = statement("Hello world!")
    assert topics(post) == {"alpha", "clippable"}
    assert Topic.objects.get(slug="clippable").name == "Clippable"
    assert [s.person.name for s in post.spokespersons.all()] == ["John Doe"]
    assert StandardPage.objects.get(title="About").live
    # The post_tax taxonomy has no equivalent: its term and its use are counted.
    assert report.not_imported["terms of the “post_tax” taxonomy"] == 1
    assert report.not_imported["“post_tax” terms on items"] == 1


def test_wxr_1_0_tags_written_as_domain_tag(home, statement_index):
    run("phpunit-valid-wxr-1.0.xml")

    assert StatementPage.objects.count() + StandardPage.objects.count() == 6
    assert topics(statement("Hello world!")) == {"uncategorized"}
    assert topics(statement("Alpha post")) == {"alpha", "news", "roar"}
    assert topics(statement("Child post")) == {"chicken", "child", "face"}


def test_blank_lines_in_classic_content_make_paragraphs(home, statement_index):
    run("phpunit-post-content-blank-lines.xml")

    assert text(statement("Hello world!")) == (
        "This is an example of a WordPress post.\n"
        "\t\tIt has lines with text (and one blank line).\n"
        "And more lines with text."
    )
    run("phpunit-blank-lines.xml")
    assert text(statement("Post with blanks")) == "first paragraph\nsecond paragraph"


def test_terms_of_every_format(home, statement_index):
    report = run("phpunit-term-formats.xml")

    assert Topic.objects.count() == 5  # two categories and three tags
    assert report.not_imported["terms of the “custom-taxonomy” taxonomy"] == 1
    assert StatementPage.objects.count() == 0


@pytest.mark.parametrize("name", ["phpunit-crazy-cdata-escaped.xml"])
def test_escaped_cdata_closing_sequence(home, statement_index, name):
    run(name)

    assert text(statement("Hello world!")) == "Content with nested <![CDATA[ tags ]]> :)"


def test_term_meta_is_counted(home, statement_index):
    report = run("phpunit-test-serialized-term-meta.xml")

    assert report.not_imported["term meta"] == 6
    assert {"category", "post_tag"} <= set(Topic.objects.values_list("slug", flat=True))
    assert report.not_imported["terms of the “custom_taxonomy” taxonomy"] == 1


def test_wp_term_elements_become_topics(home, statement_index):
    report = run("phpunit-term-meta.xml")

    assert list(Topic.objects.values_list("slug", "name")) == [("news", "News")]
    assert report.not_imported["term meta"] == 1


def test_simple_export(home, statement_index):
    run("phpunit-wxr-simple.xml")

    post = statement('"The Road Not Taken" by Robert Frost')
    assert post.slug == "hello-world"
    assert post.live
    assert topics(post) == {"uncategorized"}


def test_challenging_utf8_sequences_are_kept_exactly(home, statement_index):
    run("phpunit-wxr-utf-8-challenges.xml")

    post = statement('"The Road \u202eNot\u202c Taken" by Rob\u202dert \u202eFrost \u202a🌲\u202c')
    words = text(post)
    assert "T̷̢̯̭̈w̴̰̜̾o̷͉̅ ̵̨͔̔r̶̞̈o̷̰͇̍ä̴́ͅd̶̰̒s̵̞̈́" in words
    assert "𝓣𝓮𝓼𝓽 𝓜𝓾𝓵𝓽𝓲-𝓑𝔂𝓽𝓮: 🚀🌟💫⭐️🔥💯🎉🎊🌈🦄" in words
    assert "السلام عليكم وﷲ" in words
    assert post.summary.startswith("T̷̢̯̭̈h̶̰̾i̵̱̇s̶̰̍ ̵̰̔i̶̱̇s̶̰̍")
    topic = Topic.objects.get()
    assert topic.name == (
        "U\u0337\u0322\u032f\u032d\u0308n\u0336\u0330\u030dc\u0336\u0330\u0312a\u0336\u0330"
        "\u0305t\u0336\u0330\u0312e\u0336\u031e\u0314g\u0336\u0330\u0308o\u0336\u0330\u030dr"
        "\u0336\u0330\u0308i\u0335\u0331\u0307z\u0336\u0330\u0312e\u0336\u031e\u0314d\u0336"
        "\u032c\u033d \U0001f3ad"
    )
    assert [s.person.name for s in post.spokespersons.all()] == ["A̸̰̅d̴̰͝m̵͎̽i̵̱̋n̷̰̎ \u200b\u200d\u200c\u200e"]


def test_authors_on_several_lines(home, statement_index):
    run("phpunit-authors-multiline.xml")

    assert set(Person.objects.values_list("name", flat=True)) == {"alice", "bob", "carol"}


def test_backslashes_and_cdata_edges_are_kept(home, statement_index):
    run("phpunit-backslashes.xml")
    run("phpunit-cdata-edge.xml")
    run("phpunit-multiple-cdata.xml")

    words = [text(page) for page in StatementPage.objects.order_by("pk")]
    assert "C:\\xampp\\htdocs" in words[0]
    assert words[1].endswith("]] >")
    assert words[2] == "line oneline twoline three"


def test_every_author_of_a_large_export(home, statement_index):
    run("phpunit-large-authors.xml")

    assert Person.objects.count() == 300


def test_namespace_edge_cases(home, statement_index):
    report = run("phpunit-namespace-edge-cases.xml")

    imported = {line.wp_id: line.title for line in report.lines if line.outcome == "imported"}
    # The last declaration of post_id wins; the item whose wp: is not WordPress's has no type.
    assert imported == {
        999: "Mixed Namespaces",
        2: "No Prefix",
        3: "Empty Namespace",
        4: "Unicode Namespace",
        6: "Namespace Bomb",
    }
    assert [line.title for line in report.lines if line.outcome == "skipped"] == [
        "Hijacked Namespace"
    ]
    assert set(Person.objects.values_list("name", flat=True)) == {"real_user", "version_conflict"}
    assert set(Topic.objects.values_list("name", flat=True)) == {"Old Version", "New Version"}
    assert text(statement("Namespace Bomb")) == "&lol1;" * 10


def test_sub_data(home, statement_index):
    report = run("phpunit-wxr-with-sub-data.xml")

    post = statement("Post with sub data")
    assert topics(post) == {"test-cat"}
    assert post.live
    assert report.comments == 1
    assert report.not_imported["terms of the “custom_tax” taxonomy"] == 1


# -- import.php --------------------------------------------------------------------------------


def small_export_state() -> dict:
    return {
        "people": set(Person.objects.values_list("name", flat=True)),
        "topics": Topic.objects.count(),
        "posts": Counter(StatementPage.objects.values_list("live", flat=True)),
        "pages": Counter(StandardPage.objects.values_list("live", flat=True)),
    }


SMALL_EXPORT = {
    "people": {"admin", "editor", "author"},
    "topics": 33,  # 30 categories and 3 tags
    "posts": Counter({True: 5, False: 1}),  # 5 published, 1 private
    "pages": Counter({True: 4, False: 1}),  # 4 published, 1 draft
}


def test_small_import(home, statement_index):
    report = run("phpunit-small-export.xml")

    assert small_export_state() == SMALL_EXPORT
    assert report.comments == 1
    assert topics(statement("Many Categories")).__len__() == 27
    assert topics(statement("Top-level Foo")) == {"foo"}
    assert topics(statement("Foo-child")) == {"foo-bar"}
    assert topics(statement("Private Post")) == {"tag1", "tag2", "tag3", "uncategorized"}
    assert [s.person.name for s in statement("Foo-child").spokespersons.all()] == ["editor"]
    assert [s.person.name for s in statement("Hello world!").spokespersons.all()] == ["author"]
    child = StandardPage.objects.get(title="Child Page")
    assert child.get_parent().title == "Parent Page"
    assert StandardPage.objects.get(title="Draft Page").slug == "draft-page"
    # What has no place here is reported, not dropped.
    assert report.not_imported["post format “aside”"] == 1
    assert report.subcategories == 1
    assert ("Foo", "Foo (foo-bar)") in report.topics_renamed


def test_double_import(home, statement_index):
    run("phpunit-small-export.xml")

    again = run("phpunit-small-export.xml")

    assert small_export_state() == SMALL_EXPORT
    assert again.summary()["unchanged"] == 11
    assert again.topics_created == again.people_created == []


def test_slashes_are_not_stripped(home, statement_index):
    report = run("phpunit-slashes.xml")

    assert Topic.objects.get(slug="alpha").name == 'a \\"great\\" category'
    assert Topic.objects.get(slug="tag1").name == "foo\\'bar"
    assert text(StatementPage.objects.get()) == 'Slashes aren\\\'t \\"cool\\"'
    assert report.comments == 1


@pytest.mark.parametrize(
    "name",
    ["phpunit-wxr-flat-attachment-same-site.xml", "phpunit-wxr-flat-attachment-different-site.xml"],
)
def test_flat_attachment_without_media_is_reported(home, statement_index, name):
    report = run(name)

    assert outcomes(report)[("attachment", "skipped")] == 1
    post = StatementPage.objects.get()
    assert "canola2" in "".join(
        block.value.source for block in post.body if block.block_type == "paragraph"
    )


# -- import-wxr.spec.js ------------------------------------------------------------------------


def test_e2e_simple_block_content_keeps_its_paragraphs(home, statement_index):
    run("e2e-wxr-simple.xml")

    post = statement('"The Road Not Taken" by Robert Frost')
    assert post.slug == "hello-world"
    assert post.date == dt.date(2024, 6, 5)
    assert topics(post) == {"uncategorized"}
    [first, second] = [block.value.source for block in post.body]
    assert (
        first == "<p>Two roads diverged in a yellow wood,<br>And sorry I could not travel both</p>"
    )
    assert "<br>" not in second
    assert '<a href="https://w.org">third</a>' in second
    assert " ".join(html.unescape(strip_tags(second)).split()) == (
        "One seemed great, but the other seemed great too. There was also a third option, "
        "but it was not as great. playground.internal/path/one was the best choice. "
        "https://playground.internal/path-not-taken was the second best choice."
    )


def test_e2e_base_url_rewriting_keeps_every_word(home, statement_index):
    run("e2e-wxr-base-url-rewriting.xml")

    words = text(statement('"The Road Not Taken" by Robert Frost'))
    assert "URLs to rewrite:" in words
    assert "This isn't migrated: https://🚀-science.comcast/science" in words
    assert "Or this: super-🚀-science.com/science" in words


def test_e2e_css_urls_keep_the_words_not_the_styles(home, statement_index):
    run("e2e-wxr-css-urls.xml")

    post = statement("CSS URL Migration Test")
    assert "Testing CSS URL migration in style attributes:" in text(post)
    assert "style=" not in "".join(
        block.value.source for block in post.body if block.block_type == "paragraph"
    )


def test_e2e_comprehensive(home, statement_index):
    report = run("e2e-wxr-comprehensive.xml")

    post = statement("Comprehensive Post")
    assert post.live
    assert post.date == dt.date(2024, 6, 5)
    assert {"news", "updates", "t1", "t2"} <= topics(post)
    assert "This is a comprehensive post body" in text(post)
    assert StandardPage.objects.filter(title="Comprehensive Page").exists()
    assert report.comments >= 1


# -- the accessibility and theme unit test exports ---------------------------------------------


def test_a11y_unit_test_data_names_people_by_display_name(home, statement_index):
    report = run("phpunit-a11y-unit-test-data.xml")

    assert report.count("failed") == 0
    assert "Accessibility Tester" in Person.objects.values_list("name", flat=True)
    assert "a11yteam" not in Person.objects.values_list("name", flat=True)
    assert len(report.lines) == 154


def test_theme_unit_test_keeps_every_caption(home, statement_index):
    """Captions of images whose files are missing, of gallery images, of long captions."""
    path = WORDPRESS_IMPORTER.parent / "themeunittestdata.wordpress.xml"
    if not path.is_file():
        pytest.skip(f"the Theme Unit Test export is not at {path}")
    source = path.read_text(encoding="utf-8")
    shortcode = r"\[caption[^\]]*\]((?:(?!\[caption|</item>).)*?)\[/caption\]"
    figcaption = r"<figcaption[^>]*>(.*?)</figcaption>"
    captions = [
        " ".join(html.unescape(strip_tags(re.sub(r"<img[^>]*>", "", caption))).split())
        for caption in re.findall(shortcode, source, flags=re.S)
        + re.findall(figcaption, source, flags=re.S)
    ]
    captions = [caption for caption in captions if caption]

    wordpress_import(path)

    pages = [*StatementPage.objects.all(), *StandardPage.objects.all()]
    words = " ".join(" ".join(text(page).split()) for page in pages)
    assert len(captions) > 50
    assert [caption for caption in captions if caption not in words] == []
