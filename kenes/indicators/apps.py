from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """Indicators, their observations per period and party, and targets (projections and charts: issue 10)."""

    name = "kenes.indicators"
    label = "indicators"
    verbose_name = _("Targets and indicators")
