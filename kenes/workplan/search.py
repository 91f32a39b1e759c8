"""What the work plan makes searchable: the plans themselves (items are found through their measures)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.search import registry
from kenes.workplan.models import WorkPlan

registry.register(WorkPlan, kind=_("Work plans"), title=lambda plan: registry.translations(plan, "title"),
                  date=lambda plan: plan.period_start or None)
