"""PostgreSQL: the site search matches through an index, not by reading every entry."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="Wagtail's PostgreSQL search backend"
    ),
]

MATCHED = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'


def test_search_matches_the_expression_the_index_covers(client, home, statement_index):
    StatementPageFactory(parent=statement_index, title="Domestic workers in Hong Kong")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/search/", {"q": "domestic"}).status_code == 200
    assert any(MATCHED in query["sql"] for query in queries.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('domestic')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "core_search_title_body_gin" in plan
