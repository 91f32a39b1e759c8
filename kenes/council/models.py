"""The council's meetings: who met, when, where, and what the meeting was about.

This is the first, minimal part of the council app. Issue 9 adds what hangs off a
meeting — agenda items with presenters, participation with roles, speakers,
decisions that become work items, the minutes workflow — and the composition of
bodies, events and calendars. A meeting is not ``Mergeable`` yet: duplicates from
documents are linked at review (``kenes.documents.resolution.meetings``).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.models import PartialDateField, Record
from kenes.core.translation import CONTENT_LANGUAGES, TranslatedField


class Meeting(Record):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    title = TranslatedField(models.CharField(_("title"), max_length=500, blank=True,
                                             help_text=_("E.g. Second meeting of the Kazakhstan–Uzbekistan Expert Council.")))
    body = models.ForeignKey(
        "directory.Organization", verbose_name=_("body"), null=True, blank=True,
        # A body's meetings are its record of work: the organisation cannot be deleted while it has any.
        on_delete=models.PROTECT, related_name="meetings",
        help_text=_("The council, commission or other body that met; empty for talks between delegations."),
    )
    ordinal = models.PositiveIntegerField(_("number"), null=True, blank=True,
                                          help_text=_("The meeting's number in the body's series (2 for the second)."))
    date = PartialDateField(_("date"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, blank=True,
                              help_text=_("Online, in person or hybrid, when known."))
    place = models.CharField(_("place"), max_length=300, blank=True, help_text=_("City or venue."))
    participants = models.ManyToManyField(
        "directory.Person", verbose_name=_("participants"), blank=True, related_name="meetings",
        help_text=_("People who took part (roles such as chair or speaker come with issue 9)."),
    )
    organizers = models.ManyToManyField(
        "directory.Organization", verbose_name=_("organisers"), blank=True, related_name="organized_meetings",
        help_text=_("Organisations that organised or hosted the meeting."),
    )
    summary = TranslatedField(models.TextField(_("summary"), blank=True,
                                               help_text=_("What the meeting discussed and decided, in a few sentences.")))

    history = HistoricalRecords(m2m_fields=[participants, organizers])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title or str(_("Meeting of %(date)s") % {"date": self.date or "?"})

    def clean(self):
        from django.core.exceptions import ValidationError

        if not any(getattr(self, f"title_{code}") for code in CONTENT_LANGUAGES):
            raise ValidationError({"title_en": _("Give the title in at least one language.")})

    def get_absolute_url(self) -> str:
        return reverse("council:meeting", args=[self.pk])
