import factory
import wagtail_factories

from alliance.core import models


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    intro = "An alliance of grassroots organizations. It speaks for its members."

    class Meta:
        model = models.HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "A plain page."

    class Meta:
        model = models.StandardPage


class AboutPageFactory(wagtail_factories.PageFactory):
    title = "About"
    slug = "about"
    intro = "Who we are."

    class Meta:
        model = models.AboutPage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact"
    slug = "contact"
    intro = "Write to us."

    class Meta:
        model = models.ContactPage
