"""Expert pool endpoints: the ranking and the profiles for everyone (visibility applied), writes for the secretariat.

``GET /experts?q=water`` ranks the pool as the pool page does, each person with the evidence
(kind, text, link) that put them there. Contact details and the secretariat's note come back
to the secretariat only, as ``contact``; everyone else gets ``"contact": null``.

The platform mounts each app's ``api.py``; this router joins the council's there with
``router.add_router("", expert_api.router)``. ``build_router`` makes a fresh one, for a test API.
"""

from __future__ import annotations

from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import StringConstraints, model_validator

from kenes.core.api_schemas import RecordSchemas, expected_version
from kenes.core.api_types import Id, Text, paginated
from kenes.core.models import Topic
from kenes.core.visibility import visible_related, visible_related_id
from kenes.council import experts
from kenes.council.models import ExpertProfile

# Shown to the secretariat only, on pages and here.
PRIVATE_FIELDS = ("email", "phone", "note")
TopicCodes = list[Annotated[str, StringConstraints(max_length=40)]]


class ContactOut(Schema):
    email: str
    phone: str
    note: str


def _is_secretariat(user) -> bool:
    return bool(getattr(user, "is_secretariat", False))


def _contact(profile, user) -> dict | None:
    if not _is_secretariat(user) or profile is None:
        return None
    return {"email": profile.email, "phone": profile.phone, "note": profile.note}


def _person(profile, user):
    return visible_related(profile.person, user)


EXPERTS = RecordSchemas(
    ExpertProfile, fields=[name for name in experts.EXPERT_FIELDS if name not in PRIVATE_FIELDS],
    extra_out={
        "name": (str, lambda profile, user: profile.person.name if _person(profile, user) else ""),
        # Who the profile is about, and what the person says of themselves, only where the person is visible.
        "party": (str | None, lambda profile, user: getattr(profile.person.party, "code", None)
                  if _person(profile, user) else None),
        "expertise": (list[str], lambda profile, user: [topic.code for topic in profile.person.expertise.all()]
                      if _person(profile, user) else []),
        "contact": (ContactOut | None, _contact),
    },
)
# What the secretariat sends: every field, contact included, and the person's topics as codes.
EXPERTS_IN = RecordSchemas(ExpertProfile, fields=experts.EXPERT_FIELDS, required=("person",),
                           extra_in={"expertise": (TopicCodes | None, None)})


class EvidenceOut(Schema):
    kind: str
    label: str
    text: str
    url: str
    source: str
    date: str
    weight: float


class ExpertHit(Schema):
    person_id: int
    expert_id: int | None
    name: str
    party: str | None
    affiliation_id: int | None
    languages: list[str]
    expertise: list[str]
    score: float
    evidence: list[EvidenceOut]
    contact: ContactOut | None

    @model_validator(mode="wrap")
    @classmethod
    def _from_ranked(cls, value, handler, info):
        # Built after the page is cut from the ranking, for the user of the request: only the page is serialised.
        if isinstance(value, experts.RankedExpert):
            request = (info.context or {}).get("request")
            value = _hit(value, getattr(request, "user", None))
        return handler(value)


def _hit(expert: experts.RankedExpert, user) -> dict:
    person, profile = expert.person, expert.profile
    return {
        "person_id": person.pk, "expert_id": profile.pk if profile else None, "name": person.name,
        "party": person.party.code if person.party else None,
        "affiliation_id": visible_related_id(profile.affiliation, user) if profile else None,
        "languages": profile.language_codes() if profile else [],
        "expertise": [topic.code for topic in expert.topics],
        "score": expert.score,
        "evidence": [{"kind": item.kind, "label": item.label, "text": item.text, "url": item.url,
                      "source": item.source, "date": item.date, "weight": round(item.weight, 3)}
                     for item in expert.evidence],
        "contact": _contact(profile, user),
    }


def list_experts(request, q: Text = "", party: Text = "", language: Text = "", topic: Text = "",
                 everyone: bool = False):
    """Ranked by ``q`` (best first, with evidence); without it, the pool by name."""
    return experts.rank_experts(request.user, q, party=party, language=language, topic=topic, everyone=everyone,
                                limit=None)


def _visible_profile(request, expert_id: int) -> ExpertProfile:
    # A visible profile of a person the reader may not see answers without naming them (``person_id`` null).
    return get_object_or_404(ExpertProfile.objects.visible_to(request.user).select_related("person"), pk=expert_id)


def get_expert(request, expert_id: Id):
    return _visible_profile(request, expert_id)


def _topics(codes: list[str] | None) -> list[Topic] | None:
    if codes is None:
        return None
    found = list(Topic.objects.filter(code__in=codes))
    missing = set(codes) - {topic.code for topic in found}
    if missing:
        raise ValidationError({"expertise": _("Unknown codes: %(codes)s") % {"codes": ", ".join(sorted(missing))}})
    return found


def create_expert(request, payload: EXPERTS_IN.In):
    data = payload.model_dump()
    topics = _topics(data.pop("expertise", None))
    profile = experts.create_expert(request.user, expertise=topics, **EXPERTS_IN.to_service(request.user, data))
    return Status(201, profile)


def update_expert(request, expert_id: Id, payload: EXPERTS_IN.Patch):
    profile = _visible_profile(request, expert_id)
    data = payload.model_dump(exclude_unset=True)
    topics = _topics(data.pop("expertise", None))
    return experts.update_expert(request.user, profile, expertise=topics, version=expected_version(request, data),
                                 **EXPERTS_IN.to_service(request.user, data))


def build_router() -> Router:
    router = Router(tags=["council"])
    router.get("/experts", response=list[ExpertHit],
               summary="The expert pool, ranked by a subject with the evidence (q), or by name")(paginated(list_experts))
    router.get("/experts/{expert_id}", response=EXPERTS.Out, summary="One expert")(get_expert)
    router.post("/experts", response={201: EXPERTS.Out}, summary="Add a person to the expert pool (secretariat)")(
        create_expert)
    router.patch("/experts/{expert_id}", response=EXPERTS.Out,
                 summary="Change an expert (secretariat; 409 if it changed since your version)")(update_expert)
    return router


router = build_router()
