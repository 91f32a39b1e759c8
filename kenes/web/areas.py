"""The areas of the platform, in navigation order, with what each holds.

Areas that are not built yet still have a page that says what will be there,
so a reader sees the whole shape of the product from the first day.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Area:
    slug: str
    title: str
    summary: str
    url_name: str | None = None  # None: not built yet, the placeholder page is shown


AREAS = [
    Area("directory", _("Directory"),
         _("Parties, organisations and people, with their roles over time."),
         "directory:organizations"),
    Area("council", _("Council"),
         _("The council's composition, the pool of experts, meetings with agenda, participants, "
           "decisions and minutes, and planned conferences and forums."),
         "council:meetings"),
    Area("inventory", _("Measures"),
         _("Every proposed measure for cooperation, traced from the document where it was first "
           "proposed, through later mentions, to its implementation."),
         "inventory:measures"),
    Area("workplan", _("Work plan"),
         _("Measures adopted into the council's work plan, the body responsible on each side, "
           "deadlines, progress with evidence, and what is overdue."),
         "workplan:plans"),
    Area("indicators", _("Targets"),
         _("Quantified goals such as $10 billion mutual trade, tracked against both sides' "
           "official statistics, with projections."),
         "indicators:indicators"),
    Area("projects", _("Projects"),
         _("The joint projects portfolio (implemented and in the pipeline) and the joint fund "
           "that selects promising projects."),
         "projects:projects"),
    # "Fund", not "Joint fund": the navigation has to fit one line at 1366 px in every language.
    Area("fund", pgettext_lazy("navigation: the joint fund", "Fund"),
         _("Calls for proposals, applications, expert review with conflicts of interest, and an "
           "optimal selection within the budget, balanced between the sides."),
         "fund:home"),
    Area("documents", _("Documents"),
         _("Press releases, minutes and agreements turned into reviewable records that point "
           "at the exact words they came from.")),
]

AREAS_BY_SLUG = {area.slug: area for area in AREAS}
