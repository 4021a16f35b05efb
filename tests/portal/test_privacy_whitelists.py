"""The privacy whitelists on the models: public and personal never overlap, and they bite."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from appointments.models import Booking
from complaints.models import Complaint
from complaints.open311.selectors import ROW_FIELDS
from complaints.opendata import COLUMNS
from portal.privacy import public_columns


@pytest.mark.parametrize("model", [Complaint, Booking])
def test_public_and_personal_fields_are_real_fields_and_never_overlap(model):
    names = {field.name for field in model._meta.get_fields()}
    assert set(model.PUBLIC_COLUMNS) <= names
    assert set(model.PERSONAL_FIELDS) <= names
    assert not set(model.PUBLIC_COLUMNS) & set(model.PERSONAL_FIELDS)


@pytest.mark.parametrize(
    "column", ["citizen_email", "citizen_name", "description", "address", "category__department"]
)
def test_asking_for_a_private_column_in_a_public_read_fails(column):
    with pytest.raises(ImproperlyConfigured):
        public_columns(Complaint, "protocol_number", column)


def test_open311_and_open_data_read_no_personal_column_as_it_is():
    for personal in set(Complaint.PERSONAL_FIELDS) - set(Complaint.ROUNDED_COLUMNS):
        assert personal not in ROW_FIELDS
        assert personal not in COLUMNS
