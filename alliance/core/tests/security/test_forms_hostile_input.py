"""Hostile input in every public form: markup, SQL, and values far too long.

Free text is stored exactly as typed and shown escaped wherever it appears,
on the public site and in the admin; fields with a format (e-mail, phone,
URL) refuse it; nothing is ever answered with a server error.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.events.models import EventPage, LocalActionProposal
from alliance.members.models import Endorsement, MemberOrganization, MembershipApplication

from .public_forms import (
    FORMS,
    HOSTILE,
    OVER_LONG,
    XSS_PAYLOADS,
    assert_inert,
    build,
    soup_of,
)

pytestmark = pytest.mark.django_db

# Longer than the database column (254 for e-mail, 200 for URLs), within the
# form's own checks (an e-mail address may have up to 320 characters).
EMAIL_260 = "a" * 64 + "@" + ("b" * 63 + ".") * 3 + "org"
URL_300 = "https://example.org/" + "a" * 280


def _short(payload: str) -> str:
    return {
        "<script>alert(1)</script>": "script",
        '"><img src=x onerror=alert(1)>': "img-onerror",
        "javascript:alert(1)": "javascript-url",
        "' OR 1=1 --": "sql-or",
        "'); DROP TABLE x; --": "sql-drop",
    }[payload]


def _cases(kind: str):
    for name, form in FORMS.items():
        for field in getattr(form, kind):
            yield pytest.param(name, field, id=f"{name}-{field}")


def _field_error(response, field: str):
    return soup_of(response).select_one(f"#id_{field}-error")


@pytest.mark.parametrize("payload", HOSTILE, ids=_short)
@pytest.mark.parametrize("public_form", list(FORMS), indirect=True)
def test_hostile_free_text_is_stored_as_typed_and_answered_inert(client, public_form, payload):
    typed = {field: payload for field in public_form.free_text}
    response = client.post(public_form.url, public_form.data(**typed))
    assert response.status_code in public_form.accepted, response.content.decode()[:2000]
    assert_inert(response)
    if response.status_code == 302:  # the RSVP's private page shows the name
        followed = client.get(response["Location"])
        assert followed.status_code == 200
        assert_inert(followed)
    assert {field: public_form.stored(field) for field in typed} == typed


@pytest.mark.parametrize(
    ("public_form", "field"), list(_cases("formatted")), indirect=["public_form"]
)
def test_hostile_text_in_a_formatted_field_is_refused_with_a_field_error(
    client, public_form, field
):
    for payload in HOSTILE:
        response = client.post(public_form.url, public_form.data(**{field: payload}))
        assert response.status_code in (200, 400), payload
        assert _field_error(response, field) is not None, payload
        assert_inert(response)
    assert public_form.nothing_stored()


@pytest.mark.parametrize("public_form", list(FORMS), indirect=True)
def test_over_long_values_are_refused_with_an_error_on_every_field(client, public_form):
    typed = {field: OVER_LONG for field in public_form.text_fields}
    response = client.post(public_form.url, public_form.data(**typed))
    assert response.status_code in (200, 400)
    missing = [field for field in typed if _field_error(response, field) is None]
    assert missing == []
    assert public_form.nothing_stored()


@pytest.mark.parametrize("payload", XSS_PAYLOADS, ids=_short)
@pytest.mark.parametrize("public_form", list(FORMS), indirect=True)
def test_refused_form_shows_what_was_typed_back_escaped(client, public_form, payload):
    typed = {field: payload for field in public_form.text_fields}
    response = client.post(public_form.url, public_form.data(token="", **typed))
    assert response.status_code in (200, 400)
    assert_inert(response)
    soup = soup_of(response)
    for field in public_form.free_text:
        widget = soup.select_one(f"#id_{field}")
        shown = widget.get_text() if widget.name == "textarea" else widget.get("value")
        assert shown.strip() == payload, field
    assert public_form.nothing_stored()


# -- values the form accepts but the database column cannot hold ----------------------


@pytest.mark.parametrize(
    ("public_form", "field", "value"),
    [
        pytest.param("contact", "email", EMAIL_260),
        pytest.param("rsvp", "email", EMAIL_260),
        pytest.param("local_action", "proposer_email", EMAIL_260),
        pytest.param("local_action", "online_url", URL_300),
        pytest.param("endorsement", "email", EMAIL_260),
        pytest.param("application", "contact_email", EMAIL_260),
        pytest.param("application", "website", URL_300),
    ],
    indirect=["public_form"],
)
def test_value_longer_than_its_database_column_is_refused_with_a_field_error(
    client, public_form, field, value
):
    response = client.post(public_form.url, public_form.data(**{field: value}))
    assert response.status_code in (200, 400)
    assert _field_error(response, field) is not None
    assert public_form.nothing_stored()


# -- stored values where they are shown later -------------------------------------------


def _shown_inert(response, payload: str) -> None:
    """The page shows the payload as text, and nothing of it is live."""
    assert response.status_code == 200
    assert_inert(response)
    assert payload in soup_of(response).get_text()


xss = pytest.mark.parametrize("payload", XSS_PAYLOADS, ids=_short)


@xss
def test_endorsement_name_is_escaped_under_the_statement_once_approved(
    client, request, superuser, payload
):
    form = build("endorsement", request)
    client.post(form.url, form.data(name=payload))
    endorsement = Endorsement.objects.get()
    client.force_login(superuser)
    client.post(reverse("members_endorsement_decide", args=(endorsement.pk, "approve")))
    admin_queue = client.get(reverse("members_endorsement_queue"))
    assert_inert(admin_queue)
    client.logout()
    _shown_inert(client.get(form.page.url), payload)


@xss
def test_organization_name_is_escaped_in_the_directory_once_approved(
    client, request, superuser, directory, payload
):
    form = build("application", request)
    client.post(form.url, form.data(organization_name=payload, acronym="", city=payload))
    application = MembershipApplication.objects.get()
    client.force_login(superuser)
    _shown_inert(client.get(reverse("members_application_queue")), payload)
    approve = reverse("members_application_decide", args=(application.pk, "approve"))
    # The confirmation step shows what the applicant wrote beside each visibility choice.
    _shown_inert(client.get(approve), payload)
    client.post(approve, {"listing": "listed", "show_city": "public"})
    member = MemberOrganization.objects.get()
    client.logout()
    _shown_inert(client.get(directory.url), payload)
    _shown_inert(client.get(f"{directory.url}{member.slug}/"), payload)


@xss
def test_local_action_is_escaped_on_the_day_and_its_page_once_approved(
    client, request, superuser, payload
):
    form = build("local_action", request)
    client.post(form.url, form.data(title=payload, organization=payload, venue_name=payload))
    proposal = LocalActionProposal.objects.get()
    client.force_login(superuser)
    _shown_inert(client.get(reverse("events_proposal_queue")), payload)
    client.post(reverse("events_proposal_approve", args=(proposal.pk,)))
    event = EventPage.objects.get(pk=proposal.event_id)
    assert event.live
    client.logout()
    _shown_inert(client.get(form.page.url), payload)
    _shown_inert(client.get(event.url), payload)


@xss
def test_rsvp_name_is_escaped_in_the_admin_list(client, request, superuser, payload):
    form = build("rsvp", request)
    response = client.post(form.url, form.data(name=payload))
    assert_inert(client.get(response["Location"]))
    client.force_login(superuser)
    _shown_inert(client.get(reverse("events_rsvp_list", args=(form.page.pk,))), payload)


@xss
def test_contact_message_is_escaped_in_the_admin_inbox(client, request, superuser, payload):
    form = build("contact", request)
    client.post(form.url, form.data(name=payload, subject=payload, message=payload))
    message_pk = form.stored("pk")
    client.force_login(superuser)
    _shown_inert(client.get("/admin/snippets/core/contactmessage/"), payload)
    inspect = f"/admin/snippets/core/contactmessage/inspect/{message_pk}/"
    _shown_inert(client.get(inspect), payload)
