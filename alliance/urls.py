from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from alliance.accounts import views as accounts_views
from alliance.core import views as core_views
from alliance.events import views as events_views
from alliance.members import views as members_views

# Addresses without a language: the editors' admin, files, and what machines read.
urlpatterns = [
    # One sign-in page for everyone, the one that asks for the second factor.
    path("admin/login/", accounts_views.login_redirect),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    # The service worker sits at the root so that its scope is the whole site.
    path("sw.js", core_views.service_worker, name="service_worker"),
    path("share-card.png", core_views.share_card, name="share_card"),
    # The read API (docs/api.md): JSON in every language at once, so without a prefix.
    path("", include("alliance.api.urls")),
    # The fediverse (docs/federation.md): WebFinger, NodeInfo, the actor and its objects.
    path("", include("alliance.federation.urls")),
]

if settings.DEBUG:
    # In production the application server serves media (see the Makefile).
    urlpatterns += [
        path("media/<path:path>", serve_file, {"document_root": settings.MEDIA_ROOT}),
    ]

# Everything a reader sees carries its language: /en/..., /es/..., /ar/...
# A visit to "/" goes to the language the browser asks for (Accept-Language).
urlpatterns += i18n_patterns(
    path("search/", core_views.search, name="search"),
    path("share/<int:page_id>/", core_views.share_fediverse, name="share_fediverse"),
    path("offline/", core_views.offline, name="offline"),
    path("manifest.webmanifest", core_views.web_manifest, name="web_manifest"),
    path("alerts/", include("alliance.alerts.urls")),
    path("account/", members_views.account, name="member_account"),
    path("account/events/new/", events_views.member_event_proposal, name="member_propose_event"),
    path("account/login/", accounts_views.SignInView.as_view(), name="login"),
    path("account/two-factor/", accounts_views.two_factor_setup, name="two_factor_setup"),
    path(
        "account/password_reset/",
        accounts_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("account/", include("django.contrib.auth.urls")),
    path(
        "endorse/<int:statement_id>/member/",
        members_views.endorse_as_member,
        name="endorse_as_member",
    ),
    path("endorse/<int:statement_id>/", members_views.endorse_publicly, name="endorse_publicly"),
    path(
        "endorse/confirm/<str:token>/",
        members_views.endorsement_confirm,
        name="endorsement_confirm",
    ),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)calendar\.ics$",
        events_views.calendar_dispatch,
        name="calendar_ics",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "alliance.core.views.page_not_found"
