"""A pytest plugin, loaded with ``-p`` before Django is configured.

The settings refuse to start without a ``SECRET_KEY`` (see ``alliance.settings``);
the test suite is not production, so it supplies a throwaway key of its own
rather than weakening that rule.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-key-" + "x" * 40)
os.environ.setdefault("DEBUG", "false")
