"""The apps already on main, registered into the portal (see ``registry``): their topic sections,
published kinds and open-data tables. An app arriving later adds its own ``portal.py`` instead.

Topic links are made through the measures, the only records that carry topics: a meeting is on a
topic when its agenda or decisions take up a public measure on it, an event when it serves one, a
document when it is evidence for one or a paper of such a meeting. Only public measures count, so a
public meeting never reveals that it discussed an internal measure.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kenes.portal.registry import (
    PUBLIC,
    OpenDataTable,
    PublishedKind,
    TopicSection,
    register_published_kind,
    register_table,
    register_topic_section,
)

SECTION_LIMIT = 20


def topic_measures(topic):
    from kenes.inventory.models import Measure

    return Measure.objects.visible_to(PUBLIC).filter(topics=topic)


def topic_meetings(topic):
    from kenes.council.models import Meeting

    measures = topic_measures(topic).values("pk")
    matching = Meeting.objects.filter(Q(agenda_items__measures__in=measures) | Q(decisions__measure__in=measures))
    return Meeting.objects.visible_to(PUBLIC).filter(pk__in=matching.values("pk"))


def topic_events(topic):
    from kenes.council.models import Event

    return Event.objects.visible_to(PUBLIC).filter(
        pk__in=Event.objects.filter(measures__in=topic_measures(topic).values("pk")).values("pk"))


def topic_documents(topic):
    from django.contrib.contenttypes.models import ContentType

    from kenes.documents.models import Document, Mention
    from kenes.inventory.models import Measure

    # A mention points at a record only while it is linked or accepted (review clears it otherwise), so
    # no filter on the decision: that one made the database walk every mention instead of the record index.
    evidence = Mention.objects.filter(content_type=ContentType.objects.get_for_model(Measure),
                                      object_id__in=topic_measures(topic).values("pk")).values("document_id")
    query = Q(pk__in=evidence)
    if apps.is_installed("kenes.council"):
        query |= Q(pk__in=Document.objects.filter(meetings__in=topic_meetings(topic).values("pk")).values("pk"))
    return Document.objects.visible_to(PUBLIC).filter(query)


def _inventory() -> None:
    from kenes.inventory import lists
    from kenes.inventory.models import Agreement, Measure

    def measures(topic=None):
        records = topic_measures(topic) if topic else Measure.objects.visible_to(PUBLIC)
        return records.select_related("status").order_by("-updated_at", "-pk")

    register_topic_section(TopicSection(
        "measures", _("Measures"), lambda topic: measures(topic)[:SECTION_LIMIT], order=10,
        detail=lambda measure: measure.status.name if measure.status_id else "",
        more_url=lambda topic: f"{reverse('inventory:measures')}?topic={topic.code}"))
    register_published_kind(PublishedKind(
        "measures", _("Measures"), measures, published=lambda m: m.created_at, updated=lambda m: m.updated_at,
        summary=lambda m: m.description))
    register_published_kind(PublishedKind(
        "agreements", _("Agreements"), lambda topic: Agreement.objects.visible_to(PUBLIC).order_by("-updated_at"),
        published=lambda a: a.created_at, updated=lambda a: a.updated_at, in_feeds=False))
    register_table(OpenDataTable(
        "measures", _("Measures"), _("Every public measure of the inventory: status, topics, proposers, agreement."),
        lambda: Measure.objects.visible_to(PUBLIC).select_related("status", "agreement").prefetch_related(
            "topics", "party_statuses__party", "party_statuses__status", "proposed_by_people",
            "proposed_by_organizations", "proposed_by_parties").order_by("pk"),
        lists.MEASURE_COLUMNS, model=Measure, languages_of=("title",)))
    register_table(OpenDataTable(
        "agreements", _("Agreements"), _("Every public agreement, programme and roadmap."),
        lambda: Agreement.objects.visible_to(PUBLIC).prefetch_related("parties").order_by("pk"),
        lists.AGREEMENT_COLUMNS, model=Agreement, languages_of=("title",)))


def _council() -> None:
    from kenes.council import lists
    from kenes.council.models import Decision, Event, Meeting

    def meetings(topic=None):
        records = topic_meetings(topic) if topic else Meeting.objects.visible_to(PUBLIC)
        return records.order_by("-updated_at", "-pk")

    def events(topic=None):
        records = topic_events(topic) if topic else Event.objects.visible_to(PUBLIC)
        return records.order_by("-start_date", "-pk")

    def decisions(topic=None):
        records = Decision.objects.filter(meeting__in=Meeting.objects.visible_to(PUBLIC).values("pk"))
        if topic:
            records = records.filter(measure__in=topic_measures(topic).values("pk"))
        return records.select_related("meeting").order_by("-created_at", "-pk")

    register_topic_section(TopicSection(
        "meetings", _("Meetings"), lambda topic: meetings(topic).order_by("-date", "-pk")[:SECTION_LIMIT], order=20,
        detail=lambda meeting: meeting.date))
    register_topic_section(TopicSection(
        "events", _("Events"), lambda topic: events(topic)[:SECTION_LIMIT], order=30,
        detail=lambda event: event.start_date))
    register_published_kind(PublishedKind(
        "meetings", _("Meetings"), meetings, published=lambda m: m.created_at, updated=lambda m: m.updated_at,
        summary=lambda m: m.summary))
    register_published_kind(PublishedKind(
        "decisions", _("Decisions"), decisions, published=lambda d: d.created_at, updated=lambda d: d.created_at,
        summary=lambda d: d.text, in_sitemap=False))
    register_published_kind(PublishedKind(
        "events", _("Events"), events, published=lambda e: e.created_at, updated=lambda e: e.updated_at,
        summary=lambda e: e.description, in_feeds=False))
    register_table(OpenDataTable(
        "meetings", _("Meetings"), _("Every public meeting of the council and its bodies."),
        lambda: Meeting.objects.visible_to(PUBLIC).select_related("body").prefetch_related("organizers").order_by("pk"),
        lists.MEETING_COLUMNS, model=Meeting, languages_of=("title",)))
    register_table(OpenDataTable(
        "events", _("Events"), _("Every public conference, forum and round table."),
        lambda: Event.objects.visible_to(PUBLIC).prefetch_related("organizers").order_by("pk"),
        lists.EVENT_COLUMNS, model=Event, languages_of=("title",)))


def _documents() -> None:
    from kenes.documents.lists import DOCUMENT_COLUMNS
    from kenes.documents.models import Document

    def documents(topic=None):
        records = topic_documents(topic) if topic else Document.objects.visible_to(PUBLIC)
        # The full text can be long and no page or feed of the portal shows it.
        return records.defer("text").order_by("-created_at", "-pk")

    register_topic_section(TopicSection(
        "documents", _("Documents"), lambda topic: documents(topic)[:SECTION_LIMIT], order=40,
        detail=lambda document: document.published))
    register_published_kind(PublishedKind(
        "documents", _("Documents"), documents, published=lambda d: d.created_at, updated=lambda d: d.updated_at,
        summary=lambda d: d.source_url))
    register_table(OpenDataTable(
        "documents", _("Documents"), _("Every public document: title, date, language, kind, source address."),
        lambda: Document.objects.visible_to(PUBLIC).prefetch_related("parties").order_by("pk"),
        DOCUMENT_COLUMNS, model=Document))


def _directory() -> None:
    from kenes.directory.lists import ORGANIZATION_COLUMNS, PERSON_COLUMNS
    from kenes.directory.models import Organization, Person

    register_published_kind(PublishedKind(
        "organizations", _("Organisations"), lambda topic: Organization.objects.visible_to(PUBLIC).order_by("pk"),
        published=lambda o: o.created_at, updated=lambda o: o.updated_at, in_feeds=False))
    register_published_kind(PublishedKind(
        "people", _("People"), lambda topic: Person.objects.visible_to(PUBLIC).order_by("pk"),
        published=lambda p: p.created_at, updated=lambda p: p.updated_at, in_feeds=False))
    register_table(OpenDataTable(
        "organizations", _("Organisations"), _("Every public organisation of the directory."),
        lambda: Organization.objects.visible_to(PUBLIC).select_related("party", "parent").order_by("pk"),
        ORGANIZATION_COLUMNS, model=Organization, languages_of=("name",)))
    register_table(OpenDataTable(
        "people", _("People"), _("Every public person of the directory."),
        lambda: Person.objects.visible_to(PUBLIC).select_related("party").prefetch_related("expertise").order_by("pk"),
        PERSON_COLUMNS, model=Person, languages_of=("name",)))


def _indicators() -> None:
    from kenes.indicators import lists
    from kenes.indicators.models import Indicator, Observation, Target

    register_published_kind(PublishedKind(
        "indicators", _("Indicators"), lambda topic: Indicator.objects.visible_to(PUBLIC).order_by("pk"),
        published=lambda i: i.created_at, updated=lambda i: i.updated_at, in_feeds=False))
    register_published_kind(PublishedKind(
        "targets", _("Targets"), lambda topic: Target.objects.visible_to(PUBLIC).order_by("pk"),
        published=lambda t: t.created_at, updated=lambda t: t.updated_at, in_feeds=False))
    register_table(OpenDataTable(
        "indicators", _("Indicators"), _("Every public indicator: unit, direction, definition."),
        lambda: Indicator.objects.visible_to(PUBLIC).order_by("pk"),
        lists.INDICATOR_COLUMNS, model=Indicator, languages_of=("name",)))
    register_table(OpenDataTable(
        "observations", _("Figures"), _("Every public figure reported for an indicator, per period and side."),
        lambda: Observation.objects.visible_to(PUBLIC).select_related("indicator", "reporting_party").order_by("pk"),
        lists.OBSERVATION_COLUMNS, model=Observation))
    register_table(OpenDataTable(
        "targets", _("Targets"), _("Every public target: value, unit, deadline, where it was set."),
        lambda: Target.objects.visible_to(PUBLIC).select_related("indicator").order_by("pk"),
        lists.TARGET_COLUMNS, model=Target))


def register() -> None:
    """Register what each installed app shows; an app not installed contributes nothing."""
    for app, function in (("kenes.inventory", _inventory), ("kenes.council", _council),
                          ("kenes.documents", _documents), ("kenes.directory", _directory),
                          ("kenes.indicators", _indicators)):
        if apps.is_installed(app):
            function()
    from kenes.portal import opendata

    opendata.register_files()
