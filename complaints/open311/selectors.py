"""Reads behind the GeoReport v2 endpoints.

Requests are read as rows of their public columns only (`ROW_FIELDS`, checked
against `Complaint.PUBLIC_COLUMNS`), so a citizen's name, email, phone, exact
address or text is never even read from the database here. A list of any
length costs one query: the first approved photo comes as a correlated subquery.
"""

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from complaints.models import (
    FINISHED_STATUSES,
    Attachment,
    Category,
    CategoryQuestion,
    Complaint,
)
from complaints.open311.params import REQUEST_ID, RequestQuery
from portal.models import Department
from portal.municipality import municipality
from portal.privacy import public_columns

# The columns a request row carries, checked against the model's public whitelist.
ROW_FIELDS = (
    *public_columns(
        Complaint,
        "protocol_number",
        "status",
        "is_published",
        "public_summary",
        "public_area",
        "latitude",
        "longitude",
        "submitted_at",
        "updated_at",
        "deadline",
        "category__code",
        "category__name",
        "category__name_en",
        "department__name",
        "department__name_en",
    ),
    "photo_id",  # an annotation: the first approved photo
)


def services() -> QuerySet[Category]:
    """Active categories, each with `has_questions`, in the order the web form shows them."""
    questions = CategoryQuestion.objects.filter(category=OuterRef("pk"))
    return (
        Category.objects.filter(is_active=True)
        .annotate(has_questions=Exists(questions))
        .order_by("group", "position", "name")
    )


def service_with_questions(code: str) -> tuple[Category, list[CategoryQuestion]] | None:
    """Return an active category and its questions, or None when it asks none."""
    category = Category.objects.filter(code=code, is_active=True).first()
    if category is None:
        return None
    questions = list(category.questions.order_by("position", "id"))
    return (category, questions) if questions else None


def _public_photos():
    return Attachment.objects.filter(
        complaint=OuterRef("pk"), is_public_photo=True, media_type__startswith="image/"
    ).order_by("uploaded_at", "id")


def _requests() -> QuerySet:
    """Request rows as dicts of `ROW_FIELDS`: no model instances, which a page of 1,000 feels."""
    return (
        Complaint.objects.exclude(protocol_number=None)
        .annotate(photo_id=Subquery(_public_photos().values("id")[:1]))
        .order_by("-submitted_at", "-id")
        .values(*ROW_FIELDS)
    )


def request_page(query: RequestQuery) -> tuple[list[dict], bool]:
    """Return one page of published requests matching the query, and whether more follow."""
    requests = _requests().filter(
        is_published=True, submitted_at__gte=query.start, submitted_at__lte=query.end
    )
    if query.service_codes is not None:
        requests = requests.filter(category__code__in=query.service_codes)
    if query.statuses == ["closed"]:
        requests = requests.filter(status__in=FINISHED_STATUSES)
    elif query.statuses == ["open"]:
        requests = requests.exclude(status__in=FINISHED_STATUSES)
    offset = (query.page - 1) * query.page_size
    rows = list(requests[offset : offset + query.page_size + 1])
    return rows[: query.page_size], len(rows) > query.page_size


def requests_by_id(ids: list[str]) -> list[dict]:
    """Published requests with these ids; an unpublished one is as unknown as a missing one."""
    ids = [request_id for request_id in ids if REQUEST_ID.match(request_id)]
    if not ids:
        return []
    return list(_requests().filter(is_published=True, protocol_number__in=ids))


def public_photo(pk: int) -> Attachment | None:
    """Return a staff-approved image of a published complaint, or None."""
    return (
        Attachment.objects.filter(
            pk=pk,
            is_public_photo=True,
            media_type__startswith="image/",
            complaint__is_published=True,
        )
        .only("file", "media_type")
        .first()
    )


def contact_email() -> str:
    """Return the Transparency Department's email, the API's contact."""
    email = Department.objects.filter(slug="diafaneia").values_list("email", flat=True).first()
    return email or municipality().email
