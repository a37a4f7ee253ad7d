"""The WSGI entry point freezes what a worker holds once Django has made an answer."""

import gc

import pytest

from alliance.wsgi import FrozenAfterFirstAnswer


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def answering(*headers):
    def application(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain"), *headers])
        return [b"ok"]

    return application


def call(application) -> None:
    assert application({}, lambda status, headers, exc_info=None: None) == [b"ok"]


def test_first_answer_from_django_freezes_the_process(unfrozen):
    call(FrozenAfterFirstAnswer(answering()))
    assert gc.get_freeze_count() > 0


def test_answer_from_the_page_cache_does_not_freeze(unfrozen):
    application = FrozenAfterFirstAnswer(answering(("X-Page-Cache", "hit")))
    call(application)
    assert gc.get_freeze_count() == 0
    assert not application.frozen
