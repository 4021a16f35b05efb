"""Protocol numbers: per year, sequential, gap-free and unique under concurrent submissions."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction
from django.utils import timezone

from complaints.models import Complaint, ProtocolCounter
from tests.complaints.factories import CategoryFactory, submitted_complaint

SUBMISSIONS = 50


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_submissions_get_fifty_consecutive_unique_numbers():
    category = CategoryFactory()
    start = threading.Barrier(SUBMISSIONS)

    def submit(number: int) -> str:
        try:
            start.wait()
            complaint, _secret = submitted_complaint(
                category=category, citizen_email=f"citizen{number}@example.gr"
            )
            return complaint.protocol_number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        numbers = list(pool.map(submit, range(SUBMISSIONS)))

    year = timezone.localdate().year
    assert sorted(numbers) == [f"{year}-{n:06d}" for n in range(1, SUBMISSIONS + 1)]
    assert Complaint.objects.count() == SUBMISSIONS
    assert ProtocolCounter.objects.get(year=year).last_number == SUBMISSIONS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_submission_leaves_no_gap():
    category = CategoryFactory()
    first, _secret = submitted_complaint(category=category)

    with pytest.raises(RuntimeError), transaction.atomic():
        submitted_complaint(category=category)
        raise RuntimeError("the surrounding work failed")
    second, _secret = submitted_complaint(category=category)

    assert int(second.protocol_number[-6:]) == int(first.protocol_number[-6:]) + 1


@pytest.mark.django_db
def test_numbering_restarts_each_year(category):
    ProtocolCounter.objects.create(year=timezone.localdate().year - 1, last_number=812)

    complaint, _secret = submitted_complaint(category=category)

    assert complaint.protocol_number.endswith("-000001")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_double_submits_make_one_complaint_and_use_one_number():
    category = CategoryFactory()
    key = "5f0c6a2e-1b3d-4e5f-8a9b-0c1d2e3f4a5b"
    clicks = 5
    start = threading.Barrier(clicks)

    def submit(_click: int) -> int:
        try:
            start.wait()
            complaint, _secret = submitted_complaint(category=category, submission_key=key)
            return complaint.pk
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=clicks) as pool:
        pks = set(pool.map(submit, range(clicks)))

    assert len(pks) == 1
    assert Complaint.objects.count() == 1
    assert ProtocolCounter.objects.get(year=timezone.localdate().year).last_number == 1
