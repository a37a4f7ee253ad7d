"""No broken internal link anywhere in the demo site: a crawler over the running server.

Starting at ``/`` and at every address of ``/sitemap.xml``, it follows every
same-origin ``<a href>`` of every page it reaches, in every language (the
language switcher leads to them), and the ``<link rel="canonical">`` and
``rel="alternate"`` addresses (translations, feeds, calendars) the pages
announce to search engines and feed readers. Each address is fetched once, and
at most ``MAX_PAGES`` pages are read. Every image, stylesheet, icon and script
those pages use is fetched too and must answer 200.

Two kinds of address are endless or nearly so, and are sampled rather than
walked: a listing's filter combinations (the same page with other criteria;
``QUERIES_PER_PATH`` of each), and the month calendar, whose "next month" link
goes on for ever (``NUMBERED_PER_PATTERN`` months, other numbered addresses
alike). A broken link is reported with the page that links to it.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import Counter, deque
from html import unescape
from urllib.parse import urljoin, urlsplit, urlunsplit

MAX_PAGES = 600
QUERIES_PER_PATH = 4
NUMBERED_PER_PATTERN = 4
# The editors' admin is not public; signing out is an action, not a page.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/")
SKIPPED_PARTS = ("/account/logout/",)
REDIRECTS = (301, 302, 303, 307, 308)

ANCHOR = re.compile(r"<a\b[^>]*?\shref=\"([^\"]*)\"", re.I)
LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
ASSET_PATTERNS = (
    re.compile(r"<img\b[^>]*?\ssrc=\"([^\"]*)\"", re.I),
    re.compile(r"<script\b[^>]*?\ssrc=\"([^\"]*)\"", re.I),
    re.compile(r"<source\b[^>]*?\ssrc=\"([^\"]*)\"", re.I),
)
SRCSET = re.compile(r"<(?:img|source)\b[^>]*?\ssrcset=\"([^\"]*)\"", re.I)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by the crawler itself, so each hop is checked once."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str) -> tuple[int, str, str, str | None]:
    """(status, content type, body if HTML, redirect target)."""
    request = urllib.request.Request(url, headers={"Accept-Language": "en"})  # noqa: S310
    try:
        with OPENER.open(request, timeout=30) as response:
            content_type = response.headers.get("Content-Type", "")
            body = response.read()
            html = body.decode("utf-8", "replace") if content_type.startswith("text/html") else ""
            return response.status, content_type, html, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), "", error.headers.get("Location")


def same_origin(base: str, href: str, page_url: str) -> str | None:
    """The absolute address of a link on this site, without its fragment; None otherwise."""
    href = unescape(href.strip())
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:", "sms:")):
        return None
    parts = urlsplit(urljoin(page_url, href))
    if f"{parts.scheme}://{parts.netloc}" != base:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf"\s{name}=\"([^\"]*)\"", tag, re.I)
    return found.group(1) if found else None


def page_links(html: str) -> list[str]:
    """Addresses a reader or a machine is sent to: anchors, canonical and alternates."""
    found = ANCHOR.findall(html)
    for tag in LINK_TAG.findall(html):
        rel = (attribute(tag, "rel") or "").lower().split()
        if {"canonical", "alternate"} & set(rel) and attribute(tag, "href"):
            found.append(attribute(tag, "href"))
    return found


def page_assets(html: str) -> list[str]:
    """Files the page loads: images (every srcset candidate), stylesheets, icons, scripts."""
    found = [src for pattern in ASSET_PATTERNS for src in pattern.findall(html)]
    for srcset in SRCSET.findall(html):
        found += [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]
    for tag in LINK_TAG.findall(html):
        rel = set((attribute(tag, "rel") or "").lower().split())
        if rel & {"stylesheet", "icon", "apple-touch-icon", "manifest", "preload", "modulepreload"}:
            found.append(attribute(tag, "href") or "")
    return found


def numbered_pattern(path: str) -> str | None:
    """``/en/events/month/2026/11/`` → ``/en/events/month/#/#/``; None without numbers."""
    pattern = re.sub(r"(?<=/)\d+(?=/|$)", "#", path)
    return pattern if pattern != path else None


def test_no_internal_link_or_asset_is_broken(live_site):
    base = live_site.url
    status, _type, _html, _to = fetch(base + "/sitemap.xml")
    assert status == 200, f"/sitemap.xml answered {status}"
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=30) as response:  # noqa: S310
        sitemap = response.read().decode()
    listed = [unescape(loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert listed, "the sitemap lists no page"
    # The sitemap gives absolute addresses on the configured BASE_URL: the same server.
    start = ["/", *(urlsplit(loc).path for loc in listed)]

    queue = deque()
    linked_from: dict[str, str] = {}
    seen: set[str] = set()
    queries: Counter[str] = Counter()
    numbered: Counter[str] = Counter()
    assets: dict[str, str] = {}
    broken: list[str] = []
    pages = 0

    def enqueue(target: str, source: str) -> None:
        if target in seen or target in linked_from:
            return
        parts = urlsplit(target)
        if parts.path.startswith(SKIPPED_PREFIXES) or any(p in parts.path for p in SKIPPED_PARTS):
            return
        if parts.query:
            queries[parts.path] += 1
            if queries[parts.path] > QUERIES_PER_PATH:
                return
        pattern = numbered_pattern(parts.path)
        if pattern:
            numbered[pattern] += 1
            if numbered[pattern] > NUMBERED_PER_PATTERN:
                return
        linked_from[target] = source
        queue.append(target)

    for path in start:
        enqueue(base + path, "(start: / and /sitemap.xml)")
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        seen.add(url)
        status, _content_type, html, location = fetch(url)
        if status in REDIRECTS:
            assert location, f"{url} redirects without a Location"
            target = same_origin(base, location, url)
            if target:
                enqueue(target, f"{linked_from[url]}, through {url}")
            continue
        if status >= 400:
            broken.append(f"{status} {url}  (linked from {linked_from[url]})")
            continue
        if not html:
            continue  # a feed, a calendar, a document: it answered, nothing to follow
        pages += 1
        for href in page_links(html):
            target = same_origin(base, href, url)
            if target:
                enqueue(target, url)
        for src in page_assets(html):
            target = same_origin(base, src, url)
            if target:
                assets.setdefault(target, url)

    for asset, page in sorted(assets.items()):
        status, _type, _html, _to = fetch(asset)
        if status != 200:
            broken.append(f"{status} {asset}  (used by {page})")

    languages = {urlsplit(url).path.split("/")[1] for url in seen}
    assert pages >= 50, f"only {pages} pages reached: the crawler did not get far"
    assert {"en", "es", "ar"} <= languages, f"not every language was reached: {languages}"
    assert any(a.endswith(".css") for a in assets), "no stylesheet found"
    assert not broken, f"{len(broken)} broken of {len(seen)} addresses:\n" + "\n".join(broken)
