from django import forms

from kenes.core.forms import RecordForm
from kenes.core.services import editable_fields
from kenes.core.translation import CONTENT_LANGUAGES
from kenes.council.models import Meeting
from kenes.directory.models import Organization, Person


class MeetingForm(RecordForm):
    class Meta:
        model = Meeting
        fields = editable_fields(Meeting)
        widgets = {f"summary_{code}": forms.Textarea(attrs={"rows": 3}) for code in CONTENT_LANGUAGES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Organization.objects.live()
        self.fields["organizers"].queryset = Organization.objects.live()
        self.fields["participants"].queryset = Person.objects.live()
