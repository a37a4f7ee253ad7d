from django import template
from django.utils import timezone

from alliance.core.languages import active_locale, localized_first
from alliance.core.structured_data import as_script
from alliance.events import structured_data
from alliance.events.models import DayOfActionPage, EventIndexPage, EventPage
from alliance.events.models.examples import examples_last

register = template.Library()


@register.inclusion_tag("events/tags/upcoming_events.html", takes_context=True)
def upcoming_events(context, count: int = 4) -> dict:
    events = EventPage.objects.published().upcoming()
    # Events in the reader's language; else every event, rather than claiming there are none.
    in_language = events.filter(locale=active_locale())
    if in_language.exists():
        events = in_language
    return {
        "request": context.get("request"),
        "events": list(events.for_listing()[:count]),
        "index": localized_first(EventIndexPage.objects.live()),
    }


@register.simple_tag
def home_events(count: int = 3) -> dict:
    """What the home page announces: the next day of action, and the coming events, real
    ones before the examples (the local actions of a day of action marked as an example)."""
    locale = active_locale()
    days = DayOfActionPage.objects.live().public().filter(date__gte=timezone.localdate())
    day = days.filter(locale=locale).order_by("is_example", "date").first()
    events = EventPage.objects.published().upcoming()
    in_language = events.filter(locale=locale)
    if in_language.exists():
        events = in_language
    return {
        "day_of_action": day or days.order_by("is_example", "date").first(),
        "events": list(examples_last(events).for_listing()[:count]),
        "index": localized_first(EventIndexPage.objects.live()),
    }


@register.simple_tag(takes_context=True)
def event_calendars(context) -> list[dict]:
    """The site-wide calendar feed, for autodiscovery links in every page's head."""
    index = localized_first(EventIndexPage.objects.live())
    if index is None:
        return []
    return [{"href": f"{index.get_url(context.get('request'))}calendar.ics"}]


@register.simple_tag(takes_context=True)
def event_jsonld(context, event: EventPage) -> str:
    return as_script(structured_data.event(event, context["request"]))


@register.filter
def in_zone(value, zone):
    """A datetime shown in the given zone."""
    return timezone.localtime(value, zone)
