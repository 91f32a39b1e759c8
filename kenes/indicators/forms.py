from django import forms

from kenes.core.forms import RecordForm
from kenes.core.services import editable_fields
from kenes.core.translation import CONTENT_LANGUAGES
from kenes.indicators.models import ConversionRate, Indicator, Observation, Target


class IndicatorForm(RecordForm):
    class Meta:
        model = Indicator
        fields = editable_fields(Indicator)
        widgets = {f"definition_{code}": forms.Textarea(attrs={"rows": 3}) for code in CONTENT_LANGUAGES}


class TargetForm(RecordForm):
    class Meta:
        model = Target
        fields = editable_fields(Target)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.live()
        self.fields["superseded_by"].queryset = Target.objects.live().exclude(pk=self.instance.pk)
        self.fields["evidence"].widget = forms.Textarea(attrs={"rows": 3})


class ObservationForm(RecordForm):
    class Meta:
        model = Observation
        fields = editable_fields(Observation)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.live()
        self.fields["revises"].queryset = Observation.objects.live().exclude(pk=self.instance.pk)
        self.fields["evidence"].widget = forms.Textarea(attrs={"rows": 3})


class RateForm(RecordForm):
    class Meta:
        model = ConversionRate
        fields = editable_fields(ConversionRate)
