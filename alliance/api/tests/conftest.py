import pytest


@pytest.fixture(autouse=True)
def _generous_limit(settings):
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, "api": (100_000, 60)}
