import csv
import io
import random
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import OutputWrapper
from django.urls import reverse

from disclosures import seed
from disclosures.models import Declaration, Official
from disclosures.validators import find_private_data
from portal.seeding import SeedContext
from tests.admin_forms import admin_form_data
from tests.disclosures.factories import DeclarationFactory
from tests.disclosures.test_admin import _change_url
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_seeded_open_data_holds_no_address_plate_or_account_number(client):
    context = SeedContext(
        rng=random.Random(2026),
        scale=1,
        today=date(2026, 11, 22),
        stdout=OutputWrapper(io.StringIO()),
    )
    seed.seed(context)
    assert Official.objects.filter(terms__role="mayor").count() == 1
    assert Official.objects.filter(terms__role="deputy_mayor").count() == 6
    assert Declaration.objects.filter(kind=Declaration.Kind.CORRECTION).count() == 1
    body = b"".join(client.get(reverse("disclosures:data_csv")).streaming_content)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) > 500
    for row in rows:
        for column in ("type", "description", "region", "institution"):
            assert find_private_data(row[column]) is None, row


def test_the_pdf_is_served_only_for_published_declarations(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    draft = DeclarationFactory()
    draft.pdf.save("d.pdf", ContentFile(pdf))
    url = reverse("disclosures:declaration_pdf", args=[draft.pk])
    assert client.get(url).status_code == 404
    draft.status, draft.published_at = Declaration.Status.PUBLISHED, draft.created_at
    draft.save()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_admin_refuses_a_declaration_pdf_that_is_not_a_pdf(client, settings, tmp_path):
    from portal.roles import Role
    from tests.portal.factories import staff_user

    settings.MEDIA_ROOT = tmp_path
    sign_in(client, staff_user(roles=(Role.DISCLOSURES_PUBLISHER,)))
    declaration = DeclarationFactory()
    data = admin_form_data(client.get(_change_url(declaration)))
    data["pdf"] = SimpleUploadedFile(
        "scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = client.post(_change_url(declaration), data)
    assert response.status_code == 200
    assert "δεν είναι PDF" in response.content.decode()
    declaration.refresh_from_db()
    assert not declaration.pdf
