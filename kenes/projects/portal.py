"""What the public portal shows of the projects (``kenes.portal.registry``): a topic section by sector,
the sitemap, the projects as CSV/XLSX and as IATI-style activities."""

from __future__ import annotations

import json

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kenes.portal.registry import (
    PUBLIC,
    OpenDataFile,
    OpenDataTable,
    PublishedKind,
    TopicSection,
    register_file,
    register_published_kind,
    register_table,
    register_topic_section,
)
from kenes.projects import iati
from kenes.projects.lists import PROJECT_COLUMNS
from kenes.projects.models import PortfolioStatement, Project


def _projects(topic=None):
    records = Project.objects.visible_to(PUBLIC).select_related("sector")
    if topic is not None:
        records = records.filter(sector=topic)
    return records.order_by("-updated_at", "-pk")


def _write_iati(path, generated: str) -> None:
    # The public's activities (the portal reads as the anonymous public), with the licence left to the owners.
    data = {"license": "", "generated": generated, **iati.activities(PUBLIC)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


register_topic_section(TopicSection(
    "projects", _("Projects"), lambda topic: _projects(topic)[:20], order=25,
    detail=lambda project: project.get_status_display(),
    more_url=lambda topic: f"{reverse('projects:projects')}?sector={topic.code}"))
register_published_kind(PublishedKind(
    "projects", _("Projects"), _projects, published=lambda p: p.created_at, updated=lambda p: p.updated_at,
    summary=lambda p: p.description, in_feeds=False))
register_table(OpenDataTable(
    "projects", _("Projects"), _("Every public joint project: status, sector, parties, organisations, value."),
    lambda: Project.objects.visible_to(PUBLIC).select_related("sector").prefetch_related(
        "parties", "organizations").order_by("pk"),
    PROJECT_COLUMNS, model=Project, languages_of=("name",)))
register_file(OpenDataFile(
    "projects-iati.json", _("Projects as IATI activities"),
    _("The public projects in the shape of the IATI activity standard (status, participating organisations, "
      "budget, dates); see kenes/projects/iati.py for what is filled."),
    "json", "application/json", _write_iati, models=(Project, PortfolioStatement)))
