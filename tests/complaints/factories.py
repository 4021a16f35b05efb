"""Factories of the complaints service (reuse tests.portal.factories for departments and staff)."""

import itertools
from datetime import timedelta

import factory
from django.utils import timezone

from complaints.models import (
    LEGAL_RESPONSE_DAYS,
    Category,
    CategoryGroup,
    CategoryQuestion,
    Complaint,
    Kind,
    Source,
    Status,
    TimelineEntry,
    TimelineKind,
)
from complaints.services import complaint_submit
from portal.tokens import token_hash
from tests.portal.factories import DepartmentFactory

TRACKING_SECRET = "factory-tracking-secret"
_protocol_numbers = itertools.count(1)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Κατηγορία {n}")
    group = CategoryGroup.CLEANLINESS
    description = "Δοκιμαστική κατηγορία."
    department = factory.SubFactory(DepartmentFactory)


class CategoryQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CategoryQuestion

    category = factory.SubFactory(CategoryFactory)
    code = factory.Sequence(lambda n: f"question-{n}")
    label = factory.Sequence(lambda n: f"Ερώτηση {n};")


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint written straight to the database (use `submitted_complaint` for the service)."""

    class Meta:
        model = Complaint

    protocol_number = factory.LazyFunction(lambda: f"2026-{next(_protocol_numbers):06d}")
    kind = Kind.REQUEST
    category = factory.SubFactory(CategoryFactory)
    department = factory.LazyAttribute(lambda o: o.category.department)
    subject = factory.Sequence(lambda n: f"Λακκούβα στον δρόμο {n}")
    description = "Υπάρχει μεγάλη λακκούβα μπροστά από την είσοδο."
    address = "Εγνατίας 45"
    public_area = "Εγνατίας"
    citizen_name = "Μαρία Παπαδοπούλου"
    citizen_email = factory.Sequence(lambda n: f"politis{n}@example.gr")
    status = Status.SUBMITTED
    source = Source.WEB
    submitted_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyAttribute(
        lambda o: timezone.localdate(o.submitted_at) + timedelta(days=LEGAL_RESPONSE_DAYS)
    )
    resolved_at = None
    # A resolution is the municipality's answer (pass answered_at for a rejection).
    answered_at = factory.SelfAttribute("resolved_at")
    tracking_secret_hash = token_hash(TRACKING_SECRET)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        complaint = model_class(*args, **kwargs)
        complaint.refresh_search_document()
        complaint.save()
        return complaint


class PublishedComplaintFactory(ComplaintFactory):
    is_published = True
    public_summary = factory.Sequence(lambda n: f"Αίτημα για επισκευή οδοστρώματος {n}.")


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEntry

    complaint = factory.SubFactory(ComplaintFactory)
    kind = TimelineKind.PUBLIC_REPLY
    is_public = True
    text = "Η υπηρεσία ενημερώθηκε."


def submitted_complaint(**overrides) -> tuple[Complaint, str]:
    """Submit a complaint through the service, as a citizen would; return it and its secret."""
    values = {
        "kind": Kind.COMPLAINT,
        "subject": "Σπασμένο φανάρι",
        "description": "Το φανάρι δεν ανάβει εδώ και μία εβδομάδα.",
        "address": "Τσιμισκή 12",
        "citizen_name": "Γιώργος Νικολάου",
        "citizen_email": "giorgos@example.gr",
    }
    values.update(overrides)
    if "category" not in values:
        values["category"] = CategoryFactory()
    return complaint_submit(**values)
