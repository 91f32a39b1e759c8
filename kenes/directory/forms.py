from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.models import Topic
from kenes.directory.models import Membership, Organization, Person


class OrganizationForm(forms.ModelForm):
    # A bare domain typed by a person means https (Django 6's default, chosen now).
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["name_en", "name_ru", "name_kk", "name_uz", "acronym", "kind", "party", "parent",
                  "status", "founded", "website", "description", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class PersonForm(forms.ModelForm):
    aliases = forms.CharField(
        label=_("other spellings"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: other scripts, inflected forms, initials (Токаева, K.-J. Tokayev)."),
    )
    expertise = forms.ModelMultipleChoiceField(
        label=_("expertise"), queryset=Topic.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Person
        fields = ["name_en", "name_ru", "name_kk", "name_uz", "party", "photo", "biography",
                  "expertise", "visibility"]
        widgets = {"biography": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["aliases"].initial = "\n".join(self.instance.aliases.values_list("name", flat=True))

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("aliases", "").splitlines() if line.strip()]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["title", "organization", "start_date", "end_date", "on_behalf_of", "note", "visibility"]
