"""Which known project a project mention may be: names alike once folded across scripts.

Only named projects are matched; a count of projects ("12 joint projects worth $156 million") is a
statement about the portfolio and has no project to be.
"""

from __future__ import annotations

from kenes.documents.resolution import register, register_many
from kenes.documents.resolution.similar import similar_records, similar_records_many
from kenes.projects.models import Project


@register("project")
def find_projects(mention) -> list[tuple]:
    name = (mention.values or {}).get("name")
    return similar_records(Project, str(name), what="name") if name else []


@register_many("project")
def find_many_projects(mentions) -> dict:
    named = {mention.pk: str(mention.values["name"]) for mention in mentions if (mention.values or {}).get("name")}
    found = similar_records_many(Project, named, what="name") if named else {}
    return {mention.pk: found.get(mention.pk, []) for mention in mentions}
