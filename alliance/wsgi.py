"""WSGI entry point, served by granian in production (see the Makefile)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.settings")

from alliance.core.pagecache.wsgi import PageCacheApplication  # noqa: E402 (needs the settings)

# Stored pages are answered in front of Django (alliance/core/pagecache/).
application = PageCacheApplication(get_wsgi_application())
