import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from alliance.events import models


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"

    class Meta:
        model = models.EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Event number {n}")
    kind = models.EventKind.INFO_SESSION
    summary = "An evening to learn and organize."
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    start_time = dt.time(19, 0)
    end_time = dt.time(21, 0)
    time_zone = "America/New_York"
    venue_name = "San Damiano Hall"
    city = "New York"
    country = "US"

    class Meta:
        model = models.EventPage


class DayOfActionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Day of action {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=20))
    summary = "Everyone acts on the same day."
    demands = factory.LazyFunction(lambda: [("paragraph", "<p>End forced migration.</p>")])

    class Meta:
        model = models.DayOfActionPage
