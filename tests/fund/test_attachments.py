"""Attachments of an application: the applicant, the secretariat and the assigned reviewers download them;
a reviewer not assigned and the public get nothing, not even a sign the file exists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kenes.fund import services
from tests.fund.conftest import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_file(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = draft(world)
    upload = SimpleUploadedFile("budget-plan.pdf", b"%PDF-1.4 demo budget plan", content_type="application/pdf")
    attachment = services.add_attachment(world["applicant"], application, upload, title="Budget plan")
    application = services.submit_application(world["applicant"], application, version=application.version)
    return {"application": application, "attachment": attachment, **world}


def _download(client, data):
    return client.get(reverse("fund:attachment", args=[data["application"].pk, data["attachment"].pk]))


def test_the_applicant_and_an_assigned_reviewer_download_the_attachment(client, alice, with_file):
    client.force_login(with_file["applicant"])
    response = _download(client, with_file)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert "budget-plan" in response["Content-Disposition"]
    services.assign_reviewer(alice, with_file["application"], with_file["people"]["bakhtiyor"])
    client.force_login(with_file["reviewers"]["bakhtiyor"])
    page = client.get(with_file["application"].get_absolute_url()).content.decode()
    assert "Budget plan" in page
    assert _download(client, with_file).status_code == 200


def test_others_get_nothing(client, with_file):
    assert _download(client, with_file).status_code == 404
    client.force_login(with_file["reviewers"]["aigerim"])  # an expert not assigned to this application
    assert _download(client, with_file).status_code == 404
