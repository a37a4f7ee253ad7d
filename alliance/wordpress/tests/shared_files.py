"""Where the shared WordPress exports are: ``shared/wxr`` beside the checkout, or further up.

A worktree sits one level deeper than the main checkout, so every ancestor is tried.
Tests that need these files skip when they are absent; they are never copied into the project.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def shared_wxr() -> Path:
    base = Path(settings.BASE_DIR).resolve()
    for folder in base.parents:
        candidate = folder / "shared" / "wxr"
        if candidate.is_dir():
            return candidate
    return base.parent / "shared" / "wxr"


SHARED_WXR = shared_wxr()
WORDPRESS_IMPORTER = SHARED_WXR / "wordpress-importer"
