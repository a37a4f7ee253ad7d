import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup

from alliance.members.models import Country, PartnerOrganization, Region
from alliance.newsroom.models import StatementKind, StatementRelation, StatementSpokesperson

from .factories import PersonFactory, StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def jsonld(response, type_name):
    soup = BeautifulSoup(response.content, "html.parser")
    blocks = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    return next(block for block in blocks if block["@type"] == type_name)


def test_statement_page_shows_headline_deck_date_and_body(client, statement_index):
    statement = StatementPageFactory(
        parent=statement_index,
        title="Stop the deportations",
        deck="A call to every government",
        date=dt.date(2017, 1, 30),
        body=[("paragraph", "<p>Migrants are workers, not criminals.</p>")],
    )
    html = client.get(statement.url).content.decode()
    assert "Stop the deportations" in html
    assert "A call to every government" in html
    assert 'datetime="2017-01-30"' in html
    assert "Migrants are workers, not criminals." in html


def test_statement_page_credits_spokesperson_with_role(client, statement_index):
    statement = StatementPageFactory(parent=statement_index)
    person = PersonFactory(name="Eni Lestari", role="Chairperson")
    StatementSpokesperson.objects.create(page=statement, person=person)
    html = client.get(statement.url).content.decode()
    assert "Eni Lestari, Chairperson" in html


def test_spokesperson_role_can_be_overridden_for_one_statement(statement_index):
    statement = StatementPageFactory(parent=statement_index)
    person = PersonFactory(role="Chairperson")
    item = StatementSpokesperson.objects.create(page=statement, person=person, role="Spokesperson")
    assert item.shown_role == "Spokesperson"


def test_joint_statement_names_its_co_publishers(client, statement_index):
    partner = PartnerOrganization.objects.create(
        name="Campaign for People's Goals for Sustainable Development", acronym="CPGSD"
    )
    statement = StatementPageFactory(parent=statement_index, kind=StatementKind.JOINT_STATEMENT)
    statement.co_publishers.set([partner])
    statement.save()
    html = client.get(statement.url).content.decode()
    assert "Joint statement" in html
    assert "Campaign for People&#x27;s Goals for Sustainable Development" in html


def test_quote_block_shows_words_and_attribution(client, statement_index):
    statement = StatementPageFactory(
        parent=statement_index,
        body=[
            (
                "quote",
                {"text": "We will not allow this.", "attribution": "Eni Lestari", "role": "Chair"},
            )
        ],
    )
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    figure = soup.select_one("figure.quote")
    assert figure.blockquote.get_text(strip=True) == "We will not allow this."
    assert "Eni Lestari" in figure.figcaption.get_text()


def test_image_block_renders_responsive_picture_with_alt_text(client, statement_index):
    import wagtail_factories

    image = wagtail_factories.ImageFactory(width=1600, height=900)
    statement = StatementPageFactory(
        parent=statement_index,
        body=[
            (
                "image",
                {
                    "image": {
                        "image": image,
                        "alt_text": "Marchers at Times Square",
                        "decorative": False,
                    },
                    "caption": "The march of 18 September",
                },
            )
        ],
    )
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    picture = soup.select_one("figure.figure picture")
    assert picture.find("source", type="image/webp")["srcset"].count("w") >= 2
    assert picture.img["alt"] == "Marchers at Times Square"
    assert soup.select_one("figure.figure figcaption").get_text() == "The march of 18 September"


def test_signature_block_keeps_its_lines(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, signature="Eni Lestari\nChairperson")
    assert "Eni Lestari<br>Chairperson" in client.get(statement.url).content.decode()


def test_statement_lists_topics_and_places(client, statement_index):
    region = Region.objects.create(name="Europe", slug="europe")
    country = Country.objects.create(code="GR", region=region)
    topic = TopicFactory(name="Refugees", slug="refugees")
    statement = StatementPageFactory(parent=statement_index, topics=[topic])
    statement.regions.set([region])
    statement.countries.set([country])
    statement.save()
    html = client.get(statement.url).content.decode()
    assert "?topic=refugees" in html
    assert "Europe" in html and "Greece" in html


def test_related_statements_prefer_hand_picked_then_same_topic(statement_index):
    topic = TopicFactory()
    statement = StatementPageFactory(parent=statement_index, topics=[topic])
    picked = StatementPageFactory(parent=statement_index)
    same_topic = StatementPageFactory(parent=statement_index, topics=[topic])
    StatementPageFactory(parent=statement_index)  # unrelated
    StatementRelation.objects.create(page=statement, statement=picked)
    assert statement.related == [picked, same_topic]


def test_related_statements_leave_out_unpublished_ones(statement_index):
    topic = TopicFactory()
    statement = StatementPageFactory(parent=statement_index, topics=[topic])
    draft = StatementPageFactory(parent=statement_index, topics=[topic], live=False)
    StatementRelation.objects.create(page=statement, statement=draft)
    assert statement.related == []


def test_news_article_json_ld_has_required_fields(client, statement_index):
    person = PersonFactory(name="Eni Lestari", role="Chairperson")
    statement = StatementPageFactory(
        parent=statement_index, title="A statement", date=dt.date(2016, 9, 9)
    )
    StatementSpokesperson.objects.create(page=statement, person=person)
    data = jsonld(client.get(statement.url), "NewsArticle")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "A statement"
    assert data["datePublished"].startswith("2016-09-09")
    assert data["author"][0] == {
        "@type": "Person",
        "name": "Eni Lestari",
        "jobTitle": "Chairperson",
    }
    assert data["publisher"]["name"] == "Test Alliance"
    assert data["mainEntityOfPage"]["@id"].endswith(statement.url)


def test_breadcrumb_json_ld_lists_home_index_and_statement(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Last crumb")
    data = jsonld(client.get(statement.url), "BreadcrumbList")
    names = [item["name"] for item in data["itemListElement"]]
    assert names == ["Test Alliance", "Statements", "Last crumb"]
    assert [item["position"] for item in data["itemListElement"]] == [1, 2, 3]


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, statement_index):
    statement = StatementPageFactory(
        parent=statement_index, title="</script><script>alert(1)</script>"
    )
    html = client.get(statement.url).content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(client.get(statement.url), "NewsArticle")["headline"].startswith("</script>")


def test_statement_has_share_tags_and_canonical_url(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, summary="Shared summary.")
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == f"http://testserver{statement.url}"
    assert soup.find("meta", property="og:url")["content"] == canonical
    assert soup.find("meta", property="og:type")["content"] == "article"
    assert soup.find("meta", property="og:description")["content"] == "Shared summary."
    assert soup.find("meta", attrs={"name": "twitter:card"}) is not None


def test_draft_statement_is_not_found_at_its_address(client, statement_index):
    from .factories import StatementPageFactory as Factory

    draft = Factory(parent=statement_index, title="Not yet", live=False)
    assert client.get(statement_index.url + draft.slug + "/").status_code == 404
