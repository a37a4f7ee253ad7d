import hashlib

from django import template
from django.utils.safestring import mark_safe

from alliance.core.kept import kept
from alliance.core.languages import active_locale, localized_first
from alliance.core.structured_data import as_script
from alliance.core.templatetags.alliance import share_image_url
from alliance.newsroom.models import StatementIndexPage, StatementPage
from alliance.newsroom.structured_data import first_image, news_article

register = template.Library()


CARD_TEMPLATE = "newsroom/includes/statement_card.html"


def _card_shows(statement: StatementPage) -> str:
    """What a statement's card shows that a publish can change, as one short string."""
    shown = (
        statement.title,
        statement.deck,
        statement.summary,
        statement.kind,
        statement.date.isoformat(),
        statement.url_path,
        statement.lead_image_id,
        statement.lead_image_alt,
    )
    return hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()


@register.simple_tag(takes_context=True)
def statement_card(context, statement: StatementPage, heading: str = "h3") -> str:
    """A statement's card (``CARD_TEMPLATE``), kept through publishes until the card changes.

    A listing shows ten and the home page several: rendering each (its image's
    sources, its address, its date in the reader's language) was a quarter of
    a listing's time (bench/README.md). The key names the fields the card shows;
    a site-wide change (images, a move, settings) ends every card.
    """

    def render() -> str:
        card = context.template.engine.get_template(CARD_TEMPLATE)
        with context.push(statement=statement, heading=heading):
            return card.render(context)

    html = kept(
        context.get("request"),
        "statement-card",
        statement.pk,
        heading,
        _card_shows(statement),
        compute=render,
        through_publishing=True,
    )
    return mark_safe(html)  # noqa: S308 (rendered by the card's template, which escapes)


@register.inclusion_tag("newsroom/tags/latest_statements.html", takes_context=True)
def latest_statements(context, count: int = 5) -> dict:
    locale = active_locale()
    statements = StatementPage.objects.published().filter(locale=locale)
    index = StatementIndexPage.objects.live().filter(locale=locale)
    return {
        "request": context.get("request"),
        "statements": list(statements.for_listing()[:count]),
        "index": index.first(),
    }


@register.simple_tag
def home_statements(count: int = 5) -> dict:
    """The latest statement to feature (with its lead image), the next ones, and the listing."""
    locale = active_locale()
    statements = list(
        StatementPage.objects.published()
        .filter(locale=locale)
        .for_listing()
        .select_related("lead_image")[: max(count, 1)]
    )
    index = StatementIndexPage.objects.live().filter(locale=locale).first()
    return {
        "featured": statements[0] if statements else None,
        "more": statements[1:],
        "index": index,
    }


@register.simple_tag(takes_context=True)
def statement_feeds(context) -> list[dict]:
    """The site-wide feeds, for autodiscovery links in every page's head."""
    request = context.get("request")
    index = localized_first(StatementIndexPage.objects.live())
    if index is None:
        return []
    base = index.get_url(request)
    return [
        {"type": "application/atom+xml", "href": f"{base}feed/", "format": "Atom"},
        {"type": "application/rss+xml", "href": f"{base}feed/rss/", "format": "RSS"},
    ]


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, statement: StatementPage) -> str:
    request = context["request"]
    return kept(
        request,
        "article-jsonld",
        statement.pk,
        compute=lambda: as_script(news_article(statement, request)),
    )


@register.simple_tag(takes_context=True)
def statement_share_image_url(context, statement: StatementPage) -> str:
    return kept(
        context["request"],
        "share-image",
        statement.pk,
        compute=lambda: share_image_url(context, first_image(statement)),
    )
