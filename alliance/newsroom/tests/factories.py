import datetime as dt

import factory
import wagtail_factories

from alliance.newsroom import models


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = models.Topic


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Chairperson"

    class Meta:
        model = models.Person


class StatementIndexPageFactory(wagtail_factories.PageFactory):
    title = "Statements"
    intro = "What the alliance says."

    class Meta:
        model = models.StatementIndexPage


class StatementPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Statement number {n}")
    kind = models.StatementKind.STATEMENT
    date = factory.Sequence(lambda n: dt.date(2020, 1, 1) + dt.timedelta(days=n))
    summary = "A short summary of the statement."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>The alliance calls for justice for migrants.</p>")]
    )

    class Meta:
        model = models.StatementPage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)
            self.save()
