from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "alliance.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")
