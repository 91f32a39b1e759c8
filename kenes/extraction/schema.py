"""Pydantic models of the extraction contract ``kenes.extraction/1``.

Every record carries at least one span ``[start, end]``: Python ``str`` indices
into the text the engine read, so ``text[start:end]`` is the evidence.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "kenes.extraction/1"

Span = tuple[int, int]

MeetingFormat = Literal["online", "in_person", "hybrid"]
Stance = Literal["proposed", "agreed", "planned", "discussed", "implemented"]
Topic = Literal[
    "trade", "industry", "investment", "transport", "energy", "water", "climate",
    "security", "afghanistan", "border", "interparliamentary", "culture", "education",
    "science", "tourism", "health", "digital", "agriculture", "regional", "governance",
]
TOPICS: tuple[str, ...] = Topic.__args__  # type: ignore[attr-defined]
OrganizationStatus = Literal["established", "operational", "planned"]
ProjectStatus = Literal["implemented", "in_progress", "planned", "pipeline"]
EventStatus = Literal["planned", "held"]
AgreementStatus = Literal["signed", "planned", "in_force", "implemented"]
Qualifier = Literal["approximately", "at_least", "more_than", "up_to"]
Language = Literal["en", "ru", "kk", "uz", "und"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spans: list[Span] = Field(min_length=1)
    # Provenance, the contract's optional fields: how sure the engine is (0–1, see
    # ``lexicons/confidence.tsv`` for what the numbers mean) and the component and pattern that
    # produced the record ("en.people.title_before_name").
    confidence: float | None = Field(None, ge=0, le=1)
    rule: str | None = None
    # The words of the text that set the rule off (a title, a trigger verb, a head noun), as spans:
    # what ``kenes extract --explain`` shows. Not part of the contract's output.
    cues: list[Span] = Field(default_factory=list, exclude=True)

    @field_validator("spans")
    @classmethod
    def _spans_are_ordered(cls, spans: list[Span]) -> list[Span]:
        for start, end in spans:
            if not 0 <= start < end:
                raise ValueError(f"bad span [{start}, {end}]")
        return spans


class Role(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    organization: str | None = None


class Person(_Record):
    name: str
    aliases: list[str] = []
    country: str | None = None
    roles: list[Role] = []


class Organization(_Record):
    name: str
    acronym: str | None = None
    country: str | None = None
    status: OrganizationStatus | None = None


class Meeting(_Record):
    title: str
    body: str | None = None
    ordinal: int | None = None
    date: str | None = None
    format: MeetingFormat | None = None
    place: str | None = None
    organizers: list[str] = []
    participants: list[str] = []


class Measure(_Record):
    text: str
    stance: Stance
    proposers: list[str] = []
    topics: list[Topic] = []


class Target(_Record):
    indicator: str | None = None
    value: str | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    deadline: str | None = None


class Figure(_Record):
    indicator: str | None = None
    value: str
    unit: str | None = None
    period: str | None = None
    qualifier: Qualifier | None = None


class Project(_Record):
    name: str | None = None
    description: str | None = None
    count: int | None = None
    value: str | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    status: ProjectStatus | None = None


class Event(_Record):
    name: str
    status: EventStatus | None = None
    date: str | None = None
    place: str | None = None


class Agreement(_Record):
    title: str
    status: AgreementStatus | None = None
    date: str | None = None
    place: str | None = None
    parties: list[str] = []


RECORD_TYPES = (
    "people", "organizations", "meetings", "measures", "targets",
    "figures", "projects", "events", "agreements",
)


_LAST = ("spans", "rule", "confidence")


class ExtractionResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_: str = Field(SCHEMA_VERSION, alias="schema")
    source: str | None = None
    language: Language = "und"
    published: str | None = None
    text_sha256: str
    people: list[Person] = []
    organizations: list[Organization] = []
    meetings: list[Meeting] = []
    measures: list[Measure] = []
    targets: list[Target] = []
    figures: list[Figure] = []
    projects: list[Project] = []
    events: list[Event] = []
    agreements: list[Agreement] = []
    text: str | None = None

    def to_json_dict(self, with_text: bool = False) -> dict:
        data = self.model_dump(by_alias=True, mode="json")
        if not with_text:
            data.pop("text", None)
        # What a record is first, then where it was read and how: a reader of the JSON sees the name
        # before the offsets.
        for kind in RECORD_TYPES:
            data[kind] = [{**{k: v for k, v in r.items() if k not in _LAST}, **{k: r[k] for k in _LAST if k in r}}
                          for r in data[kind]]
        return data

    def records(self):
        """Every record with its kind (plural, as in the contract), in the contract's order."""
        for kind in RECORD_TYPES:
            for record in getattr(self, kind):
                yield kind, record

    def spans_out_of_range(self, text_length: int) -> list[tuple[str, Span]]:
        """Every span that does not fit the text: must be empty for a valid result."""
        bad = []
        for kind in RECORD_TYPES:
            for record in getattr(self, kind):
                for start, end in record.spans:
                    if not 0 <= start < end <= text_length:
                        bad.append((kind, (start, end)))
        return bad
