"""The directory as Popolo JSON and the measures as JSON Lines: the two open-data files not made of list columns.

Popolo (https://www.popoloproject.com/specs/): ``persons``, ``organizations``, ``memberships`` and
``posts``. The parties (Kazakhstan, Uzbekistan) are organisations classified ``party``, so a
membership's ``on_behalf_of_id`` can name one. Posts are the distinct roles held in a public
organisation (its title in the membership); a membership names its post. Only public records, and a
public membership of a hidden person is left out, its hidden organisation unnamed.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.utils.text import slugify

from kenes.core.translation import CONTENT_LANGUAGES
from kenes.core.visibility import visible_related
from kenes.portal.registry import PUBLIC

LICENSE = ""


def directory_installed() -> bool:
    return apps.is_installed("kenes.directory")


def inventory_installed() -> bool:
    return apps.is_installed("kenes.inventory")


def popolo_models() -> list:
    from kenes.directory.models import Membership, Organization, Person

    return [Person, Organization, Membership]


def measure_models() -> list:
    from kenes.inventory.models import Measure, StatusChange

    return [Measure, StatusChange]


def _absolute(path: str) -> str:
    from kenes.portal.opendata import _absolute as absolute

    return absolute(path)


def _names(record, field: str = "name") -> tuple[str, list[dict]]:
    """The English name (else the first given) and the others as Popolo other_names with their language."""
    given = [(code, getattr(record, f"{field}_{code}", "")) for code in CONTENT_LANGUAGES]
    given = [(code, value) for code, value in given if value]
    if not given:
        return "", []
    main = given[0][1]
    return main, [{"name": value, "note": code} for code, value in given[1:] if value != main]


def _person(person) -> dict:
    name, other_names = _names(person)
    data = {"id": f"person-{person.pk}", "name": name, "other_names": other_names,
            "links": [{"url": _absolute(person.get_absolute_url()), "note": "page"}]}
    data["other_names"] += [{"name": alias.name, "note": alias.language or "alias"} for alias in person.aliases.all()]
    if person.party_id:
        data["national_identity"] = person.party.code
    if biography := person.biography_en or person.biography:
        data["biography"] = str(biography)
    return data


def _organization(organization) -> dict:
    name, other_names = _names(organization)
    data = {"id": f"organization-{organization.pk}", "name": name, "other_names": other_names,
            "classification": organization.kind,
            "links": [{"url": _absolute(organization.get_absolute_url()), "note": "page"}]}
    if organization.acronym:
        data["other_names"].append({"name": organization.acronym, "note": "acronym"})
    if parent := visible_related(organization.parent, PUBLIC):
        data["parent_id"] = f"organization-{parent.pk}"
    if organization.founded:
        data["founding_date"] = organization.founded
    if organization.party_id:
        data["area_id"] = organization.party.code
    return data


def _party(party) -> dict:
    name, other_names = _names(party)
    return {"id": f"party-{party.code}", "name": name or party.code, "other_names": other_names,
            "classification": "party", "identifiers": [{"identifier": party.code, "scheme": "kenes-party"}]}


def _post_id(organization_id: int, title: str) -> str:
    return f"post-{organization_id}-{slugify(title)[:60] or 'role'}"


def popolo() -> dict:
    from kenes.directory.models import Membership, Organization, Party, Person

    persons = Person.objects.visible_to(PUBLIC).select_related("party").prefetch_related("aliases").order_by("pk")
    organizations = (Organization.objects.visible_to(PUBLIC).select_related("party", "parent").order_by("pk"))
    memberships = (Membership.objects.visible_to(PUBLIC).filter(person__in=persons.values("pk"))
                   .select_related("organization", "on_behalf_of").order_by("pk"))
    posts, membership_rows = {}, []
    for membership in memberships:
        title = membership.title_en or membership.title
        row = {"id": f"membership-{membership.pk}", "person_id": f"person-{membership.person_id}", "role": str(title)}
        if organization := visible_related(membership.organization, PUBLIC):
            row["organization_id"] = f"organization-{organization.pk}"
            post_id = _post_id(organization.pk, str(title))
            posts.setdefault(post_id, {"id": post_id, "label": str(title), "role": str(title),
                                       "organization_id": row["organization_id"]})
            row["post_id"] = post_id
        if membership.on_behalf_of_id:
            row["on_behalf_of_id"] = f"party-{membership.on_behalf_of.code}"
        if membership.start_date:
            row["start_date"] = membership.start_date
        if membership.end_date:
            row["end_date"] = membership.end_date
        membership_rows.append(row)
    return {
        "persons": [_person(person) for person in persons],
        "organizations": [_party(party) for party in Party.objects.all()]
        + [_organization(organization) for organization in organizations],
        "memberships": membership_rows,
        "posts": list(posts.values()),
    }


def write_popolo(path: Path, generated: str) -> None:
    data = {"license": LICENSE, "generated": generated, **popolo()}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _measure_line(measure) -> dict:
    return {
        "type": "measure",
        "id": measure.pk,
        "url": _absolute(measure.get_absolute_url()),
        "title": {code: getattr(measure, f"title_{code}") for code in CONTENT_LANGUAGES
                  if getattr(measure, f"title_{code}")},
        "status": measure.status.code if measure.status_id else None,
        "kind": measure.kind,
        "level": measure.level,
        "topics": [topic.code for topic in measure.topics.all()],
        "first_proposed_on": measure.first_proposed_on or None,
        "progress": str(measure.progress),  # Decimal travels as a string
        "sides": [{"party": row.party.code, "status": row.status.code} for row in measure.party_statuses.all()],
        "status_history": [
            {"changed_at": change.changed_at.isoformat(), "party": change.party.code if change.party_id else None,
             "from": change.from_status.code if change.from_status_id else None, "to": change.to_status.code,
             "reason": change.reason}
            for change in sorted(measure.status_changes.all(), key=lambda change: (change.changed_at, change.pk))],
        "updated_at": measure.updated_at.isoformat(),
    }


def write_measures_jsonl(path: Path, generated: str) -> None:
    from kenes.inventory.models import Measure

    measures = (Measure.objects.visible_to(PUBLIC).select_related("status")
                .prefetch_related("topics", "party_statuses__party", "party_statuses__status",
                                  "status_changes__party", "status_changes__from_status", "status_changes__to_status")
                .order_by("pk"))
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"type": "metadata", "license": LICENSE, "generated": generated,
                              "description": "Kenes public measures with their status history"}) + "\n")
        for measure in measures.iterator(chunk_size=2000):
            out.write(json.dumps(_measure_line(measure), ensure_ascii=False) + "\n")
