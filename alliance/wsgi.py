"""WSGI entry point, served by granian in production (see the Makefile)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.settings")

from alliance.core.pagecache.wsgi import PageCacheApplication  # noqa: E402 (needs the settings)


class FrozenAfterFirstAnswer:
    """Once Django has made its first answer, what the process holds is kept out of the
    garbage collector's full passes (``gc.freeze``).

    By then the process has loaded what it keeps until it ends (Django, Wagtail, the URL
    patterns, templates and translations: some 240,000 objects). Python's full collection
    walks every object each time, and every few dozen requests one took 200 to 400 ms of
    one answer (bench/README.md: the API's single slow requests in 20). Frozen, those
    objects are never walked again; a full pass then walks only what requests left. An
    answer from the page cache's front loads none of it, so it does not count.
    """

    def __init__(self, application) -> None:
        self.application = application
        self.frozen = False

    def __call__(self, environ, start_response):
        if self.frozen:
            return self.application(environ, start_response)
        stored = []

        def starting(status, headers, exc_info=None):
            stored.append(any(k.lower() == "x-page-cache" and v == "hit" for k, v in headers))
            return start_response(status, headers, exc_info)

        try:
            return self.application(environ, starting)
        finally:
            if stored and not stored[0] and not self.frozen:
                self.frozen = True
                gc.collect()  # the first request's garbage is not kept forever
                gc.freeze()


# Stored pages are answered in front of Django (alliance/core/pagecache/); the RSGI front
# (alliance/server.py) asks the same page cache, and its memory, directly.
page_cache = PageCacheApplication(get_wsgi_application())
application = FrozenAfterFirstAnswer(page_cache)
