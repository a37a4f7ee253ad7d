"""Licences a statement can be republished under, by a short code.

Stored by code so that the name shown stays translated and the address stays right.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Licence:
    code: str
    name: str | Promise
    url: str


LICENCES = {
    item.code: item
    for item in (
        Licence(
            "cc-by-4.0",
            _("Creative Commons Attribution 4.0 (CC BY 4.0)"),
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        Licence(
            "cc-by-sa-4.0",
            _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)"),
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        Licence(
            "cc-by-nd-4.0",
            _("Creative Commons Attribution-NoDerivatives 4.0 (CC BY-ND 4.0)"),
            "https://creativecommons.org/licenses/by-nd/4.0/",
        ),
        Licence(
            "cc0-1.0",
            _("Public domain (CC0 1.0)"),
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        Licence("all-rights-reserved", _("All rights reserved"), ""),
    )
}
DEFAULT_LICENCE = "cc-by-4.0"
LICENCE_CHOICES = [(item.code, item.name) for item in LICENCES.values()]


def licence(code: str) -> Licence:
    """The licence of a code; the default for an empty or unknown one."""
    return LICENCES.get(code) or LICENCES[DEFAULT_LICENCE]
