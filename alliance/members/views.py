"""Public views of the members app: directory, profiles, joining, endorsing, the member area."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.core.languages import localized_first
from alliance.core.listing import CountedPaginator
from alliance.core.pagecache.tags import depends_on
from alliance.newsroom.models import StatementPage

from . import endorsing
from .admission import ApplicationRefused, application_submit
from .directory import chart_rows, members_by_region, members_map, membership_figures
from .filters import DirectoryFilter
from .forms import ApplicationForm, EndorsementForm, ProfileForm
from .models import Endorsement, JoinPage, MemberDirectoryPage, MemberOrganization
from .permissions import audience_for, represented_organization

PAGE_SIZE = 30


# -- directory -------------------------------------------------------------------


def directory(page: MemberDirectoryPage, request: HttpRequest) -> HttpResponse:
    listed = MemberOrganization.objects.listed()
    member_filter = DirectoryFilter(request.GET, listed)
    paginator = CountedPaginator(member_filter.qs.order_by("name"), PAGE_SIZE)
    try:
        organizations = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        raise Http404(_("There is no such page of members.")) from None
    by_region = members_by_region(listed)
    chart = chart_rows(by_region)
    return page.render(
        request,
        template="members/member_directory_page.html",
        context_overrides={
            "filter": member_filter.form,
            "organizations": organizations,
            "paginator": paginator,
            "figures": membership_figures(),
            "chart": chart,
            "world": members_map(by_region),
            "join_page": localized_first(JoinPage.objects.live().public()),
        },
    )


def organization_profile(
    page: MemberDirectoryPage, request: HttpRequest, slug: str
) -> HttpResponse:
    organization = get_object_or_404(MemberOrganization.objects.listed(), slug=slug)
    # Its events are a panel the events app adds (events.panels); publishing
    # one of them ends the stored profile (alliance.core.pagecache.tags).
    depends_on(request, organization)
    endorsed = (
        StatementPage.objects.published()
        .filter(endorsements__organization=organization, endorsements__status="confirmed")
        .newest_first()
    )
    return page.render(
        request,
        template="members/organization_profile.html",
        context_overrides={
            "organization": organization,
            "shown": organization.shown_fields(audience_for(request.user, organization)),
            "endorsed": list(endorsed[:20]),
        },
    )


# -- joining ---------------------------------------------------------------------


def join_serve(page: JoinPage, request: HttpRequest) -> HttpResponse:
    refusal = ""
    if request.method == "POST":
        form = ApplicationForm(request.POST, request=request)
        if form.is_valid():
            if form.is_spam:
                return TemplateResponse(
                    request, "members/join_sent.html", page.get_context(request)
                )
            try:
                application_submit(form.submitted_data())
            except ApplicationRefused as refused:
                refusal = str(refused)
            else:
                return TemplateResponse(
                    request, "members/join_sent.html", page.get_context(request)
                )
    else:
        form = ApplicationForm()
    context = page.get_context(request)
    context.update({"form": form, "refusal": refusal})
    status = 400 if refusal or form.errors else 200
    return TemplateResponse(request, page.get_template(request), context, status=status)


# -- endorsing -----------------------------------------------------------------------


def _statement(statement_id: int) -> StatementPage:
    return get_object_or_404(StatementPage.objects.published(), pk=statement_id)


@require_POST
def endorse_as_member(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = _statement(statement_id)
    organization = represented_organization(request.user)
    if organization is None:
        raise PermissionDenied
    try:
        endorsing.endorsement_by_member(statement, organization)
    except endorsing.EndorsementRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("%(name)s now endorses this statement.") % {"name": organization.name}
        )
    return redirect(statement.url + "#endorsements")


def endorse_publicly(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = _statement(statement_id)
    refusal = ""
    done = None
    if request.method == "POST":
        form = EndorsementForm(request.POST, request=request)
        if form.is_valid():
            if form.is_spam:
                return redirect(statement.url)
            try:
                done = endorsing.endorsement_by_public(
                    statement,
                    name=form.cleaned_data["name"],
                    organization=form.cleaned_data["organization"],
                    country=form.cleaned_data["country"],
                    email=form.cleaned_data["email"],
                    confirm_url=lambda token: request.build_absolute_uri(
                        reverse("endorsement_confirm", args=(token,))
                    ),
                )
            except endorsing.EndorsementRefused as refused:
                refusal = str(refused)
    else:
        form = EndorsementForm()
    if not statement.accepts_endorsements() and done is None:
        refusal = refusal or _("This statement is not open for endorsement (any more).")
    status = 400 if refusal or form.errors else 200
    return TemplateResponse(
        request,
        "members/endorse.html",
        {"statement": statement, "form": form, "refusal": refusal, "done": done},
        status=status,
    )


def endorsement_confirm(request: HttpRequest, token: str) -> HttpResponse:
    endorsement = endorsing.endorsement_confirm(token)
    if endorsement is None:
        raise Http404(_("This confirmation link is not valid (any more)."))
    response = TemplateResponse(
        request, "members/endorsement_confirmed.html", {"endorsement": endorsement}
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


# -- the member area ---------------------------------------------------------------


def _own_organization(request: HttpRequest) -> MemberOrganization:
    organization = represented_organization(request.user)
    if organization is None:
        raise PermissionDenied
    return organization


@login_required
def account(request: HttpRequest) -> HttpResponse:
    organization = _own_organization(request)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=organization)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your organization's profile is saved."))
            return redirect("member_account")
    else:
        form = ProfileForm(instance=organization)
    open_statements = [
        statement
        for statement in StatementPage.objects.published().filter(endorsements_open=True)
        if statement.accepts_endorsements()
    ]
    endorsed = set(
        Endorsement.objects.filter(organization=organization).values_list("statement_id", flat=True)
    )
    return TemplateResponse(
        request,
        "members/account.html",
        {
            "organization": organization,
            "form": form,
            "open_statements": open_statements,
            "endorsed": endorsed,
        },
        status=400 if form.errors else 200,
    )
