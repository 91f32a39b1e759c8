"""The demo: reference data, the directory's facts and one account per role.

Idempotent: running it again updates the same records (matched by their
English name) instead of adding copies, so ``kenes demo`` can start any time.
All writes go through the services, like any other change.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from kenes.accounts.models import User
from kenes.accounts.services import sync_admin_access
from kenes.core.models import Topic
from kenes.directory import services
from kenes.directory.models import Membership, Organization, Party, Person

DATA = Path(__file__).parent / "demo_data"


@dataclass
class DemoAccount:
    username: str
    password: str
    description: str


ACCOUNTS = [
    ("kz-secretariat", "Secretariat (Kazakhstan side): sees and edits everything", User.Role.SECRETARIAT, "KZ"),
    ("uz-secretariat", "Secretariat (Uzbekistan side): sees and edits everything", User.Role.SECRETARIAT, "UZ"),
    ("member", "Council member (Yerkin Tukumov): sees public and internal records", User.Role.MEMBER, "KZ"),
    ("reader", "No council role: sees public records only", User.Role.READER, None),
]


def _system_user() -> User:
    """The author of demo records in their history."""
    user = User.objects.filter(username="demo-loader").first()
    if user is None:
        user = User(username="demo-loader", role=User.Role.SECRETARIAT, first_name="Demo data")
        # Nobody can sign in as it: it only signs the demo records' history.
        user.set_unusable_password()
        user.save()
    return user


@transaction.atomic
def load_directory(actor=None) -> None:
    data = json.loads((DATA / "directory.json").read_text(encoding="utf-8"))
    _load_directory(actor or _system_user(), data)


def _load_directory(actor, data: dict) -> None:
    for party in data["parties"]:
        services.upsert_party(actor, party["code"], **{k: v for k, v in party.items() if k != "code"})
    parties = {p.code: p for p in Party.objects.all()}
    orgs: dict[str, Organization] = {}
    for item in data["organizations"]:
        fields = {k: v for k, v in item.items() if k not in {"key", "parent", "party"}}
        fields["party"] = parties.get(item.get("party"))
        fields["parent"] = orgs.get(item.get("parent"))
        existing = Organization.objects.filter(name_en=item["name_en"]).first()
        if existing:
            orgs[item["key"]] = services.update_organization(actor, existing, reason="Demo data", **fields)
        else:
            orgs[item["key"]] = services.create_organization(actor, reason="Demo data", **fields)
    topics = {t.code: t for t in Topic.objects.all()}
    for item in data["people"]:
        fields = {k: v for k, v in item.items() if k not in {"key", "party", "aliases", "roles", "expertise"}}
        fields["party"] = parties.get(item.get("party"))
        expertise = [topics[code] for code in item.get("expertise", [])]
        person = Person.objects.filter(name_en=item["name_en"]).first()
        if person:
            person = services.update_person(actor, person, aliases=item.get("aliases", []), expertise=expertise,
                                            reason="Demo data", **fields)
        else:
            person = services.create_person(actor, aliases=item.get("aliases", []), expertise=expertise,
                                            reason="Demo data", **fields)
        for role in item.get("roles", []):
            role_fields = dict(role)
            role_fields["organization"] = orgs.get(role_fields.pop("organization", None))
            role_fields["on_behalf_of"] = parties.get(role_fields.pop("on_behalf_of", None))
            if not Membership.objects.filter(person=person, title_en=role_fields["title_en"],
                                             organization=role_fields["organization"]).exists():
                services.add_membership(actor, person, reason="Demo data", **role_fields)


def ensure_accounts() -> list[DemoAccount]:
    """One account per role, each with a fresh password printed at start."""
    accounts = []
    parties = {p.code: p for p in Party.objects.all()}
    for username, description, role, party in ACCOUNTS:
        password = secrets.token_urlsafe(9)
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role, user.party, user.is_active = role, parties.get(party), True
        if role == User.Role.MEMBER:
            # The member account is the directory's council member, so its dashboard shows his roles.
            user.person = Person.objects.filter(name_en="Yerkin Tukumov").first()
        user.set_password(password)
        user.save()
        sync_admin_access(user)
        accounts.append(DemoAccount(username, password, description))
    return accounts


def load_demo() -> list[DemoAccount]:
    load_directory()
    return ensure_accounts()
