from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """The council: composition, expert pool, meetings with agenda, decisions and minutes, events, calendar."""

    name = "kenes.council"
    label = "council"
    verbose_name = _("Council")

    def ready(self):
        # Meetings that discussed or decided a measure show on its timeline: the council registers with the inventory.
        from kenes.council import services  # noqa: F401
