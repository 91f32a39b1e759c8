"""The settings a person keeps on their own account."""

from __future__ import annotations

from django import forms

from kenes.accounts.models import User
from kenes.council.timezones import zone_choices


class TimeZoneForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The council's cities first: "Asia/Almaty" is not how anyone says Astana.
        self.fields["time_zone"].widget = forms.Select(choices=zone_choices())
