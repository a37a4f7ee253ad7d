import datetime as dt

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers as drf
from rest_framework.test import APIRequestFactory
from wagtail.models import Locale

from alliance.api.serializers import StatementSerializer, bodies_html, plain_text
from alliance.api.views import StatementViewSet
from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
from alliance.members.models import Country, MemberSocialLink, PartnerOrganization
from alliance.members.tests.factories import MemberOrganizationFactory, RegionFactory
from alliance.newsroom.models import StatementSpokesperson
from alliance.newsroom.tests.factories import PersonFactory, StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_statement_has_its_text_people_places_and_licence(client, statement_index):
    topic = TopicFactory(name="Refugees", slug="refugees")
    statement = StatementPageFactory(
        parent=statement_index,
        title="Stop deportations",
        deck="A call",
        topics=[topic],
        body=[("paragraph", "<p>Justice &amp; dignity.</p>"), ("paragraph", "<p>Now.</p>")],
    )
    StatementSpokesperson.objects.create(page=statement, person=PersonFactory(name="Eni"))
    data = get(client, "/api/v1/statements/")
    assert len(data["results"]) == 1
    item = data["results"][0]
    assert item["id"] == statement.pk
    assert item["title"] == "Stop deportations"
    assert item["deck"] == "A call"
    assert item["locale"] == "en"
    assert item["url"] == f"http://testserver{statement.url}"
    assert "<p>Justice &amp; dignity.</p>" in item["body_html"]
    assert item["body_text"] == "Justice & dignity.\n\nNow."
    assert item["topics"] == [{"id": topic.pk, "slug": "refugees", "name": "Refugees"}]
    assert item["spokespersons"][0]["name"] == "Eni"
    assert item["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


def full_statement(statement_index, **fields):
    region = RegionFactory()
    Country.objects.get_or_create(code="PH", defaults={"region": region})
    Country.objects.get_or_create(code="KE", defaults={"region": region})
    statement = StatementPageFactory(
        parent=statement_index,
        topics=[TopicFactory(), TopicFactory()],
        body=[("heading", "Why"), ("paragraph", "<p>Justice.</p>")],
        **fields,
    )
    statement.regions.set([region, RegionFactory()])
    statement.countries.set(Country.objects.filter(code__in=["PH", "KE"]))
    statement.co_publishers.set(
        [
            PartnerOrganization.objects.create(name=f"Migrante {statement.pk}", acronym="M"),
            PartnerOrganization.objects.create(
                name=f"APMM {statement.pk}", website="https://a.example"
            ),
        ]
    )
    statement.save()
    StatementSpokesperson.objects.create(page=statement, person=PersonFactory(name="Eni"))
    StatementSpokesperson.objects.create(
        page=statement, person=PersonFactory(name="Joanna", role="Chair"), role="Speaker"
    )
    return statement


def test_statement_answer_is_what_its_declared_fields_read(client, statement_index):
    statement = full_statement(statement_index)
    item = get(client, "/api/v1/statements/")["results"][0]
    view = StatementViewSet(request=None, format_kwarg=None)
    view.request = APIRequestFactory().get("/api/v1/statements/")
    serializer = view.get_serializer(statement)
    # DRF's own reading of every declared field, the related lists straight from the models.
    assert item == drf.Serializer.to_representation(serializer, statement) | {
        "url": item["url"],
        "translations": item["translations"],
    }
    assert item["topics"] == [
        {"id": t.pk, "slug": t.slug, "name": t.name} for t in statement.topics.order_by("name")
    ]
    assert item["regions"] == [
        {"id": r.pk, "slug": r.slug, "name": r.name} for r in statement.regions.all()
    ]
    assert item["countries"] == [
        {"code": str(c.code), "name": c.name} for c in statement.countries.all()
    ]
    assert item["spokespersons"] == [
        {"name": s.person.name, "role": s.shown_role, "organization": s.person.organization}
        for s in statement.spokespersons.all()
    ]
    assert [p["name"] for p in item["co_publishers"]] == [
        f"APMM {statement.pk}",
        f"Migrante {statement.pk}",
    ]
    assert list(item) == list(StatementSerializer().fields)


def test_statements_list_costs_the_same_queries_for_one_statement_or_five(client, statement_index):
    full_statement(statement_index)

    def queries() -> int:
        # What the site reads once per content generation (its root paths), read first.
        client.get("/api/v1/statements/", {"page_size": 1})
        with CaptureQueriesContext(connection) as captured:
            get(client, "/api/v1/statements/", page_size=5, locale="en")
        return len(captured)

    one = queries()
    for _ in range(4):
        full_statement(statement_index)
    assert queries() == one


def test_bodies_render_as_wagtail_renders_each_body(statement_index):
    document = wagtail_factories.DocumentFactory(title="Basis of Unity")
    image = wagtail_factories.ImageFactory(width=64, height=48)
    linked = StatementPageFactory(parent=statement_index)
    paragraph = (
        f'<p>See <a linktype="page" id="{linked.pk}">this</a> and '
        f'<a linktype="document" id="{document.pk}">that</a> &amp; <b>more</b>.</p>'
    )
    first = StatementPageFactory(
        parent=statement_index,
        body=[
            ("heading", "Why <now>"),
            ("paragraph", paragraph),
            ("quote", {"text": "No.\nNever.", "attribution": "Eni", "role": "Chair"}),
            ("image", {"image": {"image": image, "alt_text": "March", "decorative": False}}),
            ("document", {"document": document, "description": "Read it"}),
            ("paragraph", ""),
        ],
    )
    second = StatementPageFactory(parent=statement_index, body=[("paragraph", "<p>Two.</p>")])
    bodies = [first.body, second.body, linked.body]
    assert bodies_html(bodies) == [str(body) for body in bodies]
    assert linked.url in bodies_html(bodies)[0]


def test_statement_links_to_every_translation(client, statement_index):
    statement = StatementPageFactory(parent=statement_index)
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    translation = statement.copy_for_translation(spanish, copy_parents=True)
    translation.save_revision().publish()
    translation.refresh_from_db()
    item = get(client, f"/api/v1/statements/{statement.pk}/")
    assert item["translations"] == [
        {"id": translation.pk, "locale": "es", "url": f"http://testserver{translation.url}"}
    ]
    assert [s["id"] for s in get(client, "/api/v1/statements/", locale="es")["results"]] == [
        translation.pk
    ]


def test_statements_filter_by_topic_region_country_and_dates(client, statement_index):
    topic = TopicFactory(slug="work")
    region = RegionFactory(slug="asia")
    Country.objects.create(code="PH", region=region)
    on_topic = StatementPageFactory(
        parent=statement_index, topics=[topic], date=dt.date(2024, 5, 1)
    )
    in_country = StatementPageFactory(parent=statement_index, date=dt.date(2023, 1, 1))
    in_country.countries.set(Country.objects.filter(code="PH"))
    in_country.save()

    def ids(**params):
        return [item["id"] for item in get(client, "/api/v1/statements/", **params)["results"]]

    assert ids(topic="work") == [on_topic.pk]
    assert ids(region="asia") == [in_country.pk]
    assert ids(country="ph") == [in_country.pk]
    assert ids(date_from="2024-01-01") == [on_topic.pk]
    assert ids(date_to="2023-12-31") == [in_country.pk]


def count(client, url, **params) -> int:
    return len(get(client, url, **params)["results"])


def test_updated_since_returns_what_was_published_after(client, statement_index):
    StatementPageFactory(parent=statement_index).save_revision().publish()
    assert count(client, "/api/v1/statements/", updated_since="2000-01-01T00:00:00Z") == 1
    assert count(client, "/api/v1/statements/", updated_since="2999-01-01T00:00:00Z") == 0


def test_updated_since_takes_any_offset_iso_8601_allows(client, statement_index):
    # PostgreSQL refuses offsets past about 16 hours; the filter compares in UTC.
    StatementPageFactory(parent=statement_index).save_revision().publish()
    early, late = "2000-01-01T00:00:00-17:43", "9999-12-31T23:59:59-17:43"
    assert count(client, "/api/v1/statements/", updated_since=early) == 1
    assert count(client, "/api/v1/days-of-action/", updated_since=late) == 0


def test_pagination_pages_through_all_statements(client, statement_index):
    for _ in range(3):
        StatementPageFactory(parent=statement_index)
    first = get(client, "/api/v1/statements/", page_size=2)
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None


def test_event_has_local_times_with_zone_and_utc_instants(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        start_date=dt.date(2030, 7, 1),
        start_time=dt.time(19, 0),
        end_time=dt.time(21, 0),
        time_zone="America/New_York",
    )
    item = get(client, f"/api/v1/events/{event.pk}/")
    assert item["time_zone"] == "America/New_York"
    assert item["starts_at_local"] == "2030-07-01T19:00:00-04:00"
    assert item["starts_at"] == "2030-07-01T23:00:00Z"
    assert item["venue"]["name"] == "San Damiano Hall"
    assert item["status"] == "scheduled"
    assert item["organizer"] == {"name": "", "slug": None}
    assert item["day_of_action"] is None


def test_day_of_action_lists_its_local_actions(client, event_index):
    day = DayOfActionPageFactory(parent=event_index, title="Global day")
    action = EventPageFactory(parent=day, title="Rally in Manila", city="Manila")
    days = get(client, "/api/v1/days-of-action/")["results"]
    assert [a["id"] for a in days[0]["local_actions"]] == [action.pk]
    event = get(client, f"/api/v1/events/{action.pk}/")
    assert event["day_of_action"]["id"] == day.pk


def test_organizations_show_only_fields_public_to_everyone(client):
    organization = MemberOrganizationFactory(
        name="Migrante",
        contact_email="hidden@example.org",
        sectors="Filipino workers",
        visibility={"sectors": "members"},
    )
    MemberSocialLink.objects.create(organization=organization, label="Web", url="https://x.org")
    item = get(client, "/api/v1/organizations/")["results"][0]
    assert item["name"] == "Migrante"
    assert item["city"] == "Hong Kong"
    assert item["sectors"] is None
    assert item["contact_email"] is None
    assert item["social_links"] == [{"label": "Web", "url": "https://x.org"}]


def test_topics_and_regions(client):
    TopicFactory(name="Labour", slug="labour")
    region = RegionFactory(name="Asia", slug="asia")
    Country.objects.create(code="PH", region=region)
    assert get(client, "/api/v1/topics/")["results"][0]["slug"] == "labour"
    assert get(client, "/api/v1/regions/")["results"][0]["countries"] == ["PH"]


def test_statement_licence_is_its_own_or_the_site_default(client, statement_index):
    own = StatementPageFactory(parent=statement_index, licence="cc0-1.0")
    default = StatementPageFactory(parent=statement_index)
    assert get(client, f"/api/v1/statements/{own.pk}/")["licence"]["url"] == (
        "https://creativecommons.org/publicdomain/zero/1.0/"
    )
    assert get(client, f"/api/v1/statements/{default.pk}/")["licence"]["name"].startswith(
        "Creative Commons Attribution 4.0"
    )


def test_body_text_is_the_words_without_tags_comments_or_entities():
    markup = (
        '<p>Rights <b>now</b> &amp; here<!-- a > b --></p><img alt="x > y" src="a.png"><p>Go</p>'
    )
    assert plain_text(markup) == "Rights now & here\n\nGo"
