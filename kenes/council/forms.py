"""The council's forms. Parts of a meeting (agenda, roles, decisions) carry the meeting's version."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import KenesFormMixin, RecordForm
from kenes.core.services import Conflict, editable_fields
from kenes.core.translation import CONTENT_LANGUAGES
from kenes.council import services
from kenes.council.models import (
    AgendaItem,
    Decision,
    Event,
    Meeting,
    MinutesComment,
    Participation,
    Term,
)
from kenes.council.timezones import MeetingTimesMixin
from kenes.directory.models import Organization, Party, Person
from kenes.inventory.models import Measure


def _textareas(*names, rows=3):
    return {f"{name}_{code}": forms.Textarea(attrs={"rows": rows}) for name in names for code in CONTENT_LANGUAGES}


class MeetingForm(MeetingTimesMixin, RecordForm):
    """Start and end are typed on the meeting's own clock (its time zone), stored in UTC."""

    class Meta:
        model = Meeting
        fields = editable_fields(Meeting)
        widgets = _textareas("summary")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Organization.objects.live()
        self.fields["organizers"].queryset = Organization.objects.live()
        self.fields["participants"].queryset = Person.objects.live()
        self.fields["documents"].queryset = self.fields["documents"].queryset.filter(deleted_at__isnull=True)
        # Both have sensible defaults (planned; Astana's clock), so a form that leaves them out still saves.
        for name in ("status", "time_zone"):
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in ("status", "time_zone"):
            if not cleaned.get(name):
                cleaned[name] = self.instance.pk and getattr(self.instance, name) or Meeting._meta.get_field(name).default
        return cleaned


class MeetingPartForm(KenesFormMixin, forms.ModelForm):
    """A form for a part of a meeting: saved as an edit of the meeting at the version it was opened at."""

    meeting_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.conflict: Conflict | None = None
        if not self.is_bound:
            self.fields["meeting_version"].initial = meeting.version

    @property
    def started_from(self) -> int:
        return self.cleaned_data["meeting_version"]

    def model_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}

    def show_conflict(self, conflict: Conflict) -> None:
        self.conflict = conflict
        data = self.data.copy()
        data["meeting_version"] = str(conflict.current_version)
        self.data = data
        self.add_error(None, conflict.message)


class AgendaItemForm(MeetingPartForm):
    class Meta:
        model = AgendaItem
        fields = services.AGENDA_FIELDS
        widgets = _textareas("description", rows=2)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenters"].queryset = Person.objects.live()
        # Only measures the editor may see are offered; the service refuses any other.
        self.fields["measures"].queryset = Measure.objects.visible_to(user).order_by("-updated_at")
        self.fields["position"].required = False


class SpeakerRowForm(KenesFormMixin, forms.Form):
    person = forms.ModelChoiceField(Person.objects.live(), label=_("speaker"))
    summary_en = forms.CharField(label=_("what was said (English)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    summary_ru = forms.CharField(label=_("what was said (Russian)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))


SpeakerFormSet = forms.formset_factory(SpeakerRowForm, extra=2, can_delete=True, max_num=60)


class ParticipationForm(MeetingPartForm):
    class Meta:
        model = Participation
        fields = ["person", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.live()


class DecisionForm(MeetingPartForm):
    class Meta:
        model = Decision
        fields = services.DECISION_FIELDS
        widgets = {**_textareas("text", rows=3), "due": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = self.meeting.agenda_items.all()
        self.fields["owner"].queryset = Person.objects.live()
        self.fields["owner_organization"].queryset = Organization.objects.live()
        self.fields["measure"].queryset = Measure.objects.visible_to(user).order_by("-updated_at")


class WorkItemFromDecisionForm(KenesFormMixin, forms.Form):
    meeting_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    plan = forms.ModelChoiceField(queryset=None, label=_("work plan"),
                                  help_text=_("The work item goes into this plan."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from kenes.workplan.models import WorkPlan

        self.fields["plan"].queryset = WorkPlan.objects.live().exclude(status=WorkPlan.Status.CLOSED)


class MinutesTextForm(KenesFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(label=_("what changed"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in (("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh")), ("uz", _("Uzbek"))):
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("text (%(language)s)") % {"language": name}, required=False,
                widget=forms.Textarea(attrs={"rows": 16 if code in ("en", "ru") else 4}))


class CirculateForm(KenesFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    comment_deadline = forms.DateTimeField(
        label=_("comments until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("In your time zone. Participants can comment until then."))


class CommentForm(KenesFormMixin, forms.Form):
    text = forms.CharField(label=_("your comment"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}))


class ResolveForm(KenesFormMixin, forms.Form):
    resolution = forms.ChoiceField(label=_("resolution"), choices=[
        (value, label) for value, label in MinutesComment.Resolution.choices if value != "open"])
    note = forms.CharField(label=_("reply"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EventForm(RecordForm):
    class Meta:
        model = Event
        fields = editable_fields(Event)
        widgets = _textareas("description")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizers"].queryset = Organization.objects.live()
        self.fields["measures"].queryset = Measure.objects.live().order_by("-updated_at")


class TermForm(RecordForm):
    class Meta:
        model = Term
        fields = editable_fields(Term)
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Organization.objects.live()
        self.fields["person"].queryset = Person.objects.live()
        self.fields["party"].queryset = Party.objects.all()
        terms = self.fields["alternate_for"].queryset.filter(deleted_at__isnull=True)
        if body is not None:
            self.fields["body"].initial = body.pk
            terms = terms.filter(body=body)
        self.fields["alternate_for"].queryset = terms.select_related("person")
