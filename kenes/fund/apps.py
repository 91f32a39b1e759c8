from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    """The joint fund: calls for proposals, applications, expert review, fair scores and selection.

    Its own app, above projects (directory ← inventory ← council ← indicators ← projects ← fund),
    because calls, applications, reviews and selection are a workflow of their own, with their
    own people (applicants, reviewers) and rules (deadlines, conflicts of interest, the budget);
    a grant only becomes a project at the very end, through the projects app's write path.
    Projects never import the fund.
    """

    name = "kenes.fund"
    label = "fund"
    verbose_name = _("Joint fund")

