"""Photos on the public pages: only images staff approved, of published complaints."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from complaints.models import Attachment
from tests.complaints.factories import ComplaintFactory, PublishedComplaintFactory
from tests.complaints.helpers import png_upload

pytestmark = pytest.mark.django_db


def _attach(complaint, *, approved: bool, media_type: str = "image/png") -> Attachment:
    attachment = Attachment(
        complaint=complaint,
        original_name="photo.png",
        media_type=media_type,
        size=10,
        is_public_photo=approved,
    )
    attachment.file.save("photo.png", ContentFile(png_upload().read()), save=False)
    attachment.save()
    return attachment


def _url(attachment) -> str:
    return reverse(
        "complaints:photo",
        kwargs={"protocol": attachment.complaint.protocol_number, "pk": attachment.pk},
    )


def test_an_approved_photo_of_a_published_complaint_is_shown_and_served(client, category):
    complaint = PublishedComplaintFactory(category=category)
    photo = _attach(complaint, approved=True)

    page = client.get(complaint.get_absolute_url()).content.decode()
    response = client.get(_url(photo))

    assert _url(photo) in page
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("published", "approved", "media_type"),
    [(True, False, "image/png"), (False, True, "image/png"), (True, True, "application/pdf")],
)
def test_other_attachments_are_never_served_in_public(
    client, category, published, approved, media_type
):
    factory = PublishedComplaintFactory if published else ComplaintFactory
    attachment = _attach(factory(category=category), approved=approved, media_type=media_type)

    assert client.get(_url(attachment)).status_code == 404


def test_a_photo_id_under_another_complaint_number_is_not_found(client, category):
    photo = _attach(PublishedComplaintFactory(category=category), approved=True)
    other = PublishedComplaintFactory(category=category)

    url = reverse("complaints:photo", kwargs={"protocol": other.protocol_number, "pk": photo.pk})

    assert client.get(url).status_code == 404
