"""Which known project a project mention may be: names alike once folded across scripts.

Only named projects are matched; a count of projects ("12 joint projects worth $156 million") is a
statement about the portfolio and has no project to be.
"""

from __future__ import annotations

from django.db.models import Q
from rapidfuzz import fuzz

from kenes.documents.resolution import register
from kenes.extraction.translit import fold
from kenes.projects.models import Project

THRESHOLD = 0.7


@register("project")
def find_projects(mention) -> list[tuple]:
    values = mention.values or {}
    if not values.get("name"):
        return []
    key = fold(str(values["name"]))
    words = sorted({word for word in key.split() if len(word) > 3}, key=len, reverse=True)[:3]
    if not words:
        return []
    sieve = Q()
    for word in words:
        sieve |= Q(search_key__contains=word[:8])
    found = []
    for project in Project.objects.live().filter(sieve)[:300]:
        score = max((fuzz.token_set_ratio(key, fold(name)) / 100 for name in project.names()), default=0)
        if score >= THRESHOLD:
            found.append((project, score * 0.95, f"name {round(score * 100)} % alike"))
    return found
