"""A pytest plugin, loaded with ``-p`` before Django is configured.

The settings refuse to start without a ``SECRET_KEY`` (see ``alliance.settings``);
the test suite is not production, so it supplies a throwaway key of its own
rather than weakening that rule.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-key-" + "x" * 40)
os.environ.setdefault("DEBUG", "false")
# Background tasks (Wagtail's search and reference indexing, mail alerts) run at once in
# tests, as if a worker took each the moment it was queued; the alerts tests that need a
# queue and a worker set up their own.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
