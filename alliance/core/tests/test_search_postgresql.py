"""PostgreSQL: the site search ranks a bounded number of matches, found through an index."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.core.search import POSTGRES_RANKED_LIMIT
from alliance.newsroom.models import StatementPage
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="Wagtail's PostgreSQL search backend"
    ),
]


def search_sql(client, query: str) -> str:
    """The query of the search that ranks the matches (as sent, values filled in)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/search/", {"q": query}).status_code == 200
    [sql] = [q["sql"] for q in queries.captured_queries if "ts_rank" in q["sql"]]
    return sql


def plan(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        found = cursor.fetchone()[0]
    return (json.loads(found) if isinstance(found, str) else found)[0]["Plan"]


def nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from nodes(child)


def test_only_a_bounded_number_of_matches_is_ranked(client, home, statement_index):
    StatementPageFactory(parent=statement_index, title="Domestic workers in Hong Kong")
    sql = search_sql(client, "domestic")
    [ranking] = [
        node for node in nodes(plan(sql)) if "ts_rank" in " ".join(node.get("Sort Key", []))
    ]
    # The matches are cut (newest first) before they are ranked, not after.
    assert any(node["Node Type"] == "Limit" for node in nodes(ranking))
    assert f"LIMIT {POSTGRES_RANKED_LIMIT + 1}" in sql


@pytest.fixture
def other_entries():
    """5,000 index entries of other statements, all with "solidarity", and fresh statistics."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title_norm, "
            "autocomplete, title, body, title_text, body_text) "
            "SELECT %s, (1000000 + n)::text, 1.0, ''::tsvector, to_tsvector('A statement'), "
            "to_tsvector('Solidarity with migrant workers'), '', '' "
            "FROM generate_series(1, 5000) AS n",
            [ContentType.objects.get_for_model(StatementPage).pk],
        )
        # As (auto)vacuum would: new entries wait in a list each GIN index reads whole.
        cursor.execute(
            "SELECT gin_clean_pending_list(indexrelid) FROM pg_index JOIN pg_class "
            "ON pg_class.oid = indexrelid JOIN pg_am ON pg_am.oid = relam "
            "WHERE indrelid = 'wagtailsearch_indexentry'::regclass AND amname = 'gin'"
        )
        cursor.execute("ANALYZE wagtailsearch_indexentry")


def scans(top: dict) -> dict[str, str]:
    """Index name: node type, of the scans of the index table."""
    return {
        node["Index Name"]: node["Node Type"]
        for node in nodes(top)
        if "Index Name" in node and node["Index Name"].startswith("wagtailsear")
    }


def test_a_rare_word_is_found_through_the_full_text_indexes(
    client, home, statement_index, other_entries
):
    StatementPageFactory(parent=statement_index, title="Domestic workers in Hong Kong")
    used = scans(plan(search_sql(client, "domestic")))
    assert used == {
        "wagtailsear_title_9caae0_gin": "Bitmap Index Scan",
        "wagtailsear_body_90c85d_gin": "Bitmap Index Scan",
    }


def test_a_common_word_reads_the_newest_entries_first(client, home, statement_index, other_entries):
    StatementPageFactory(parent=statement_index, title="Solidarity forever")
    top = plan(search_sql(client, "solidarity"))
    assert scans(top) == {"wagtailsearch_indexentry_pkey": "Index Scan"}
    assert any(node.get("Scan Direction") == "Backward" for node in nodes(top))
