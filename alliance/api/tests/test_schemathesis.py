"""The OpenAPI description against the answers: Schemathesis sends its examples, its
coverage cases (each parameter at its bounds, missing, of the wrong type, repeated; methods
the description does not list) and a bounded number of generated requests to every
operation; none may fail with a server error and every answer must conform to the
description."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation.modes import GenerationMode

from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
from alliance.members.models import Country
from alliance.members.tests.factories import MemberOrganizationFactory, RegionFactory
from alliance.newsroom.tests.factories import StatementPageFactory, TopicFactory


@pytest.fixture
def api_schema(db, statement_index, event_index):
    topic = TopicFactory(slug="work")
    region = RegionFactory(slug="asia")
    Country.objects.create(code="PH", region=region)
    StatementPageFactory(parent=statement_index, topics=[topic])
    day = DayOfActionPageFactory(parent=event_index)
    EventPageFactory(parent=day)
    MemberOrganizationFactory(country="PH")
    # Requests go through Django's WSGI handler in this thread, in the test's transaction:
    # as in Django's test client, a finished request must not close the connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


HEADERS = {"Host": "testserver", "Accept-Encoding": "identity"}


def check_operation(operation, mode: GenerationMode) -> None:
    strategies = [operation.as_strategy(generation_mode=mode)]
    if mode is GenerationMode.POSITIVE:
        strategies.extend(operation.get_strategies_from_examples())

    @given(case=st.one_of(*strategies))
    @settings(
        max_examples=FUZZ_EXAMPLES,
        # The same cases on every run and both databases, so CI does not flicker; a case
        # that once failed (an offset PostgreSQL refuses) has a test of its own.
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        # Uncompressed: the WSGI transport hands over the bytes as Django sent them.
        case.call_and_validate(headers=HEADERS)

    check()


FUZZ_EXAMPLES = 15


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_conforms_to_the_description(api_schema, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 12
    for operation in operations:
        check_operation(operation, mode)


def test_coverage_cases_conform_to_the_description(api_schema):
    """Schemathesis's coverage phase: its fixed cases for every parameter, both modes."""
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    sent = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        config = api_schema.config.generation_for(operation=operation, phase="coverage")
        for case in api_schema.iter_coverage_cases(
            operation, generation_modes=modes, generation_config=config
        ):
            case.call_and_validate(headers=HEADERS)
            sent += 1
    # Each of the 12 operations has cases of its own (a count that shows the phase ran).
    assert sent > 12 * 10
