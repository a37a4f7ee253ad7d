"""Public views of events: pages, listings, calendars, replies and proposals."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from alliance.core.languages import localized_first
from alliance.core.listing import CountedPaginator
from alliance.core.pagecache.tags import depends_on
from alliance.core.structured_data import site_url
from alliance.core.translated import in_reader_language
from alliance.members.models import MemberOrganization, Region
from alliance.members.permissions import represented_organization

from . import calendars, flyer, replies
from .filters import EventFilter
from .forms import LocalActionForm, PartySizeForm, RsvpForm
from .models import DayOfActionPage, EventIndexPage, EventPage, RsvpStatus
from .moderation import local_action_propose
from .places import actions_by_region, actions_map, map_tiles

FEED_HORIZON_DAYS = 365


def _private(response: HttpResponse) -> HttpResponse:
    """Pages behind a private link: never cached, never sent on as a referrer, never indexed.

    "same-origin", not "no-referrer": the link never leaves the site, and the
    page's own forms (change, cancel) still work. Under "no-referrer" browsers
    send ``Origin: null`` with a form, which Django's CSRF check refuses.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


# -- one event ---------------------------------------------------------------


def event_serve(event: EventPage, request: HttpRequest) -> HttpResponse:
    form = None
    refusal = ""
    if event.rsvps_open():
        if request.method == "POST":
            form = RsvpForm(request.POST, reminders=event.reminders, request=request)
            if form.is_valid():
                if form.is_spam:
                    return redirect(event.url)
                try:
                    receipt = replies.rsvp_create(
                        event,
                        name=form.cleaned_data["name"],
                        party_size=form.cleaned_data["party_size"],
                        email=form.cleaned_data.get("email", ""),
                        phone=form.cleaned_data.get("phone", ""),
                        nonce=form.nonce,
                    )
                except replies.RsvpRefused as refused:
                    refusal = str(refused)
                else:
                    return _private(redirect(f"{event.url}rsvp/{receipt.token}/?new=1"))
        else:
            form = RsvpForm(reminders=event.reminders)
    elif request.method == "POST":
        refusal = _("This event is not taking replies.")
    context = event.get_context(request)
    context.update(
        {
            "rsvp_form": form,
            "rsvp_refusal": refusal,
            "seats_left": replies.seats_left(event) if event.rsvp_enabled else None,
        }
    )
    status = 400 if refusal or (form is not None and form.errors) else 200
    return TemplateResponse(request, event.get_template(request), context, status=status)


def event_calendar_file(event: EventPage, request: HttpRequest) -> HttpResponse:
    cal = calendars.calendar([event], request, name=event.title)
    return calendars.calendar_response(cal, event.slug, attachment=True)


def rsvp_manage(event: EventPage, request: HttpRequest, token: str) -> HttpResponse:
    rsvp = replies.rsvp_for_token(event, token)
    if rsvp is None or rsvp.anonymized_at is not None:
        raise Http404(_("This link is not valid (any more)."))
    message = ""
    size_form = PartySizeForm(initial={"party_size": rsvp.party_size})
    if request.method == "POST":
        try:
            if "cancel" in request.POST:
                rsvp = replies.rsvp_cancel(rsvp)
                message = _("Your reply is cancelled. Thank you for letting us know.")
            else:
                size_form = PartySizeForm(request.POST)
                if size_form.is_valid():
                    rsvp = replies.rsvp_change_party_size(
                        rsvp, size_form.cleaned_data["party_size"]
                    )
                    message = _("Your reply is updated.")
        except replies.RsvpRefused as refused:
            message = str(refused)
    context = event.get_context(request)
    context.update(
        {
            "rsvp": rsvp,
            "is_new": request.GET.get("new") == "1",
            "manage_url": request.build_absolute_uri(f"{event.url}rsvp/{token}/"),
            "size_form": size_form,
            "message": message,
            "statuses": RsvpStatus,
        }
    )
    return _private(TemplateResponse(request, "events/rsvp_manage.html", context))


# -- listings ----------------------------------------------------------------


def event_listing(index: EventIndexPage, request: HttpRequest, past: bool) -> HttpResponse:
    event_filter = EventFilter(request.GET, index.events())
    chosen = event_filter.qs.past() if past else event_filter.qs.upcoming()
    paginator = CountedPaginator(chosen.for_listing(), index.page_size)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        raise Http404(_("There is no such page of events.")) from None
    return index.render(
        request,
        template="events/event_index_page.html",
        context_overrides={
            "filter": event_filter.form,
            "events": page,
            "paginator": paginator,
            "past": past,
            "days_of_action": DayOfActionPage.objects.child_of(index)
            .live()
            .public()
            .filter(date__gte=timezone.localdate())
            .order_by("date"),
        },
    )


def event_month(index: EventIndexPage, request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise Http404(_("There is no such month."))
    events = list(index.events().in_month(year, month).order_by("starts_at").for_listing())
    weeks = []
    for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == month,
                    "events": [e for e in events if e.start_date <= day <= e.last_day],
                }
                for day in week
            ]
        )
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return index.render(
        request,
        template="events/event_month.html",
        context_overrides={
            "month": first,
            "weeks": weeks,
            "events": events,
            "previous": previous,
            "following": following,
            "weekdays": [dt.date(2024, 1, day) for day in range(1, 8)],  # a Monday first
        },
    )


def calendar_feed(
    index: EventIndexPage,
    request: HttpRequest,
    region_slug: str | None = None,
    organizer_slug: str | None = None,
) -> HttpResponse:
    """A subscribable calendar: cancelled events stay in it, marked CANCELLED."""
    events = index.events()
    name = index.title
    if region_slug:
        region = get_object_or_404(Region.objects.originals(), slug=region_slug)
        events = events.in_region(region)
        name = f"{index.title}: {in_reader_language([region])[0].name}"
    if organizer_slug:
        organizer = (
            None
            if organizer_slug == "secretariat"
            else get_object_or_404(MemberOrganization.objects.listed(), slug=organizer_slug)
        )
        events = events.by_organizer(organizer)
        name = f"{index.title}: {organizer or _('Secretariat')}"
    since = timezone.now() - dt.timedelta(days=FEED_HORIZON_DAYS)
    events = events.filter(ends_at__gte=since).order_by("starts_at").for_listing()
    cal = calendars.calendar(events, request, name=name)
    return calendars.calendar_response(cal, name, attachment=False)


def event_flyer(event: EventPage, request: HttpRequest) -> HttpResponse:
    """The event as a one-page flyer to print, in the event's own language and direction."""
    with translation.override(event.locale.language_code):
        url = site_url(request, event.url)
        context = {
            "page": event,
            "event_url": url,
            "paper": flyer.paper_size(request.GET.get("paper")),
            "qr": flyer.qr_svg(url, _("QR code of the event's address: %(url)s") % {"url": url}),
        }
        response = TemplateResponse(request, "events/event_flyer.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response.render()


# -- days of action ------------------------------------------------------------


def day_of_action_serve(day: DayOfActionPage, request: HttpRequest) -> HttpResponse:
    actions = list(day.local_actions().order_by("starts_at").for_listing())
    context = day.get_context(request)
    context.update(
        {
            "accepting_proposals": day.accepting_proposals(),
            "actions": actions,
            "regions": actions_by_region(actions),
            "countries_count": len({a.country.code for a in actions if a.country}),
            "world": actions_map(actions),
            "map_tiles": map_tiles(actions),
        }
    )
    return TemplateResponse(request, day.get_template(request), context)


def local_action_proposal(day: DayOfActionPage, request: HttpRequest) -> HttpResponse:
    """The form to propose a local action for a day of action, and its answer."""
    if not day.accepting_proposals():
        raise Http404(_("This day of action no longer takes proposals."))
    context = day.get_context(request)
    if request.method == "POST":
        form = LocalActionForm(request.POST, day=day.date, request=request)
        if form.is_valid():
            if not form.is_spam:
                local_action_propose(day, form.cleaned_data)
            return TemplateResponse(request, "events/local_action_received.html", context)
    else:
        form = LocalActionForm(day=day.date)
    context["form"] = form
    status = 400 if form.errors else 200
    return TemplateResponse(request, "events/local_action_propose.html", context, status=status)


@login_required
def member_event_proposal(request: HttpRequest) -> HttpResponse:
    """A member organization's representative proposes an event for the shared calendar,
    from the member area; an editor approves it like any local action."""
    organization = represented_organization(request.user)
    if organization is None:
        raise PermissionDenied
    index = localized_first(EventIndexPage.objects.live())
    if index is None:
        raise Http404(_("The site has no events calendar yet."))
    if request.method == "POST":
        data = request.POST.copy()
        data["organization"] = organization.name  # never another organization's name
        form = LocalActionForm(data, request=request)
        if form.is_valid():
            if not form.is_spam:
                local_action_propose(index, form.cleaned_data, organizer=organization)
            messages.success(
                request,
                _("Your event is sent. It appears on the calendar once an editor approves it."),
            )
            return redirect("member_account")
    else:
        form = LocalActionForm(
            initial={
                "organization": organization.name,
                "proposer_name": request.user.get_full_name() or request.user.get_username(),
                "proposer_email": request.user.email or organization.contact_email,
                "city": organization.city,
                "country": organization.country.code if organization.country else "",
            }
        )
    return TemplateResponse(
        request,
        "events/member_propose.html",
        {"organization": organization, "form": form},
        status=400 if form.errors else 200,
    )


# -- calendar addresses ----------------------------------------------------------


def calendar_dispatch(request: HttpRequest, page_path: str) -> HttpResponse:
    """Serve ``<page>/calendar.ics`` and the index's region and organizer calendars.

    Wagtail's page router only matches addresses ending in a slash, so the
    ``.ics`` addresses come here and are routed to their page the same way,
    live and public pages only.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    feed_kind = feed_slug = None
    if len(components) >= 2 and components[-2] in ("regions", "organizers"):
        feed_kind, feed_slug = components[-2], components[-1]
        components = components[:-2]
    result = site.root_page.localized.specific.route(request, components)
    page = result.page.specific if hasattr(result, "page") else result[0].specific
    if not page.live or page.get_view_restrictions().exists():
        raise Http404
    # Routed here, not by Wagtail: the stored copy shows this page (core.pagecache.tags).
    depends_on(request, page)
    if isinstance(page, EventPage) and feed_kind is None:
        return event_calendar_file(page, request)
    if isinstance(page, EventIndexPage):
        if feed_kind == "regions":
            return calendar_feed(page, request, region_slug=feed_slug)
        if feed_kind == "organizers":
            return calendar_feed(page, request, organizer_slug=feed_slug)
        return calendar_feed(page, request)
    raise Http404
