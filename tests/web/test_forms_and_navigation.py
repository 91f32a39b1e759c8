"""One form layout for every app, empty choices in words, navigation that marks where you are."""

import pytest
from django import forms
from django.urls import reverse

from kenes.directory.models import Party
from kenes.web.dashboard import Panel, PanelItem, _panels, register_panel
from kenes.web.forms import KenesFormMixin

pytestmark = pytest.mark.django_db


class SampleForm(KenesFormMixin, forms.Form):
    name = forms.CharField(label="name", help_text="As written in the passport.")
    party = forms.ModelChoiceField(Party.objects.all(), required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
    side = forms.ModelChoiceField(Party.objects.all(), required=False)
    empty_choice_labels = {"side": "— no side —"}


def test_it_renders_every_form_with_labels_above_and_errors_under_the_field(db):
    html = str(SampleForm(data={"name": ""}))
    assert '<label for="id_name">Name<span class="required-mark" aria-hidden="true">*</span></label>' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_error"' in html
    assert html.index('id="id_name"') < html.index('id="id_name_error"')


def test_it_gives_as_p_the_same_layout(db):
    form = SampleForm()
    assert form.as_p() == str(form)


def test_it_writes_empty_choices_as_words(db):
    html = str(SampleForm())
    assert "---------" not in html
    assert "— none —" in html and "— choose —" in html and "— no side —" in html


def test_it_words_empty_choices_even_in_forms_without_the_mixin(db):
    class Plain(forms.Form):
        party = forms.ModelChoiceField(Party.objects.all())

    html = str(Plain())
    assert "---------" not in html and "— choose —" in html


def test_it_marks_the_current_area_in_the_navigation(client, db):
    page = client.get(reverse("directory:people")).content.decode()
    nav = page[page.index('<nav class="main-nav"'):page.index("</nav>")]
    assert nav.count('aria-current="page"') == 1
    assert f'<a href="{reverse("directory:organizations")}" aria-current="page">' in nav
    home = client.get(reverse("web:dashboard")).content.decode()
    assert f'<a href="{reverse("web:dashboard")}" aria-current="page">' in home


def test_it_has_a_real_menu_button_for_phones(client, db):
    page = client.get(reverse("web:dashboard")).content.decode()
    assert '<button type="button" class="menu-toggle" aria-expanded="false" aria-controls="site-menu">' in page
    assert 'id="site-menu"' in page


def test_it_has_no_inline_scripts_or_styles(client, alice):
    client.force_login(alice)
    for url in [reverse("web:dashboard"), reverse("directory:people"), reverse("directory:person_create"),
                reverse("accounts:profile"), "/no-such-page/"]:
        page = client.get(url).content.decode()
        assert "style=" not in page and "<style" not in page, url
        assert "<script>" not in page and " on" + "click=" not in page, url


def test_it_shows_the_secretariat_what_needs_doing_and_quick_actions(client, alice):
    client.force_login(alice)
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "What needs doing" in page
    assert "People without any role" in page and "Organisations without a party" in page
    assert reverse("directory:person_create") in page and reverse("directory:organization_create") in page


def test_it_takes_panels_from_any_app(client, alice):
    @register_panel
    def meetings(request):
        return Panel("Meetings to prepare", [PanelItem("Agenda missing", 2, "/council/")], order=1)

    try:
        client.force_login(alice)
        page = client.get(reverse("web:dashboard")).content.decode()
        assert page.index("Meetings to prepare") < page.index("People without any role")
    finally:
        _panels.remove(meetings)


def test_it_shows_a_member_their_side_and_no_work_queue(client, mark):
    client.force_login(mark)
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "Your side of the council" in page and "Kazakhstan" in page
    assert "What needs doing" not in page


def test_it_invites_a_visitor_to_sign_in_for_more(client, db):
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "Published records" in page and "What needs doing" not in page


def test_it_shows_the_api_token_header_with_its_placeholder(client, mark):
    client.force_login(mark)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Authorization: Bearer &lt;token&gt;" in page


def test_it_counts_the_directorys_gaps_for_the_secretariat(client, alice, directory):
    client.force_login(alice)
    panels = client.get(reverse("web:dashboard")).context["panels"]
    counts = {str(item.label): item.count for panel in panels for item in panel.items}
    # Tokayev has roles; the internal and the restricted person have none. Only KazISS has a party.
    assert counts["People without any role"] == 2
    assert counts["Organisations without a party"] == 2
