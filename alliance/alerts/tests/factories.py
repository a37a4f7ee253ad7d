import datetime as dt

import factory
from django.utils import timezone

from alliance.alerts import tokens
from alliance.alerts.models import Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"reader{n}@example.net")
    language = "en"
    link_salt = factory.LazyFunction(tokens.new_salt)
    token_hash = factory.LazyAttribute(
        lambda o: tokens.fingerprint(tokens.manage_token(o.link_salt))
    )
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    class Meta:
        model = Subscriber
