import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.core.generation import pages_changed
from alliance.newsroom.tests.factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_etag_then_304_without_a_query_until_content_changes(client, statement_index):
    StatementPageFactory(parent=statement_index)
    first = client.get("/api/v1/statements/")
    etag = first["ETag"]
    assert etag
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/statements/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert len(queries) == 0
    pages_changed()
    assert client.get("/api/v1/statements/", headers={"if-none-match": etag}).status_code == 200


def test_answers_may_be_kept_by_shared_caches(client, statement_index):
    response = client.get("/api/v1/statements/")
    assert response["Cache-Control"].startswith("public, max-age=0, s-maxage=")


def test_any_origin_may_read(client, statement_index):
    response = client.get("/api/v1/statements/", headers={"origin": "https://partner.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/statements/", headers={"origin": "https://x.example"})
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused_with_problem_details(client, statement_index, method):
    response = getattr(client, method)("/api/v1/statements/", {}, content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 405
    assert "GET" in response["Allow"]


def test_unknown_things_are_problem_details(client, statement_index):
    not_a_cursor = "/api/v1/statements/?cursor=bm90IG91cnM"
    for url in ("/api/v1/statements/999999/", "/api/v1/nothing/", not_a_cursor):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["title"] == "Not Found"


def test_bad_filters_are_problem_details(client, statement_index):
    response = client.get("/api/v1/statements/", {"date_from": "yesterday", "locale": "xx"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == {"date_from", "locale"}


def test_rate_limit_per_address(client, statement_index, settings):
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, "api": (2, 60)}
    for _ in range(2):
        assert client.get("/api/v1/topics/").status_code == 200
    response = client.get("/api/v1/topics/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response["Content-Type"] == "application/problem+json"


def list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/statements/",
        "/api/v1/events/",
        "/api/v1/days-of-action/",
        "/api/v1/organizations/",
        "/api/v1/regions/",
    ],
)
def test_queries_do_not_grow_with_the_page(client, statement_index, event_index, url):
    from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
    from alliance.members.tests.factories import MemberOrganizationFactory, RegionFactory

    def add():
        topic = TopicFactory()
        StatementPageFactory(parent=statement_index, topics=[topic])
        day = DayOfActionPageFactory(parent=event_index)
        EventPageFactory(parent=day)
        EventPageFactory(parent=event_index)
        MemberOrganizationFactory()
        RegionFactory()

    add()
    client.get(url)  # Wagtail keeps the sites' root paths in the cache from the first
    pages_changed()
    few = list_queries(client, url)
    for _ in range(4):
        add()
    pages_changed()
    assert list_queries(client, url) == few
