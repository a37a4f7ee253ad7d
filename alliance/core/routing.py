"""Finding the site and the page a reader's address names, with few queries.

Wagtail finds the site with one query on every request, then walks the tree
from the home page: the reader's language, then for each level of the address
the child page and its type, two queries a level; a statement three levels down
costs six queries before anything is rendered (bench/README.md, "Where an
uncached statement spends its time"). Both answers are the same for every
request until something changes, so:

- the site of a host is kept in each process's memory, for as long as the
  site's generation (``generation.read``) lasts: saving a site or a locale
  starts a new one (``pagecache.invalidation``);
- where an address led (the page, its type, the part of the address left to
  the page's own routes) is kept in the ``template_fragments`` cache under the
  content generation (``kept.request_generation``), which every publish renews:
  a page published, unpublished, moved or renamed is routed the long way again.

The page is then read in one query (with what its model names in
``routed_with``: a lead image, say) and asked to route the rest of the address
itself (``Page.route``), so a page's own rules still apply: it must be live, a
routable page resolves its sub-addresses. Everything after routing is Wagtail's
as before: view restrictions (``before_serve_page``), then ``serve``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from alliance.core.kept import ALIAS, SECONDS, in_process, request_generation


def site_for_request(request: HttpRequest) -> Site | None:
    """The site answering this request, as ``Site.find_for_request`` finds it, without a query."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    # As Wagtail does: the raw host (ALLOWED_HOSTS is Django's to check) and the port.
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    # Each request gets its own copy: Wagtail keeps per-request answers on the
    # site's root page (its specific page, say), which must not outlive the request.
    request._wagtail_site = in_process(
        request, "site", key, lambda: Site._find_for_request(request)
    )
    return request._wagtail_site


def _route_key(site: Site, path: str, request: HttpRequest) -> str:
    language = translation.get_language() or ""
    return f"route:{site.pk}:{language}:{path}:{request_generation(request)}"


def _remaining(site: Site, page: Page, path: str) -> list[str] | None:
    """The part of ``path`` below ``page``, or None when the page is not where the path leads."""
    root = site.root_page.localized
    if not page.url_path.startswith(root.url_path):
        return None
    own = [part for part in page.url_path[len(root.url_path) :].split("/") if part]
    components = [part for part in path.split("/") if part]
    if components[: len(own)] != own:
        return None
    return components[len(own) :]


def route(request: HttpRequest, path: str) -> None:
    """Route ``path`` for Wagtail's ``serve``, leaving the answer where Wagtail looks for it."""
    site = site_for_request(request)
    if site is None or hasattr(request, "_wagtail_route_for_request"):
        return
    store = caches[ALIAS]
    key = _route_key(site, path, request)
    entry = store.get(key)
    if entry is not None:
        page_id, content_type_id, remaining = entry
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = (
            model.objects.select_related(*getattr(model, "routed_with", ()))
            .filter(pk=page_id)
            .first()
            if model is not None
            else None
        )
        if page is not None:
            try:
                request._wagtail_route_for_request = page.route(request, remaining)
            except Http404:
                request._wagtail_route_for_request = None
            return
    result = Page.route_for_request(request, path)
    if result is None:
        return
    page = result[0]
    remaining = _remaining(site, page, path)
    if remaining is not None:
        store.set(key, (page.pk, page.content_type_id, remaining), SECONDS)


class RoutingMiddleware:
    """Routes the requests Wagtail serves (see the module's docstring); after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        site_for_request(request)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            route(request, path)
        return None
