"""The expert pool's form: the profile's own fields, and the person's expertise topics beside them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import RecordForm
from kenes.core.models import Topic
from kenes.council.experts import EXPERT_FIELDS
from kenes.council.models import ExpertProfile
from kenes.directory.models import Organization, Person


class ExpertProfileForm(RecordForm):
    expertise = forms.ModelMultipleChoiceField(
        Topic.objects.all(), required=False, label=_("Expertise"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Fields the person can advise on; saved on the person, so the directory shows them too."))

    class Meta:
        model = ExpertProfile
        fields = EXPERT_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        if self.instance.pk:
            # A profile stays with its person: someone else gets a profile of their own.
            person.disabled = True
            person.queryset = Person._base_manager.filter(pk=self.instance.person_id)
            self.fields["expertise"].initial = list(self.instance.person.expertise.all())
        else:
            # A person has at most one profile; one in the bin is restored rather than made again.
            person.queryset = Person.objects.live().filter(expert_profile__isnull=True)
        self.fields["affiliation"].queryset = Organization.objects.live()
        self.order_fields(["person", "expertise", "languages", "affiliation"])
        # Who may see the profile is the last thing decided, as on every record form.
        self.order_fields([name for name in self.fields if name != "visibility"] + ["visibility"])

    def service_data(self) -> dict:
        """What the services take beside the model's fields: the topics, set on the person."""
        return {"expertise": list(self.cleaned_data.get("expertise") or [])}
