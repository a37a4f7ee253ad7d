"""The second factor: an authenticator app (TOTP) and one-time recovery codes.

The cryptography is django-otp's; this module only decides which devices a
person has and when they become active.
"""

from __future__ import annotations

from base64 import b32encode

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery"
AUTHENTICATOR_DIGITS = 6  # django-otp's default, which this site keeps


def has_second_factor(user: AbstractBaseUser) -> bool:
    """True once the person has confirmed an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def authenticator_pending(user: AbstractBaseUser) -> TOTPDevice:
    """The not yet confirmed authenticator the setup page shows as a QR code.

    The same one is shown until it is confirmed, so reloading the page does
    not invalidate a code someone has just scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def authenticator_confirm(device: TOTPDevice, token: str) -> list[str] | None:
    """Activate ``device`` if ``token`` is its current code; return fresh recovery codes.

    Any earlier authenticator of the person is removed: one phone at a time.
    Returns None when the code is wrong.
    """
    if device.confirmed or not device.verify_token(token.strip().replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(device.user)


@transaction.atomic
def recovery_codes_renew(user: AbstractBaseUser) -> list[str]:
    """Replace the person's recovery codes with new ones, each usable once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_match(user: AbstractBaseUser, token: str) -> Device | None:
    """The device whose code or recovery code ``token`` is, or None.

    Six digits are tried against the authenticator only, anything else against
    the recovery codes only, so that mistyped app codes never count as failed
    recovery codes (django-otp slows down each device after repeated failures).
    """
    # Codes are digits, recovery codes lower-case letters and digits; people
    # copy them with spaces, dashes or capitals.
    token = (token or "").strip().replace(" ", "").replace("-", "").lower()
    if not token:
        return None
    if token.isdigit() and len(token) == AUTHENTICATOR_DIGITS:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        if device.verify_token(token):
            return device
    return None


def second_factor_remove(user: AbstractBaseUser) -> None:
    """Remove every device of a person who lost their phone and codes (an administrator's act)."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def describe(user: AbstractBaseUser) -> str:
    if has_second_factor(user):
        return _("Authenticator app, %(count)s recovery codes left") % {
            "count": recovery_codes_left(user)
        }
    return _("Not set up")


def readable_secret(device: TOTPDevice) -> str:
    """The key for typing into an app by hand, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
