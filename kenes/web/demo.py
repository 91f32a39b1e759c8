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
from kenes.council import services as council_services
from kenes.directory import services
from kenes.directory.models import Membership, Organization, Party, Person
from kenes.inventory import services as inventory_services

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
    load_inventory()
    accounts = ensure_accounts()
    load_council()
    load_indicators()
    load_projects()
    load_fund()
    return accounts


@transaction.atomic
def load_inventory(actor=None) -> None:
    """The measures, agreements, work plan and assessments of the demo (facts of the seed reports)."""
    from kenes.inventory.models import Agreement, Assessment, Measure

    actor = actor or _system_user()
    data = json.loads((DATA / "inventory.json").read_text(encoding="utf-8"))
    parties = {p.code: p for p in Party.objects.all()}
    agreements = {}
    for item in data["agreements"]:
        fields = {k: v for k, v in item.items() if k != "key"}
        fields["parties"] = [parties[code] for code in item["parties"]]
        agreements[item["key"]] = (Agreement.objects.filter(title_en=item["title_en"]).first()
                                   or inventory_services.create_agreement(actor, reason="Demo data", **fields))
    measures = {item["key"]: _demo_measure(actor, item, parties, agreements) for item in data["measures"]}
    if not Measure.objects.filter(party_statuses__isnull=False).exists():
        for side in data["sides"]:
            inventory_services.set_party_status(actor, measures[side["measure"]], parties[side["party"]],
                                                side["status"], reason=side["reason"], evidence=side.get("evidence", ""))
    _demo_plan(actor, data["plan"], measures, parties)
    if not Assessment.objects.exists():
        for item in data["assessments"]:
            assessment = inventory_services.create_assessment(
                actor, measure=measures[item["measure"]], party=parties[item["party"]], period=item["period"],
                score=item["score"], justification_en=item["justification_en"], evidence=item["evidence"],
                reason="Demo data")
            inventory_services.move_assessment(actor, assessment, "reviewed")
            inventory_services.move_assessment(actor, assessment, "published")


def _demo_measure(actor, item, parties, agreements):
    from kenes.inventory.models import Measure

    existing = Measure.objects.filter(title_en=item["title_en"]).first()
    if existing:
        return existing
    fields = {k: v for k, v in item.items()
              if k not in {"key", "topics", "people", "organizations", "parties", "status", "agreement"}}
    measure = inventory_services.create_measure(
        actor, reason="Demo data", topics=list(Topic.objects.filter(code__in=item["topics"])),
        proposed_by_people=[p for key in item.get("people", []) if (p := _person(key))],
        proposed_by_organizations=[o for key in item.get("organizations", []) if (o := _organization(key))],
        proposed_by_parties=[parties[code] for code in item.get("parties", [])],
        agreement=agreements.get(item.get("agreement")), **fields)
    for status in item["status"]:
        measure = inventory_services.transition(actor, measure, status, reason="Demo data")
    return measure


def _person(key: str):
    names = {p["key"]: p["name_en"] for p in json.loads((DATA / "directory.json").read_text(encoding="utf-8"))["people"]}
    return Person.objects.live().filter(name_en=names.get(key, "")).first() if key else None


def _organization(key: str):
    data = json.loads((DATA / "directory.json").read_text(encoding="utf-8"))
    names = {o["key"]: o["name_en"] for o in data["organizations"]}
    return Organization.objects.live().filter(name_en=names.get(key, "")).first() if key else None


def _demo_plan(actor, data, measures, parties) -> None:
    import datetime

    from kenes.workplan import services as workplan_services
    from kenes.workplan.models import WorkPlan

    if WorkPlan.objects.filter(title_en=data["title_en"]).exists():
        return
    fields = {k: v for k, v in data.items() if k not in {"items", "body"}}
    plan = workplan_services.create_plan(actor, body=_organization(data["body"]), reason="Demo data", **fields)
    for item in data["items"]:
        sides = [{"party": parties[code.upper()], "organization": _organization(item[code][0]),
                  "lead": _person(item[code][1])} for code in ("kz", "uz")]
        work_item = workplan_services.create_item(
            actor, plan=plan, measure=measures[item["measure"]], visibility=plan.visibility, responsibilities=sides,
            start=datetime.date.fromisoformat(item["start"]), due=datetime.date.fromisoformat(item["due"]),
            weight=item["weight"], reason="Demo data")
        for update in item["updates"]:
            workplan_services.post_update(actor, work_item, text=update["text"], percent=update["percent"],
                                          party=parties[update["party"]])


def _measure(key: str):
    from kenes.inventory.models import Measure

    titles = {m["key"]: m["title_en"] for m in json.loads((DATA / "inventory.json").read_text(encoding="utf-8"))["measures"]}
    return Measure.objects.live().filter(title_en=titles.get(key, "")).first()


def _local(value: str, zone: str):
    import datetime
    import zoneinfo

    return datetime.datetime.fromisoformat(value).replace(tzinfo=zoneinfo.ZoneInfo(zone)) if value else None


@transaction.atomic
def load_council(actor=None) -> None:
    """The council's meetings with agenda, speakers and decisions, its events, composition and expert pool."""
    from kenes.council.models import Event, ExpertProfile, Meeting, Term

    actor = actor or _system_user()
    data = json.loads((DATA / "council.json").read_text(encoding="utf-8"))
    body = _organization(data["terms"]["body"])
    for item in data["meetings"]:
        if not Meeting.objects.filter(title_en=item["title_en"]).exists():
            _demo_meeting(actor, item, body)
    for item in data["events"]:
        if not Event.objects.filter(title_en=item["title_en"]).exists():
            fields = {k: v for k, v in item.items() if k not in {"organizers", "measures"}}
            council_services.create_event(
                actor, organizers=[o for key in item["organizers"] if (o := _organization(key))],
                measures=[m for key in item["measures"] if (m := _measure(key))], reason="Demo data", **fields)
    parties = {p.code: p for p in Party.objects.all()}
    if body is not None and not Term.objects.filter(body=body).exists():
        import datetime

        start = datetime.date.fromisoformat(data["terms"]["start"])
        for key, party, position in data["terms"]["seats"]:
            if person := _person(key):
                council_services.create_term(actor, body=body, person=person, party=parties[party], position=position,
                                             start=start, visibility="public", reason="Demo data")
    for item in data["experts"]:
        person = _person(item["person"])
        if person is not None and not ExpertProfile.objects.filter(person=person).exists():
            from kenes.council import experts

            experts.create_expert(actor, person=person, languages=item["languages"],
                                  affiliation=_organization(item["affiliation"]), visibility="public",
                                  email=f"{item['person']}@example.org", reason="Demo data")


@transaction.atomic
def load_projects(actor=None) -> None:
    """The International Center for Industrial Cooperation "Central Asia" and the portfolio statements.

    A project is matched by its English name, a statement by its status and date: loading again adds nothing.
    """
    from kenes.inventory.models import Agreement
    from kenes.projects import services as project_services
    from kenes.projects.models import PortfolioStatement, Project

    actor = actor or _system_user()
    data = json.loads((DATA / "projects.json").read_text(encoding="utf-8"))
    parties = {p.code: p for p in Party.objects.all()}
    for item in data["projects"]:
        if Project.objects.filter(name_en=item["name_en"]).exists():
            continue
        fields = {k: v for k, v in item.items() if k not in {"parties", "organizations", "measures", "agreements",
                                                              "sector"}}
        roles = {o: role for key, role in item.get("organizations", []) if (o := _organization(key))}
        agreements = {a["key"]: a["title_en"] for a in json.loads((DATA / "inventory.json").read_text(
            encoding="utf-8"))["agreements"]}
        project_services.create_project(
            actor, sector=Topic.objects.filter(code=item.get("sector", "")).first(),
            parties=[parties[code] for code in item["parties"] if code in parties], organizations=list(roles),
            roles=roles, measures=[m for key in item.get("measures", []) if (m := _measure(key))],
            agreements=list(Agreement.objects.live().filter(
                title_en__in=[agreements.get(key, "") for key in item.get("agreements", [])])),
            reason="Demo data", **fields)
    for item in data["statements"]:
        if not PortfolioStatement.objects.filter(status=item["status"], stated_on=item["stated_on"]).exists():
            project_services.create_statement(actor, reason="Demo data", **item)


def _demo_meeting(actor, item, body) -> None:
    from kenes.workplan.models import WorkPlan

    zone = item.get("time_zone", "Asia/Almaty")
    fields = {k: v for k, v in item.items() if k in {"ordinal", "date", "status", "format", "place", "visibility",
                                                     "title_en", "title_ru", "summary_en"}}
    meeting = council_services.create_meeting(
        actor, body=body, time_zone=zone, starts_at=_local(item.get("starts_at", ""), zone),
        ends_at=_local(item.get("ends_at", ""), zone),
        organizers=[o for key in item["organizers"] if (o := _organization(key))], reason="Demo data", **fields)
    for key, role in item["participants"]:
        if person := _person(key):
            meeting = _fresh(meeting)
            council_services.set_role(actor, meeting, person, role, version=meeting.version)
    for entry in item["agenda"]:
        meeting = _fresh(meeting)
        agenda_item = council_services.add_agenda_item(
            actor, meeting, version=meeting.version, title_en=entry["title_en"], title_ru=entry.get("title_ru", ""),
            duration_minutes=entry.get("duration_minutes"),
            presenters=[p for key in entry.get("presenters", []) if (p := _person(key))],
            measures=[m for key in entry.get("measures", []) if (m := _measure(key))])
        speakers = [{"person": p, "summary_en": s["summary_en"]} for s in entry.get("speakers", [])
                    if (p := _person(s["person"]))]
        if speakers:
            meeting = _fresh(meeting)
            council_services.set_speakers(actor, agenda_item, speakers, version=meeting.version)
    for entry in item["decisions"]:
        meeting = _fresh(meeting)
        decision = council_services.add_decision(
            actor, meeting, version=meeting.version, kind=entry["kind"], text_en=entry["text_en"],
            text_ru=entry.get("text_ru", ""), owner=_person(entry.get("owner", "")),
            owner_organization=_organization(entry.get("owner_organization", "")),
            measure=_measure(entry.get("measure", "")), due=entry.get("due"))
        plan = WorkPlan.objects.live().filter(body=body).first()
        if entry.get("work_item") and plan is not None:
            meeting = _fresh(meeting)
            council_services.make_work_item(actor, decision, plan=plan, version=meeting.version)
    if minutes := item.get("minutes"):
        _demo_minutes(actor, _fresh(meeting), minutes)


def _fresh(record):
    return type(record).objects.get(pk=record.pk)


def _demo_minutes(actor, meeting, spec) -> None:
    """Minutes drafted, circulated, approved by both secretariats and published, as the workflow would."""
    import datetime

    from django.utils import timezone

    minutes = council_services.draft_minutes(actor, meeting, language=spec["language"])
    minutes = council_services.circulate(actor, minutes, deadline=timezone.now() + datetime.timedelta(days=7),
                                         version=minutes.version)
    if not spec.get("published"):
        return
    for user in User.objects.filter(role=User.Role.SECRETARIAT, is_active=True, party__isnull=False) \
            .order_by("party__code").distinct():
        if minutes.state == minutes.State.CIRCULATED and user.party_id not in \
                set(minutes.approvals.values_list("party_id", flat=True)):
            minutes = council_services.approve(user, minutes, version=minutes.version)
    if minutes.state == minutes.State.APPROVED:
        council_services.publish(actor, minutes, version=minutes.version)


@transaction.atomic
def load_indicators(actor=None) -> None:
    """Mutual trade turnover as each side reported it, the $10 billion target and the $5 billion one before it."""
    import csv

    from kenes.indicators import services as indicator_services
    from kenes.indicators.models import Indicator, Observation, Target

    actor = actor or _system_user()
    data = json.loads((DATA / "indicators.json").read_text(encoding="utf-8"))
    fields = data["indicator"]
    indicator = (Indicator.objects.live().filter(name_en=fields["name_en"]).first()
                 or indicator_services.create_indicator(actor, reason="Demo data", **fields))
    parties = {p.code: p for p in Party.objects.all()}
    targets = {}
    for item in sorted(data["targets"], key=lambda item: "superseded_by" in item):
        existing = Target.objects.live().filter(indicator=indicator, value=item["value"]).first()
        targets[item["key"]] = existing or indicator_services.create_target(
            actor, reason="Demo data", indicator=indicator,
            superseded_by=targets.get(item.get("superseded_by")),
            set_by_parties=[parties[code] for code in item.get("parties", [])],
            measures=[measure for key in item.get("measures", []) if (measure := _measure(key))],
            **{k: v for k, v in item.items() if k not in {"key", "parties", "measures", "superseded_by"}})
    if Observation.objects.filter(indicator=indicator).exists():
        return
    earlier: dict[tuple, Observation] = {}
    with (DATA / "trade_turnover.tsv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            key = (row["period"], row["reporter"])
            earlier[key] = indicator_services.create_observation(
                actor, reason="Demo data", indicator=indicator, period=row["period"], value=row["value_usd"],
                unit="USD", reporting_party=parties[row["reporter"]], source=row["note"][:1000],
                source_url=row["source_url"], revises=earlier.get(key), visibility="public")



# --- the joint fund -----------------------------------------------------------------------------

def load_fund(actor=None) -> None:
    """The joint fund, its pilot call with a dozen demo applications reviewed and decided, and an open call.

    Loaded once: a call already there (matched by its English title) is left as it is.
    """
    from kenes.fund.models import Call, Fund

    actor = actor or _system_user()
    data = json.loads((DATA / "fund.json").read_text(encoding="utf-8"))
    with transaction.atomic():
        fund = Fund.objects.live().filter(name_en=data["fund"]["name_en"]).first() or _demo_fund(actor, data["fund"])
        if not Call.objects.filter(title_en=data["call"]["title_en"]).exists():
            _demo_pilot_call(actor, fund, data)
        if not Call.objects.filter(title_en=data["open_call"]["title_en"]).exists():
            _demo_open_call(actor, fund, data["open_call"])


def _demo_fund(actor, spec):
    from decimal import Decimal

    from kenes.fund import services as fund_services

    fields = {k: v for k, v in spec.items() if k not in {"managing", "total_budget"}}
    return fund_services.create_fund(actor, total_budget=Decimal(spec["total_budget"]), visibility="public",
                                     managing_organizations=[o for key in spec["managing"] if (o := _organization(key))],
                                     reason="Demo data", **fields)


def _demo_open_call(actor, fund, spec) -> None:
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from kenes.fund import services as fund_services

    now = timezone.now().replace(second=0, microsecond=0)
    call = fund_services.create_call(
        actor, fund=fund, title_en=spec["title_en"], description_en=spec["description_en"],
        budget=Decimal(spec["budget"]), max_amount=Decimal(spec["max_amount"]), time_zone=spec["time_zone"],
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=spec["days_open"]),
        topics=list(Topic.objects.filter(code__in=spec["topics"])),
        allowed_lead_parties=list(Party.objects.filter(code__in=["KZ", "UZ"])), visibility="public",
        reason="Demo data")
    fund_services.create_criterion(actor, call=call, name_en="Relevance", weight=Decimal(1), scale_max=10,
                                   reason="Demo data")
    fund_services.set_call_state(actor, call, "open")


def _demo_pilot_call(actor, fund, data) -> None:
    """Applied for while open, then dated as it really ran, reviewed, selected and published."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from kenes.fund import services as fund_services

    spec = data["call"]
    call = fund_services.create_call(
        actor, fund=fund, title_en=spec["title_en"], title_ru=spec["title_ru"], description_en=spec["description_en"],
        budget=Decimal(spec["budget"]), max_amount=Decimal(spec["max_amount"]),
        minimum_score=Decimal(spec["minimum_score"]), reviewers_per_application=spec["reviewers_per_application"],
        time_zone=spec["time_zone"], opens_at=_local(spec["opens"], spec["time_zone"]),
        # Open until just now, so the demo's applications go through the same deadline check as anyone's.
        closes_at=timezone.now() + datetime.timedelta(hours=1),
        topics=list(Topic.objects.filter(code__in=spec["topics"])),
        allowed_lead_parties=list(Party.objects.filter(code__in=["KZ", "UZ"])), visibility="public",
        reason="Demo data")
    criteria = [fund_services.create_criterion(actor, call=call, position=number, name_en=item["name_en"],
                                               weight=Decimal(item["weight"]), scale_max=item["scale_max"],
                                               visibility="public", reason="Demo data")
                for number, item in enumerate(spec["criteria"], start=1)]
    call = fund_services.set_call_state(actor, call, "open")
    applications = _demo_applications(actor, call, data["applications"])
    call = fund_services.update_call(actor, call, closes_at=_local(spec["closes"], spec["time_zone"]),
                                     review_due_at=_local(spec["reviews_due"], spec["time_zone"]),
                                     reason="Demo data: the call's real dates")
    call = fund_services.set_call_state(actor, call, "closed")
    _demo_reviews(actor, data, applications, criteria)
    call = fund_services.set_call_state(actor, call, "reviewing")
    selection = fund_services.run_selection(actor, call, balance=Decimal(spec["balance_percent"]))
    grants = fund_services.publish_selection(actor, selection)
    if grants:
        fund_services.record_disbursement(actor, grants[0], amount=(grants[0].amount * Decimal("0.4")).quantize(Decimal("0.01")),
                                          paid_on="2025-09", note="Demo: first tranche", reason="Demo data")


def _demo_applications(actor, call, items) -> list:
    from decimal import Decimal

    from kenes.fund import services as fund_services

    applicant = User.objects.filter(username="reader").first()
    applications = []
    for item in items:
        application = fund_services.create_application(
            actor, applicant=applicant, call=call, title_en=item["title_en"], summary_en=item["summary_en"],
            lead_organization=_organization(item["lead"]),
            partner_organizations=[o for key in item["partners"] if (o := _organization(key))],
            requested_amount=Decimal(item["amount"]), duration_months=item["months"],
            topics=list(Topic.objects.filter(code__in=item["topics"])), reason="Demo data")
        applications.append(fund_services.submit_application(actor, application))
    return applications


def _reviewer_account(person) -> User:
    """The account a demo expert reviews with: theirs if they have one, else one nobody can sign in to."""
    user = User.objects.filter(person=person).first()
    if user is None:
        user = User(username=f"expert-{person.pk}", role=User.Role.READER, person=person,
                    first_name=person.name_en)
        user.set_unusable_password()
        user.save()
    return user


def _demo_reviews(actor, data, applications, criteria) -> None:
    import random

    from kenes.fund import services as fund_services

    conflict = data["conflict"]
    fund_services.declare_conflict(actor, applications[conflict["application"]], _person(conflict["person"]),
                                   conflict["reason"])
    harsh = _person(data["harsh_reviewer"])
    for application, item in zip(applications, data["applications"], strict=True):
        chosen = _two_sides([s for s in fund_services.suggest_reviewers(application) if not s.conflicts])
        for person in chosen:
            assignment = fund_services.assign_reviewer(actor, application, person)
            # Seeded by names, so every load gives the same scores; one expert marks everyone two points down.
            noise = random.Random(f"{application.title_en}/{person.name_en}")
            level = item["quality"] - (2.0 if person == harsh else 0.0)
            scores = {c: _demo_score(level + noise.uniform(-0.8, 0.8), c.scale_max) for c in criteria}
            fund_services.save_review(_reviewer_account(person), assignment, scores=scores, submit=True,
                                      comment="Demo review.")


def _two_sides(suggestions) -> list:
    """One expert from each side when the pool allows, else the first two."""
    picked = []
    for code in ("KZ", "UZ"):
        found = next((s.person for s in suggestions if s.person.party_id and s.person.party.code == code
                      and s.person not in picked), None)
        if found:
            picked.append(found)
    for suggestion in suggestions:
        if len(picked) >= 2:
            break
        if suggestion.person not in picked:
            picked.append(suggestion.person)
    return picked[:2]


def _demo_score(level: float, scale_max: int):
    from decimal import Decimal

    value = round(max(0.0, min(10.0, level)) / 10 * scale_max * 2) / 2
    return Decimal(str(value))
