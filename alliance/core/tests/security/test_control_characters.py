"""Line breaks and control characters in every public and member form.

A single-line value travels into mail headers, calendar files and logs, where a line break
changes its meaning: every single-line field refuses one, and nothing is kept. Multi-line
fields keep their line breaks but refuse the other control characters.
"""

from __future__ import annotations

import pytest

from alliance.core.fields import one_line
from alliance.members.forms import ProfileForm

from .public_forms import FORMS

pytestmark = pytest.mark.django_db

MULTI_LINE = {"message", "summary", "description"}


def _cases(multi_line: bool):
    for name, form in FORMS.items():
        for field in form.free_text:
            if (field in MULTI_LINE) == multi_line:
                yield pytest.param(name, field, id=f"{name}-{field}")


@pytest.mark.parametrize("text", ["first\r\nBcc: x@example.org", "first\nsecond", "a\x00b"])
@pytest.mark.parametrize(("public_form", "field"), list(_cases(False)), indirect=["public_form"])
def test_single_line_fields_refuse_line_breaks(client, public_form, field, text):
    response = client.post(public_form.url, public_form.data(**{field: text}))
    assert response.status_code in (200, 400)
    assert public_form.nothing_stored()
    assert response.context["form"].has_error(field)


@pytest.mark.parametrize(("public_form", "field"), list(_cases(True)), indirect=["public_form"])
def test_multi_line_fields_keep_line_breaks_but_refuse_other_controls(client, public_form, field):
    refused = client.post(public_form.url, public_form.data(**{field: "one\x0btwo"}))
    assert public_form.nothing_stored()
    assert refused.context["form"].has_error(field)

    kept = client.post(public_form.url, public_form.data(**{field: "one\r\n\r\ntwo"}))
    assert kept.status_code in public_form.accepted
    assert public_form.stored(field).splitlines() == ["one", "", "two"]


def test_the_member_profile_refuses_a_line_break(member):
    form = ProfileForm({"city": "Kowloon\r\nBcc: x@example.org"}, instance=member)
    assert not form.is_valid()
    assert "city" in form.errors


def test_text_leaving_on_one_line_loses_its_breaks():
    assert one_line("Picket\r\n  BEGIN:VEVENT\x0b\u2028end ") == "Picket   BEGIN:VEVENT end"
