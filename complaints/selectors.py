"""Reads of the complaints service; querysets come with their joins applied."""

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Round

from complaints.models import (
    PUBLIC_COORDINATE_DIGITS,
    Attachment,
    Category,
    CategoryQuestion,
    Complaint,
    TimelineEntry,
    TimelineKind,
)
from portal.i18n import translated_value
from portal.privacy import public_columns
from portal.search import Folded, normalize
from portal.selectors import sees_all_departments, staff_department
from portal.tokens import token_hash
from portal.types import Actor, StrOrPromise

if TYPE_CHECKING:
    from complaints.filters import ComplaintFilter


def complaints_for_staff(user: Actor) -> QuerySet[Complaint]:
    """Return the complaints a staff user may see and act on.

    Transparency staff and superusers see every department's; other staff
    only their own department's (StaffProfile); anyone else none.
    """
    queryset = Complaint.objects.select_related("category", "department", "assigned_to")
    if not (user.is_authenticated and user.is_staff and user.is_active):
        return queryset.none()
    if sees_all_departments(user):
        return queryset
    department = staff_department(user)
    if department is None:
        return queryset.none()
    return queryset.filter(department=department)


def can_see_contact_data(user, complaint: Complaint) -> bool:
    """Tell whether the user may see the citizen's contact data and files of a complaint.

    Staff with `view_contact_data` see them everywhere; department staff on
    their own department's complaints.
    """
    if user.has_perm("complaints.view_contact_data"):
        return True
    department = staff_department(user)
    return department is not None and department.pk == complaint.department_id


def may_search_contact_data(user) -> bool:
    """Tell whether the user may search complaints by the citizen's email."""
    # Department staff see only their department's tickets, whose contact data they may see.
    return user.has_perm("complaints.view_contact_data") or not sees_all_departments(user)


def staff_search(queryset: QuerySet[Complaint], term: str, *, user) -> QuerySet[Complaint]:
    """Narrow the staff's queue by what they typed.

    An email finds the citizen's complaints (only for who may search contact
    data), `ΕΕΕΕ-…` a protocol number, anything else the words of the subject
    and description, folded as `portal.search` folds them.
    """
    term = term.strip()
    if not term:
        return queryset
    if "@" in term:
        if not may_search_contact_data(user):
            return queryset.none()
        return queryset.filter(citizen_email__iexact=term)
    if term[:4].isdigit() and term[4:5] == "-":
        return queryset.filter(protocol_number=term)
    words = normalize(term)
    return queryset.alias(
        folded_subject=Folded("subject"), folded_description=Folded("description")
    ).filter(Q(folded_subject__contains=words) | Q(folded_description__contains=words))


def category_list() -> QuerySet[Category]:
    """Return the active categories with their questions (the form groups them)."""
    return (
        Category.objects.filter(is_active=True)
        .select_related("department")
        .prefetch_related(
            Prefetch("questions", queryset=CategoryQuestion.objects.order_by("position", "id"))
        )
        .order_by("group", "position", "name")
    )


def unit_categories(department) -> QuerySet[Category]:
    """The kinds of request a unit answers (a block of the unit's public page)."""
    return Category.objects.filter(is_active=True, department=department).order_by(
        "group", "position", "name"
    )


# The register's columns: the model's public whitelist and the names of its relations.
REGISTER_COLUMNS = public_columns(
    Complaint,
    *(column for column in Complaint.PUBLIC_COLUMNS if column != "is_published"),
    "category__name",
    "category__name_en",
    "category__code",
    "category__group",
    "department__name",
    "department__name_en",
    "department__slug",
)


def register_queryset() -> QuerySet[Complaint]:
    """Return the published complaints, loading only the columns the public may see."""
    return (
        Complaint.objects.published()
        .select_related("category", "department")
        .only(*REGISTER_COLUMNS)
        .order_by("-submitted_at", "-id")
    )


def register_search(params) -> tuple[QuerySet[Complaint], "ComplaintFilter"]:
    """Filter the register by the query string; return the queryset and the bound filter."""
    from complaints.filters import ComplaintFilter

    complaint_filter = ComplaintFilter(params, queryset=register_queryset())
    return complaint_filter.qs, complaint_filter


def public_complaint(protocol: str) -> Complaint | None:
    """Return a published complaint by protocol number, with its public timeline and photos."""
    return (
        register_queryset()
        .prefetch_related(
            public_timeline_prefetch(),
            Prefetch(
                "attachments",
                queryset=public_photos().only("id", "complaint_id", "media_type"),
                to_attr="public_photos",
            ),
        )
        .filter(protocol_number=protocol)
        .first()
    )


def public_photos() -> QuerySet[Attachment]:
    """Return the images staff approved for the public pages of published complaints."""
    return Attachment.objects.filter(
        is_public_photo=True,
        complaint__is_published=True,
        media_type__in=("image/jpeg", "image/png"),
    ).order_by("uploaded_at", "id")


def public_timeline_prefetch() -> Prefetch:
    """Prefetch the events a citizen may see, without staff names or internal notes."""
    return Prefetch(
        "timeline",
        queryset=TimelineEntry.objects.filter(is_public=True)
        .select_related("department")
        .defer("actor")
        .order_by("created_at", "id"),
        to_attr="public_timeline",
    )


def tracked_complaint(protocol: str) -> Complaint | None:
    """Return a complaint for its citizen's tracking page (the caller checked who they are)."""
    return (
        Complaint.objects.select_related("category", "department", "duplicate_of")
        .prefetch_related(public_timeline_prefetch())
        .filter(protocol_number=protocol.strip(), anonymised_at__isnull=True)
        .first()
    )


def complaint_by_tracking_secret(protocol: str, secret: str) -> Complaint | None:
    """Return the complaint when the private link's secret matches, else None."""
    complaint = tracked_complaint(protocol)
    expected = complaint.tracking_secret_hash if complaint else token_hash("")
    matches = hmac.compare_digest(expected, token_hash(secret or ""))
    return complaint if complaint is not None and matches else None


def complaint_by_protocol_and_email(protocol: str, email: str) -> Complaint | None:
    """Return the complaint when the email is the citizen's, else None (the same either way)."""
    complaint = tracked_complaint(protocol)
    given = (email or "").strip().casefold().encode()
    expected = complaint.citizen_email.strip().casefold().encode() if complaint else b"\x00"
    matches = bool(given) and hmac.compare_digest(expected, given)
    return complaint if complaint is not None and matches else None


# The register's map draws at most this many points, the newest.
MAP_POINTS = 2000


def map_points(queryset: QuerySet[Complaint]) -> list[dict]:
    """Return the public points (rounded to about 100 m) of complaints with a pin, newest first."""
    digits = PUBLIC_COORDINATE_DIGITS
    rows = queryset.filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "protocol_number",
        "status",
        "public_area",
        "category__name",
        "category__name_en",
        Round(F("latitude"), digits),
        Round(F("longitude"), digits),
    )[:MAP_POINTS]
    return [
        {
            "protocol_number": protocol,
            "status": status,
            "area": area,
            "category": translated_value({"name": category, "name_en": category_en}, "name"),
            "lat": float(latitude),
            "lng": float(longitude),
        }
        for protocol, status, area, category, category_en, latitude, longitude in rows
    ]


@dataclass(frozen=True)
class OwnComplaint:
    """One of a citizen's complaints on their dashboard, with its last public update."""

    complaint: Complaint
    last_update_at: datetime | None
    last_update_label: StrOrPromise


def citizen_complaints(citizen, *, limit: int = 50) -> list[OwnComplaint]:
    """A citizen's own complaints, newest first, each with its last public update.

    One query however many there are: the last public event of each is a subquery.
    """
    last = TimelineEntry.objects.filter(complaint=OuterRef("pk"), is_public=True).order_by(
        "-created_at", "-id"
    )
    complaints = (
        Complaint.objects.filter(citizen=citizen, anonymised_at__isnull=True)
        .select_related("category")
        .only(
            "protocol_number",
            "kind",
            "subject",
            "status",
            "deadline",
            "submitted_at",
            "category__name",
            "category__name_en",
        )
        .annotate(
            last_update_at=Subquery(last.values("created_at")[:1]),
            last_update_kind=Subquery(last.values("kind")[:1]),
        )
        .order_by("-submitted_at", "-id")[:limit]
    )
    return [
        OwnComplaint(
            complaint=complaint,
            last_update_at=complaint.last_update_at,
            last_update_label=(
                TimelineKind(complaint.last_update_kind).label if complaint.last_update_kind else ""
            ),
        )
        for complaint in complaints
    ]
