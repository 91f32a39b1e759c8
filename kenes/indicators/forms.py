from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import RecordForm
from kenes.core.models import Visibility
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


class ObservationImportForm(forms.Form):
    """The upload of a table of figures; what is in it is checked by ``kenes.indicators.importing``."""

    file = forms.FileField(label=_("Table (CSV or .xlsx)"),
                           help_text=_("Comma-, semicolon- or tab-separated text, or an Excel workbook; up to 5 MB."))
    visibility = forms.ChoiceField(label=_("Visibility of the imported figures"), choices=Visibility.choices,
                                   initial=Visibility.INTERNAL)
    only_valid = forms.BooleanField(label=_("Import only the valid rows"), required=False,
                                    help_text=_("Otherwise nothing is imported while any row has a problem."))
