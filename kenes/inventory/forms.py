from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import RecordForm
from kenes.core.services import editable_fields
from kenes.core.translation import CONTENT_LANGUAGES
from kenes.directory.models import Organization, Person
from kenes.inventory.models import Agreement, Assessment, Measure, MeasureStatus, StatusTransition
from kenes.web.forms import KenesFormMixin, word_empty_choice


class MeasureForm(RecordForm):
    class Meta:
        model = Measure
        fields = editable_fields(Measure)
        widgets = {f"description_{code}": forms.Textarea(attrs={"rows": 3}) for code in CONTENT_LANGUAGES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_by_people"].queryset = Person.objects.live()
        self.fields["proposed_by_organizations"].queryset = Organization.objects.live()
        self.fields["agreement"].queryset = Agreement.objects.live()
        others = (Measure.objects.live().exclude(pk=self.instance.pk)
                  .only("pk", *[f"title_{c}" for c in CONTENT_LANGUAGES]).order_by("title_en", "pk"))
        self.fields["parent"].queryset = others
        self.fields["replaces"].queryset = others


class AgreementForm(RecordForm):
    class Meta:
        model = Agreement
        fields = editable_fields(Agreement)
        widgets = {f"summary_{code}": forms.Textarea(attrs={"rows": 3}) for code in CONTENT_LANGUAGES}


class AssessmentForm(RecordForm):
    class Meta:
        model = Assessment
        fields = [name for name in editable_fields(Assessment) if name != "measure"]
        widgets = {f"justification_{code}": forms.Textarea(attrs={"rows": 3}) for code in CONTENT_LANGUAGES}


class TransitionForm(KenesFormMixin, forms.Form):
    """Move a status along the workflow: only the moves it allows are offered."""

    status = forms.ModelChoiceField(queryset=MeasureStatus.objects.none(), label=_("New status"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Why the status changes; kept in the measure's timeline."))
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("A document, decree, report or address that shows it."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, current: MeasureStatus | None = None, offered: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered: the moves the workflow allows; a request for any other is still refused by the service.
        field = self.fields["status"]
        field.queryset = current.allowed_next() if current else MeasureStatus.objects.all()
        if offered is not None:
            # Statuses the page has read already (``offered_statuses``): two forms on the measure page list them
            # from one query instead of each asking twice (once to test, once to draw the options).
            word_empty_choice(field)
            field.choices = [("", field.empty_label), *((status.pk, status.name) for status in offered)]


def offered_statuses(current: MeasureStatus | None) -> tuple[list, list]:
    """Every status in workflow order, and those the workflow allows from ``current``, in one query."""
    allowed = Exists(StatusTransition.objects.filter(from_status=current, to_status=OuterRef("pk")))
    statuses = list(MeasureStatus.objects.annotate(allowed=allowed))
    return statuses, [status for status in statuses if status.allowed]
