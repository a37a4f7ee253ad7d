from django.urls import path

from . import views

urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="federation_webfinger"),
    path(".well-known/nodeinfo", views.nodeinfo_links, name="federation_nodeinfo_links"),
    path("nodeinfo/2.1", views.nodeinfo, name="federation_nodeinfo"),
    path("ap/actor", views.actor_view, name="federation_actor"),
    path("ap/inbox", views.inbox_view, name="federation_inbox"),
    path("ap/shared-inbox", views.inbox_view, name="federation_shared_inbox"),
    path("ap/outbox", views.outbox, name="federation_outbox"),
    path("ap/followers", views.followers, name="federation_followers"),
    path("ap/objects/<uuid:translation_key>", views.object_view, name="federation_object"),
    path("ap/activities/<uuid:activity_uuid>", views.activity_view, name="federation_activity"),
]
