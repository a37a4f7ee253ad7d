"""The alerts' addresses, included under /<lang>/alerts/ by the project's urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.subscribe, name="alerts_subscribe"),
    path("start/", views.subscribe_start, name="alerts_subscribe_start"),
    path("thanks/", views.subscribe_sent, name="alerts_subscribe_sent"),
    path("confirm/<str:token>/", views.confirm, name="alerts_confirm"),
    path("manage/<str:token>/", views.manage, name="alerts_manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="alerts_unsubscribe"),
]
