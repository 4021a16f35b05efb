"""The anonymised register as open data: listed in the catalogue, streamed, public fields only."""

import csv
import io
import json

import pytest
from django.urls import reverse

from complaints.opendata import COLUMNS
from tests.complaints.factories import ComplaintFactory, PublishedComplaintFactory

pytestmark = pytest.mark.django_db


def test_the_dataset_is_listed_in_the_catalogue(client):
    content = client.get(reverse("portal:data_catalogue")).content.decode()

    assert "Μητρώο αιτημάτων και καταγγελιών πολιτών" in content
    assert reverse("complaints:data_csv") in content
    assert reverse("complaints:data_json") in content


def test_csv_is_streamed_with_a_bom_and_only_published_rows(client, category):
    published = PublishedComplaintFactory(category=category, public_summary="=HYPERLINK(1)")
    ComplaintFactory(category=category)

    response = client.get(reverse("complaints:data_csv"))

    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == COLUMNS
    assert [row[0] for row in rows[1:]] == [published.protocol_number]
    assert rows[1][COLUMNS.index("summary")] == "'=HYPERLINK(1)"


def test_json_is_streamed_as_one_valid_array(client, category):
    PublishedComplaintFactory.create_batch(3, category=category)

    response = client.get(reverse("complaints:data_json"))

    assert response.streaming
    records = json.loads(b"".join(response.streaming_content))
    assert len(records) == 3
    assert set(records[0]) == set(COLUMNS)
    assert records[0]["open311_status"] == "open"


def test_the_columns_are_all_public(db):
    private = {"citizen_name", "citizen_email", "citizen_phone", "address", "description"}

    assert not private & set(COLUMNS)
