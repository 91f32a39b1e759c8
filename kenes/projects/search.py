"""What the projects make searchable: projects, by name and description in every language (see kenes/search/registry.py).

Portfolio statements are read on the portfolio page, beside each other; a statement alone in
search results would say little.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.projects.models import Project
from kenes.search import registry

registry.register(
    Project, kind=_("Projects"),
    title=lambda project: registry.translations(project, "name"),
    body=lambda project: [*registry.translations(project, "description"), project.location],
    date=lambda project: project.start_date or None,
    parties=lambda project: [party.code for party in project.parties.all()],
    queryset=lambda: Project._base_manager.prefetch_related("parties"),
)
