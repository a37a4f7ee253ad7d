"""The read API: statements, events, days of action, members, topics and regions as JSON.

Built on Django REST framework with drf-spectacular rather than Wagtail's API v2. Wagtail's
API serves pages by their place in the page tree, with its own query conventions (``type``,
``fields``, ``child_of``) and no OpenAPI description; half of what partners need here is not
pages (member organizations, topics, regions), and what matters most to them (every
translation, local times with their zone, only what the public may see) needs serializers
of our own anyway. DRF gives those serializers, filters and pagination with plain views,
and drf-spectacular writes the OpenAPI 3 description from the same code, so the
description cannot drift from the answers (Schemathesis checks that in the tests).

Read only, for anyone: every answer carries an ETag derived from the page cache's content
generation (a 304 costs no query), CORS for any origin, errors as RFC 9457 problem details.
"""
