"""What the accounts tests share: addresses, a password, and codes an app would show."""

from __future__ import annotations

import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliance.accounts import second_factor

LOGIN = "/en/account/login/"
LOGOUT = "/en/account/logout/"
SETUP = "/en/account/two-factor/"
ACCOUNT = "/en/account/"
PROPOSE = "/en/account/events/new/"
SIGN_INS = "/admin/sign-ins/"
PASSWORD = "a-long-enough-passphrase-42"
INVALID_LOGIN = "That username, password and security code do not match an account."
PAUSED = "Sign-in paused"

_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def code_for(device: TOTPDevice, steps: int = 0) -> str:
    """The six digits the authenticator app shows now (or ``steps`` periods later)."""
    code = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + steps,
    )
    return f"{code:06d}"


def wrong_code(device: TOTPDevice) -> str:
    """Six digits that are not any code the app shows around now."""
    near = {code_for(device, steps) for steps in range(-3, 4)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in near)


def authenticator_for(user) -> tuple[TOTPDevice, list[str]]:
    """Give ``user`` a confirmed authenticator app and fresh recovery codes."""
    device = TOTPDevice.objects.create(
        user=user, name=second_factor.AUTHENTICATOR_NAME, confirmed=True
    )
    return device, second_factor.recovery_codes_renew(user)


def sign_in(client, username: str, password: str = PASSWORD, code: str = "", **extra):
    """Send the site's sign-in form, as a browser would."""
    return client.post(LOGIN, {"username": username, "password": password, "code": code}, **extra)


def without_csrf(content: bytes) -> bytes:
    return _CSRF.sub(b'name="csrfmiddlewaretoken" value=""', content)


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def form_data(content: bytes, selector: str = "form[method=post]") -> dict[str, list[str]]:
    """What a browser would send for the form, unchanged (checked boxes, chosen options)."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(content, "html.parser").select_one(selector)
    data: dict[str, list[str]] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "select":
            values = [option.get("value", "") for option in field.select("option[selected]")]
            if not values and not field.has_attr("multiple") and field.select_one("option"):
                values = [field.select_one("option").get("value", "")]
        elif field.name == "textarea":
            values = [field.get_text()]
        elif field.get("type") in ("checkbox", "radio"):
            values = [field.get("value", "on")] if field.has_attr("checked") else []
        elif field.get("type") in ("submit", "button", "file"):
            continue
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    data.pop("csrfmiddlewaretoken", None)
    return data
