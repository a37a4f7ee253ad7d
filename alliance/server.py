"""What `make run` starts: granian's RSGI interface in front of the WSGI application.

Each request's body is read on granian's event loop, with a deadline and a size limit, before
the request takes the worker's application thread; the images' renditions are sent from disk
by granian with the site's headers for files (alliance/core/rsgi.py); stored pages are
answered from the page cache before any WSGI exchange.
"""

import os

from django.conf import settings

from alliance.core.headers import FILE_HEADERS
from alliance.core.rsgi import FileRoute, WSGIBridge
from alliance.wsgi import application as wsgi_application
from alliance.wsgi import page_cache

IMAGE_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}

application = WSGIBridge(
    wsgi_application,
    max_body=settings.REQUEST_BODY_MAX_BYTES,
    grace=settings.REQUEST_BODY_GRACE_SECONDS,
    min_rate=settings.REQUEST_BODY_MIN_RATE,
    max_buffered=settings.REQUEST_BODY_BUFFER_BYTES,
    files=[
        FileRoute(
            prefix=f"{settings.MEDIA_URL}images/",
            directory=os.path.realpath(settings.MEDIA_ROOT / "images"),
            content_types=IMAGE_TYPES,
            headers=FILE_HEADERS,
        )
    ],
    # Stored pages are answered before the WSGI exchange (alliance/core/pagecache/).
    front=page_cache.stored_answer,
)
