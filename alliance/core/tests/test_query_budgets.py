"""Query budgets: no public page costs more queries when the site holds more content.

Each test builds a page with a little related content and counts its queries,
then adds much more content of every kind the page shows and checks that

(a) the count stays within the page's budget (``django_assert_max_num_queries``;
    the number written in the test is the budget), and
(b) it did not grow with the content.

What is counted: every measurement first empties the caches, then makes two
requests. The first ("cold") fills Wagtail's cache of site root paths and of
image renditions; the second ("warm") is what every further reader costs, and
is the one the budget applies to. The cold request must not grow either, apart
from looking up or creating the renditions of images it has not seen
(``test_cold_rendition_cache_costs_a_query_per_image`` covers that). The test
client never goes through the WSGI page cache (``alliance.core.pagecache.wsgi``),
so every request renders.

Where a count grows, the failure lists the SQL that repeats; the known cases
are marked ``xfail`` with the query and where it comes from.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

import pytest
import wagtail_factories
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from alliance.core.models import AllianceSettings, ContactPerson, FoundingDocument, SocialLink
from alliance.events import replies
from alliance.events.models import DayOfActionMaterial, EventContact, EventStatement
from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
from alliance.members.models import (
    Country,
    Endorsement,
    EndorsementStatus,
    JoinPage,
    MemberDirectoryPage,
    MemberSocialLink,
    PartnerOrganization,
    Region,
)
from alliance.members.tests.factories import (
    JoinPageFactory,
    MemberDirectoryPageFactory,
    MemberOrganizationFactory,
)
from alliance.newsroom.models import (
    StatementIndexPage,
    StatementKind,
    StatementRelation,
    StatementSpokesperson,
)
from alliance.newsroom.tests.factories import PersonFactory, StatementPageFactory, TopicFactory

from .factories import AboutPageFactory, ContactPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

CODES = [
    "HK", "PH", "ID", "MX", "US", "CA", "GR", "NL", "KE", "ZA", "AU", "NZ", "LB",
    "JO", "TW", "JP", "KR", "BR", "AR", "CL", "DE", "FR", "IT", "ES", "NG",
]  # fmt: skip
_numbers = itertools.count()


# -- counting ---------------------------------------------------------------------------------


def clear_caches() -> None:
    for alias in ("default", "pages", "renditions"):
        caches[alias].clear()


@dataclass
class Count:
    url: str
    cold: list[str] = field(repr=False)
    warm: list[str] = field(repr=False)


def measure(client, url: str, status: int = 200, *, budget=None, assert_max=None) -> Count:
    """The queries of the first and second requests after emptying the caches.

    With a budget, the second request is made under ``assert_max(budget)``.
    """
    clear_caches()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    if budget is None:
        with CaptureQueriesContext(connection) as warm:
            response = client.get(url)
    else:
        with assert_max(budget, info=url) as warm:
            response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return Count(
        url, [q["sql"] for q in cold.captured_queries], [q["sql"] for q in warm.captured_queries]
    )


def shape(sql: str) -> str:
    """The SQL without its values, so that the same query for another row compares equal."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(?:\.\d+)?\b", "?", sql)
    sql = re.sub(r'"s\w+_x\w+"', "?", sql)  # savepoint names
    return re.sub(r"\(\s*\?(?:\s*,\s*\?)*\s*\)", "(?...)", sql)


def repeated(small: list[str], large: list[str]) -> str:
    """The queries made more often with more content, and how often."""
    before, after = Counter(map(shape, small)), Counter(map(shape, large))
    lines = [f"  {before[sql]} -> {n} times: {sql}" for sql, n in after.items() if n > before[sql]]
    return "\n".join(lines) or "  (no query repeats more often; other queries differ)"


def _renditions(sql: str) -> bool:
    """Looking up or creating image renditions, which the cold request may do once per image."""
    return "wagtailimages_rendition" in sql or "SAVEPOINT" in sql


def check(small: Count, large: Count) -> None:
    """The count did not grow with the content, warm or (renditions aside) cold."""
    print(
        f"\n{large.url}: warm {len(small.warm)} -> {len(large.warm)}, "
        f"cold {len(small.cold)} -> {len(large.cold)}"
    )
    assert len(large.warm) <= len(small.warm), (
        f"{large.url}: {len(small.warm)} -> {len(large.warm)} queries\n"
        + repeated(small.warm, large.warm)
    )
    small_cold = [sql for sql in small.cold if not _renditions(sql)]
    large_cold = [sql for sql in large.cold if not _renditions(sql)]
    assert len(large_cold) <= len(small_cold), (
        f"{large.url} (cold): {len(small_cold)} -> {len(large_cold)} queries\n"
        + repeated(small_cold, large_cold)
    )


class Budgets:
    """Measure pages with little content, grow the content, measure again under budget."""

    def __init__(self, client, assert_max, budgets: dict[str, int], statuses=None) -> None:
        self.client = client
        self.assert_max = assert_max
        self.budgets = budgets
        self.statuses = statuses or {}
        self.small: dict[str, Count] = {}

    def before(self) -> None:
        for url in self.budgets:
            self.small[url] = measure(self.client, url, self.statuses.get(url, 200))

    def after(self) -> None:
        for url, budget in self.budgets.items():
            large = measure(
                self.client,
                url,
                self.statuses.get(url, 200),
                budget=budget,
                assert_max=self.assert_max,
            )
            check(self.small[url], large)


@pytest.fixture
def budgets(client, django_assert_max_num_queries):
    def make(budgets: dict[str, int], statuses=None) -> Budgets:
        return Budgets(client, django_assert_max_num_queries, budgets, statuses)

    return make


# -- content ----------------------------------------------------------------------------------


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def countries(regions: int = 5) -> list[Country]:
    """Every country of CODES, in a handful of regions (slugs region-0...), created once."""
    result = []
    for i, code in enumerate(CODES):
        number = i % regions
        region, _ = Region.objects.get_or_create(
            slug=f"region-{number}", defaults={"name": f"Region {number}", "sort_order": number}
        )
        result.append(Country.objects.get_or_create(code=code, defaults={"region": region})[0])
    return result


def members(n: int) -> list:
    """Member organizations in HK, PH (region-1), ID, MX... in that order."""
    countries()
    return [
        MemberOrganizationFactory(country=CODES[i % len(CODES)], acronym="MO") for i in range(n)
    ]


def topics(n: int) -> list:
    return [TopicFactory() for _ in range(n)]


def statements(index, n: int, **fields) -> list:
    return [StatementPageFactory(parent=index, **fields) for _ in range(n)]


def events(parent, n: int, **fields) -> list:
    made = []
    for _ in range(n):
        number = next(_numbers)
        made.append(
            EventPageFactory(parent=parent, **{"country": CODES[number % len(CODES)], **fields})
        )
    return made


def image():
    return wagtail_factories.ImageFactory(width=64, height=48)


def document():
    return wagtail_factories.DocumentFactory()


def body(paragraphs: int, images: int, documents: int) -> list:
    """A body with every kind of block."""
    blocks = [("heading", "What we ask")]
    blocks += [("paragraph", f"<p>Paragraph {n}.</p>") for n in range(paragraphs)]
    blocks += [("quote", {"text": "We will not allow this.", "attribution": "Eni Lestari"})]
    for _ in range(images):
        figure = {"image": image(), "alt_text": "Marchers", "decorative": False}
        blocks.append(("image", {"image": figure, "caption": "A march"}))
    for _ in range(documents):
        blocks.append(("document", {"document": document(), "description": "Read it"}))
    return blocks


def site_chrome(site, n: int) -> None:
    """What every page's footer shows: the alliance's contact persons and social links."""
    alliance = AllianceSettings.for_site(site)
    for _ in range(n):
        number = next(_numbers)
        ContactPerson.objects.create(
            settings=alliance, name=f"Contact {number}", role="Media", phone="+852 1234 5678"
        )
        SocialLink.objects.create(
            settings=alliance, label=f"Network {number}", url=f"https://example.org/{number}"
        )


def menu_pages(home, n: int) -> None:
    StandardPageFactory.create_batch(n, parent=home, show_in_menus=True)


@pytest.fixture
def everywhere(site, home, statement_index, event_index):
    """A site with every section, so that headers, footers and feed links have something."""
    statement_index.show_in_menus = True
    statement_index.save()
    MemberDirectoryPageFactory(parent=home)
    JoinPageFactory(parent=home)
    return home


# -- home, about, standard and contact pages ---------------------------------------------------


def test_home_page(site, everywhere, statement_index, event_index, budgets):
    pages = budgets({"/en/": 40})

    def grow(n):
        statements(statement_index, n, topics=topics(2))
        events(event_index, n, organizer=members(1)[0])
        members(n)
        menu_pages(everywhere, n // 2)
        site_chrome(site, n)

    grow(2)
    pages.before()
    grow(8)  # more than the home page lists (5 statements, 4 events)
    pages.after()


def test_about_page(site, everywhere, budgets):
    about = AboutPageFactory(parent=everywhere, body=body(1, 1, 1))
    FoundingDocument.objects.create(page=about, document=document(), description="Basis")
    pages = budgets({about.url: 40})

    def grow(n, images, documents):
        about.body = body(n, images, documents)
        about.save()
        StandardPageFactory.create_batch(n // 3 + 1, parent=about)
        members(n)
        site_chrome(site, n)

    grow(1, 1, 1)
    pages.before()
    grow(25, 3, 4)
    pages.after()


def test_about_page_founding_documents(everywhere, budgets):
    about = AboutPageFactory(parent=everywhere)
    pages = budgets({about.url: 48})

    def grow(n):
        for _ in range(n):
            FoundingDocument.objects.create(page=about, document=document(), description="A text")

    grow(1)
    pages.before()
    grow(12)
    pages.after()


def test_standard_pages(site, everywhere, budgets):
    """A privacy notice at the top, and an explainer under the about page (with breadcrumbs)."""
    privacy = StandardPageFactory(parent=everywhere, title="Privacy", slug="privacy")
    about = AboutPageFactory(parent=everywhere)
    nested = StandardPageFactory(parent=about, title="History", slug="history")
    pages = budgets({privacy.url: 27, nested.url: 30})

    def grow(n, images, documents):
        for page in (privacy, nested):
            page.body = body(n, images, documents)
            page.save()
        site_chrome(site, n)

    grow(1, 1, 1)
    pages.before()
    grow(25, 3, 4)
    pages.after()


def test_contact_page(site, everywhere, budgets):
    page = ContactPageFactory(parent=everywhere)
    pages = budgets({page.url: 26})
    site_chrome(site, 1)
    pages.before()
    site_chrome(site, 25)
    pages.after()


@pytest.mark.xfail(
    strict=True,
    reason=(
        "N+1 when the rendition cache is cold (after a flush, or once Wagtail's cached "
        "renditions expire): the {% picture %} tag of core/blocks/figure.html looks up the "
        "renditions of each image in the body on its own: `SELECT ... FROM "
        "wagtailimages_rendition WHERE image_id = ? AND ((filter_spec = ? AND "
        "focal_point_key = ?) OR ...)`"
    ),
)
def test_cold_rendition_cache_costs_a_query_per_image(client, everywhere):
    page = StandardPageFactory(parent=everywhere, body=body(1, 1, 0))
    client.get(page.url)  # creates the renditions
    small = measure(client, page.url)
    page.body = body(1, 6, 0)
    page.save()
    client.get(page.url)  # creates the new images' renditions
    large = measure(client, page.url)
    assert len(large.cold) <= len(small.cold), (
        f"{page.url} (cold): {len(small.cold)} -> {len(large.cold)} queries\n"
        + repeated(small.cold, large.cold)
    )


# -- statements ---------------------------------------------------------------------------------


def test_statements_index(monkeypatch, everywhere, statement_index, budgets):
    monkeypatch.setattr(StatementIndexPage, "page_size", 4)
    common = TopicFactory(slug="all-about-it")
    url = statement_index.url
    pages = budgets(
        {
            url: 32,
            f"{url}?page=2": 32,
            f"{url}?topic=all-about-it&kind=statement&year=2020": 30,
        }
    )

    def grow(n):
        for statement in statements(statement_index, n, date=dt.date(2020, 5, 1)):
            statement.topics.add(common, *topics(2))

    grow(5)  # two pages: 4 + 1
    pages.before()
    grow(7)  # three full pages
    topics(20)  # the topic filter lists every topic
    pages.after()


def test_statement_feeds(everywhere, statement_index, budgets):
    common = TopicFactory(slug="all-about-it")
    url = statement_index.url
    pages = budgets(
        {f"{url}feed/": 15, f"{url}feed/rss/": 15, f"{url}topics/all-about-it/feed/": 16}
    )

    def grow(n):
        people = [PersonFactory() for _ in range(3)]
        for statement in statements(statement_index, n, topics=[common, *topics(2)]):
            for person in people:
                StatementSpokesperson.objects.create(page=statement, person=person)

    grow(2)
    pages.before()
    grow(10)
    pages.after()


def add_to_statement(statement, index, n: int, images: int, documents: int) -> None:
    """Topics, places, partners, people, related statements, endorsements and body images."""
    statement.body = body(n, images, documents)
    statement.topics.add(*topics(n))
    places = countries()[:n]
    statement.countries.add(*places)
    statement.regions.add(*{place.region for place in places})
    partners = [
        PartnerOrganization.objects.create(name=f"Partner {next(_numbers)}", acronym="P")
        for _ in range(n)
    ]
    statement.co_publishers.add(*partners)
    statement.save()
    for _ in range(n):
        StatementSpokesperson.objects.create(page=statement, person=PersonFactory())
    for related in statements(index, max(1, n // 5), topics=[statement.topics.first()]):
        StatementRelation.objects.create(page=statement, statement=related)
    for organization in members(n):  # member organizations, confirmed at once
        Endorsement.objects.create(
            statement=statement,
            organization=organization,
            display_name=organization.name,
            country=organization.country,
            status=EndorsementStatus.CONFIRMED,
            dedup_key=f"member|{organization.pk}",
        )
    for _ in range(n):  # the public, confirmed after review
        number = next(_numbers)
        Endorsement.objects.create(
            statement=statement,
            display_name=f"Signer {number}",
            signer_name=f"Signer {number}",
            country=CODES[number % len(CODES)],
            status=EndorsementStatus.CONFIRMED,
            dedup_key=f"public|{number}",
        )


def test_statement_and_its_endorsement_page(everywhere, statement_index, budgets):
    statement = StatementPageFactory(
        parent=statement_index, kind=StatementKind.JOINT_STATEMENT, endorsements_open=True
    )
    pages = budgets({statement.url: 40, f"/en/endorse/{statement.pk}/": 16})
    add_to_statement(statement, statement_index, 1, 1, 1)
    pages.before()
    add_to_statement(statement, statement_index, 24, 3, 4)
    pages.after()


# -- events -------------------------------------------------------------------------------------


def test_events_index(everywhere, event_index, budgets):
    soon = days(1)
    url = event_index.url
    pages = budgets(
        {
            url: 34,
            f"{url}past/": 34,
            f"{url}month/{soon.year}/{soon.month}/": 27,
            f"{url}?region=region-1": 35,
        }
    )

    def grow(n):
        for organizer in members(n):  # in HK, PH (region-1)...
            place = {"organizer": organizer, "country": organizer.country}
            events(event_index, 1, start_date=soon, **place)
            events(event_index, 1, start_date=days(-3), **place)
        DayOfActionPageFactory.create_batch(max(1, n // 3), parent=event_index)

    grow(2)
    pages.before()
    grow(8)
    pages.after()


def add_to_event(event, n: int) -> None:
    for _ in range(n):
        number = next(_numbers)
        EventContact.objects.create(
            page=event, name=f"Contact {number}", role="Media", phone="+1 212 555 0100"
        )
        replies.rsvp_create(event, name=f"Guest {number}", party_size=1)


def an_event(parent, statement_index):
    event = EventPageFactory(
        parent=parent,
        organizer=members(1)[0],
        flyer_image=image(),
        flyer_document=document(),
        rsvp_enabled=True,
        capacity=100,
        latitude="40.7",
        longitude="-74.0",
        body=body(1, 1, 1),
    )
    EventStatement.objects.create(page=event, statement=statements(statement_index, 1)[0])
    return event


def test_event_pages(everywhere, event_index, statement_index, budgets):
    """An event of the calendar, and a local action of a day of action (the RSVP form open)."""
    event = an_event(event_index, statement_index)
    action = an_event(DayOfActionPageFactory(parent=event_index), statement_index)
    pages = budgets({event.url: 38, action.url: 40})
    for page in (event, action):
        add_to_event(page, 1)
    pages.before()
    for page in (event, action):
        add_to_event(page, 15)
        page.body = body(25, 3, 4)
        page.save()
    pages.after()


def test_event_page_related_statements(everywhere, event_index, statement_index, budgets):
    event = an_event(event_index, statement_index)
    pages = budgets({event.url: 50})
    pages.before()
    for statement in statements(statement_index, 12):
        EventStatement.objects.create(page=event, statement=statement)
    pages.after()


def test_day_of_action(everywhere, event_index, budgets):
    day = DayOfActionPageFactory(parent=event_index)
    DayOfActionMaterial.objects.create(page=day, document=document(), description="Poster")
    pages = budgets({day.url: 33})

    def grow(n):
        for number in range(n):  # in several countries of several regions
            events(
                day,
                1,
                organizer=members(1)[0],
                start_date=day.date,
                latitude=f"{number}.5",
                longitude=f"{number * 7}.25",
            )

    grow(2)
    pages.before()
    grow(14)
    pages.after()


def test_day_of_action_materials(everywhere, event_index, budgets):
    day = DayOfActionPageFactory(parent=event_index)
    pages = budgets({day.url: 44})

    def grow(n):
        for _ in range(n):
            DayOfActionMaterial.objects.create(page=day, document=document(), description="Poster")

    grow(1)
    pages.before()
    grow(12)
    pages.after()


def test_calendar_files(everywhere, event_index, budgets):
    organizer = members(1)[0]
    first = events(event_index, 1, organizer=organizer, country="HK")[0]
    url = event_index.url
    pages = budgets(
        {
            f"{first.url}calendar.ics": 12,
            f"{url}calendar.ics": 11,
            f"{url}regions/region-0/calendar.ics": 12,
            f"{url}organizers/{organizer.slug}/calendar.ics": 12,
        }
    )

    def grow(n):
        for number in range(n):
            events(event_index, 1, organizer=organizer, time_zone="Asia/Hong_Kong")
            events(event_index, 1, start_date=days(-number - 1), country="HK")

    grow(1)
    pages.before()
    grow(8)
    pages.after()


# -- members ------------------------------------------------------------------------------------


def test_member_directory(everywhere, budgets):
    url = MemberDirectoryPage.objects.get().url
    pages = budgets({url: 38, f"{url}?region=region-1": 39})
    members(3)
    pages.before()
    members(60)  # two pages of 30
    pages.after()


def test_organization_profile(everywhere, statement_index, event_index, budgets):
    organization = members(1)[0]
    organization.logo = image()
    organization.save()
    pages = budgets({f"{MemberDirectoryPage.objects.get().url}{organization.slug}/": 34})

    def grow(n):
        for number in range(n):
            MemberSocialLink.objects.create(
                organization=organization, label=f"Net {number}", url="https://example.org/"
            )
        events(event_index, n, organizer=organization)
        events(event_index, n, organizer=organization, start_date=days(-5))
        for statement in statements(statement_index, n):
            Endorsement.objects.create(
                statement=statement,
                organization=organization,
                display_name=organization.name,
                status=EndorsementStatus.CONFIRMED,
                dedup_key=f"member|{organization.pk}",
            )

    grow(1)
    pages.before()
    grow(6)
    pages.after()


def test_join_page(site, everywhere, budgets):
    pages = budgets({JoinPage.objects.get().url: 25})
    site_chrome(site, 1)
    pages.before()
    site_chrome(site, 25)
    members(25)
    pages.after()


# -- search, sitemap, robots.txt, not found --------------------------------------------------


def test_search(everywhere, statement_index, event_index, budgets):
    pages = budgets({"/en/search/?q=solidarity": 22})

    def grow(n):
        for _ in range(n):
            number = next(_numbers)
            statements(statement_index, 1, title=f"Solidarity {number}", topics=topics(1))
            events(event_index, 1, title=f"Solidarity event {number}")
            StandardPageFactory(parent=everywhere, title=f"Solidarity page {number}")

    grow(1)
    pages.before()
    grow(5)  # 18 results: a full first page of 10
    pages.after()


def test_sitemap(everywhere, statement_index, event_index, budgets):
    pages = budgets({"/sitemap.xml": 15})

    def grow(n):
        statements(statement_index, n)
        events(event_index, n)
        StandardPageFactory.create_batch(n, parent=everywhere)
        members(n * 3)

    grow(1)
    pages.before()
    grow(6)
    pages.after()


def test_robots_txt_and_not_found(site, everywhere, budgets):
    pages = budgets({"/robots.txt": 2, "/en/no-such-page/": 18}, {"/en/no-such-page/": 404})
    site_chrome(site, 1)
    pages.before()
    site_chrome(site, 25)
    menu_pages(everywhere, 6)
    pages.after()


# -- in Arabic ----------------------------------------------------------------------------------


def translate(page, code: str, **fields):
    translation = page.specific.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def test_pages_in_arabic(everywhere, statement_index, budgets):
    translate(everywhere, "ar", title="التحالف", intro="تحالف من المنظمات.")
    arabic_index = translate(statement_index, "ar", title="البيانات")
    statement = StatementPageFactory(parent=arabic_index, title="بيان", topics=topics(1))
    AboutPageFactory(parent=everywhere, slug="about-us")  # English only: the 404 points to it
    pages = budgets(
        {"/ar/": 45, arabic_index.url: 36, statement.url: 44, "/ar/about-us/": 27},
        {"/ar/about-us/": 404},
    )

    def grow(n):
        statements(arabic_index, n, topics=topics(2))
        statement.topics.add(*topics(n))

    grow(1)
    pages.before()
    grow(8)
    pages.after()
