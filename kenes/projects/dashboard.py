"""What the projects put on the dashboard: the latest portfolio statement for each status."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kenes.projects import services
from kenes.projects.charts import short_amount, status_label
from kenes.web.dashboard import Panel, PanelItem, register_panel


def _line(statement) -> str:
    """ "12 implemented · 156 million USD (2024-08)" """
    head = status_label(statement.status).lower()
    if statement.project_count is not None:
        head = f"{statement.project_count} {head}"
    if statement.total_value is not None:
        qualifier = f"{statement.get_qualifier_display()} " if statement.qualifier else ""
        head = f"{head} · {qualifier}{short_amount(statement.total_value)} {statement.currency}"
    return f"{head} ({statement.stated_on})"


@register_panel
def portfolio(request):
    latest = services.latest_statements(request.user)
    if not latest:
        return None
    return Panel(title=_("Projects portfolio"),
                 items=[PanelItem(_line(statement), None, statement.get_absolute_url())
                        for statement in latest],
                 link=reverse("projects:portfolio"), link_text=_("Portfolio totals over time"), order=30)
