"""Fixtures shared by every app's tests: a site with a home page, and isolated files."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from alliance.core.models import AllianceSettings
from alliance.core.tests.factories import HomePageFactory
from alliance.core.texts import default_texts_save
from alliance.newsroom.tests.factories import StatementIndexPageFactory


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    # Hashed static names need collectstatic first; test_static covers that storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request through the test client leaves its language active in the thread (Django's
    LocaleMiddleware activates it and nothing deactivates it): the next test on the same
    worker, a command's output say, must not read Arabic because of it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _isolated_cache(settings, request):
    """Each test starts with an empty cache (Wagtail keeps site roots there).

    With Redis, each xdist worker gets a database of its own, because clearing
    the cache empties the whole Redis database.
    """

    # Without xdist (``-p no:xdist``) there is one worker, the master.
    worker_id = getattr(request.config, "workerinput", {}).get("workerid", "master")
    from django.core.cache import caches

    backend = settings.CACHES["default"]
    if backend["BACKEND"].endswith("RedisCache"):
        number = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
        location = urlsplit(backend["LOCATION"])._replace(path=f"/{10 + number}").geturl()
        settings.CACHES = {
            alias: {**config, "LOCATION": location} for alias, config in settings.CACHES.items()
        }
    else:
        # The files of a site being served are not the tests' business.
        settings.CACHES = {
            alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
            for alias in settings.CACHES
        }
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def site(db) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="Test Alliance")
    site.root_page = home
    site.hostname = "testserver"
    site.port = 80
    site.save()
    AllianceSettings.for_site(site)
    default_texts_save(site, name="Test Alliance", acronym="TA", secretariat_city="Hong Kong")
    return home


@pytest.fixture
def statement_index(home):
    return StatementIndexPageFactory(parent=home, title="Statements", slug="statements")


@pytest.fixture
def event_index(home):
    from alliance.events.tests.factories import EventIndexPageFactory

    return EventIndexPageFactory(parent=home)


@pytest.fixture(autouse=True)
def _force_login_with_second_factor(monkeypatch):
    """``client.force_login`` signs in the way the sign-in page does: with a
    verified second factor, which the site requires of every account.

    Tests of the second factor itself go through the sign-in page instead.
    """
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
