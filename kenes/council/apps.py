from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """The council's meetings (first part: composition, agenda, decisions and minutes follow in issue 9)."""

    name = "kenes.council"
    label = "council"
    verbose_name = _("Council")
