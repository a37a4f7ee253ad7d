"""Who reaches each admin screen the project adds, and each member-area address.

The table lists every URL from ``register_admin_urls`` in alliance/*/wagtail_hooks.py
and every member-area address, with what each role must get:

- ``LOGIN``: sent to the sign-in page (/en/account/login/);
- ``DENIED``: 403, or Wagtail's redirect away (to the sign-in page or the admin home);
- ``FORBIDDEN``: exactly 403;
- ``OK``: the screen (200), or for an action its redirect back to the screen.

Denied actions change nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliance.events.models import LocalActionProposal, ProposalStatus
from alliance.events.moderation import local_action_propose
from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
from alliance.members import endorsing
from alliance.members.models import (
    ApplicationStatus,
    Endorsement,
    EndorsementStatus,
    MembershipApplication,
)
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db

LOGIN_PAGE = "/en/account/login/"
LOGIN, DENIED, FORBIDDEN, OK = "login", "denied", "forbidden", "ok"
ROLES = ("anonymous", "representative", "editor", "superuser")


class Things:
    """What the addresses point at, made only when a row needs it."""

    def __init__(self, request) -> None:
        self.request = request

    @cached_property
    def event_index(self):
        return self.request.getfixturevalue("event_index")

    @cached_property
    def event(self):
        return EventPageFactory(parent=self.event_index, rsvp_enabled=True)

    @cached_property
    def proposal(self) -> LocalActionProposal:
        day = DayOfActionPageFactory(parent=self.event_index, slug="global-day")
        return local_action_propose(
            day,
            {
                "title": "Quarrybank picket",
                "kind": "picket",
                "summary": "We picket.",
                "start_date": day.date,
                "start_time": dt.time(16),
                "end_time": dt.time(18),
                "time_zone": "Asia/Hong_Kong",
                "venue_name": "Chater Garden",
                "city": "Hong Kong",
                "country": "HK",
                "organization": "Migrante Hong Kong",
                "proposer_name": "Rosa",
                "proposer_email": "rosa@example.org",
            },
        )

    @cached_property
    def application(self) -> MembershipApplication:
        return MembershipApplication.objects.create(
            organization_name="Waiting Workers",
            kind="migrant",
            country="HK",
            city="Kowloon",
            sectors="Domestic workers",
            description="A group.",
            contact_name="Rosa",
            contact_email="rosa@example.org",
            agrees_basis_of_unity=True,
        )

    @cached_property
    def statement(self):
        index = self.request.getfixturevalue("statement_index")
        return StatementPageFactory(parent=index, endorsements_open=True)

    @cached_property
    def endorsement(self) -> Endorsement:
        return endorsing.endorsement_by_public(
            self.statement,
            name="Ana Signer",
            organization="",
            country="PH",
            email="",
            confirm_url=lambda token: "",
        )

    @cached_property
    def attempt(self) -> AccessAttempt:
        return AccessAttempt.objects.create(
            username="someone",
            ip_address="192.0.2.1",
            user_agent="test",
            http_accept="*/*",
            path_info=LOGIN_PAGE,
            get_data="",
            post_data="",
            failures_since_start=5,
        )

    @cached_property
    def person(self):
        person = get_user_model().objects.create_user("person", password="pw-person-123456")
        TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
        return person


@dataclass(frozen=True)
class Row:
    id: str
    method: str
    path: object  # Things -> str
    expected: tuple[str, str, str, str]  # by ROLES
    data: dict | None = None
    unchanged: object = None  # Things -> bool, checked when the role is refused


SUPERUSER_ONLY = (LOGIN, DENIED, DENIED, OK)
MODERATION = (LOGIN, DENIED, DENIED, OK)  # editors may not publish, so may not decide
MEMBER_AREA = (LOGIN, OK, FORBIDDEN, FORBIDDEN)  # only an organization's representative
SIGNED_IN = (LOGIN, OK, OK, OK)


def _pending(model, pk, status) -> bool:
    return model.objects.get(pk=pk).status == status


ROWS = [
    # alliance/accounts
    Row("sign-ins", "get", lambda t: "/admin/sign-ins/", SUPERUSER_ONLY),
    Row(
        "sign-in-unlock",
        "post",
        lambda t: f"/admin/sign-ins/{t.attempt.pk}/unlock/",
        SUPERUSER_ONLY,
        unchanged=lambda t: AccessAttempt.objects.filter(pk=t.attempt.pk).exists(),
    ),
    Row(
        "second-factor-reset",
        "post",
        lambda t: f"/admin/sign-ins/users/{t.person.pk}/reset-second-factor/",
        SUPERUSER_ONLY,
        unchanged=lambda t: TOTPDevice.objects.filter(user=t.person).exists(),
    ),
    # alliance/events
    Row("rsvp-list", "get", lambda t: f"/admin/events/{t.event.pk}/rsvps/", SUPERUSER_ONLY),
    Row("rsvp-csv", "get", lambda t: f"/admin/events/{t.event.pk}/rsvps.csv", SUPERUSER_ONLY),
    # The queue itself lists only what the visitor may decide: open to editors.
    Row("local-action-queue", "get", lambda t: "/admin/local-actions/", (LOGIN, DENIED, OK, OK)),
    Row(
        "local-action-approve",
        "post",
        lambda t: f"/admin/local-actions/{t.proposal.pk}/approve/",
        MODERATION,
        unchanged=lambda t: _pending(LocalActionProposal, t.proposal.pk, ProposalStatus.PENDING),
    ),
    Row(
        "local-action-decline",
        "post",
        lambda t: f"/admin/local-actions/{t.proposal.pk}/decline/",
        MODERATION,
        data={"reason": "Not on the day."},
        unchanged=lambda t: _pending(LocalActionProposal, t.proposal.pk, ProposalStatus.PENDING),
    ),
    # alliance/members
    Row("application-queue", "get", lambda t: "/admin/applications/", MODERATION),
    Row(
        "application-approve",
        "post",
        lambda t: f"/admin/applications/{t.application.pk}/approve/",
        MODERATION,
        unchanged=lambda t: _pending(
            MembershipApplication, t.application.pk, ApplicationStatus.PENDING
        ),
    ),
    Row(
        "application-decline",
        "post",
        lambda t: f"/admin/applications/{t.application.pk}/decline/",
        MODERATION,
        data={"reason": "Too early."},
        unchanged=lambda t: _pending(
            MembershipApplication, t.application.pk, ApplicationStatus.PENDING
        ),
    ),
    Row("endorsement-queue", "get", lambda t: "/admin/endorsements/", MODERATION),
    Row(
        "endorsement-approve",
        "post",
        lambda t: f"/admin/endorsements/{t.endorsement.pk}/approve/",
        MODERATION,
        unchanged=lambda t: _pending(Endorsement, t.endorsement.pk, EndorsementStatus.PENDING),
    ),
    Row(
        "endorsement-reject",
        "post",
        lambda t: f"/admin/endorsements/{t.endorsement.pk}/reject/",
        MODERATION,
        unchanged=lambda t: _pending(Endorsement, t.endorsement.pk, EndorsementStatus.PENDING),
    ),
    Row(
        "endorsement-csv",
        "get",
        lambda t: f"/admin/endorsements/statement/{t.statement.pk}.csv",
        MODERATION,
    ),
    # alliance/privacy
    Row("personal-data", "get", lambda t: "/admin/personal-data/", SUPERUSER_ONLY),
    Row(
        "personal-data-export",
        "post",
        lambda t: "/admin/personal-data/export/",
        SUPERUSER_ONLY,
        data={"q": "rosa@example.org"},
    ),
    Row(
        "personal-data-erase",
        "post",
        lambda t: "/admin/personal-data/erase/",
        SUPERUSER_ONLY,
        data={"q": "rosa@example.org"},
    ),
    # alliance/wordpress
    Row("wordpress-import", "get", lambda t: "/admin/wordpress-import/", SUPERUSER_ONLY),
    # the member area
    Row("account", "get", lambda t: "/en/account/", MEMBER_AREA),
    Row(
        "propose-event",
        "get",
        lambda t: (t.event_index, "/en/account/events/new/")[1],
        MEMBER_AREA,
    ),
    # A POST-only endpoint: anonymous visitors are refused outright, not sent to sign in.
    Row(
        "endorse-as-member",
        "post",
        lambda t: f"/en/endorse/{t.statement.pk}/member/",
        (FORBIDDEN, OK, FORBIDDEN, FORBIDDEN),
        unchanged=lambda t: not Endorsement.objects.exists(),
    ),
    Row("two-factor", "get", lambda t: "/en/account/two-factor/", SIGNED_IN),
    Row("password-change", "get", lambda t: "/en/account/password_change/", SIGNED_IN),
]


def _table():
    for row in ROWS:
        for role, expected in zip(ROLES, row.expected, strict=True):
            yield pytest.param(row, role, expected, id=f"{row.id}-{role}-{expected}")


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PAGE)


@pytest.mark.parametrize(("row", "role", "expected"), list(_table()))
def test_access(client, request, row, role, expected):
    things = Things(request)
    path = row.path(things)
    if role != "anonymous":
        user = request.getfixturevalue({"representative": "rep"}.get(role, role))
        client.force_login(user)
    response = getattr(client, row.method)(path, row.data or {})
    status = response.status_code
    if expected == LOGIN:
        assert _is_login_redirect(response), (status, response.get("Location"))
    elif expected == FORBIDDEN:
        assert status == 403
    elif expected == DENIED:
        away = status == 302 and response["Location"] in ("/admin/",)
        assert status == 403 or _is_login_redirect(response) or away, (
            status,
            response.get("Location"),
        )
    else:
        assert status == 200 or (status == 302 and not _is_login_redirect(response)), (
            status,
            response.get("Location"),
        )
    if expected != OK and row.unchanged is not None:
        assert row.unchanged(things)
