from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """The joint projects portfolio: projects, and statements about the portfolio as a whole (issue 10)."""

    name = "kenes.projects"
    label = "projects"
    verbose_name = _("Projects")
