"""Reads of the portal core."""

from typing import cast

from django.db.models import Prefetch, QuerySet

from portal.models import BlockedSender, Department, OrganisationDecision, StaffProfile
from portal.roles import Role, has_role
from portal.types import Actor


def department_list() -> QuerySet[Department]:
    """Return active top-level departments with their active sub-units."""
    children = Department.objects.filter(is_active=True).order_by("position", "name")
    return (
        Department.objects.filter(is_active=True, parent__isnull=True)
        .prefetch_related(Prefetch("children", queryset=children, to_attr="active_children"))
        .order_by("position", "name")
    )


def department_detail_queryset() -> QuerySet[Department]:
    """Return active departments ready for their public page."""
    children = Department.objects.filter(is_active=True).order_by("position", "name")
    return (
        Department.objects.filter(is_active=True)
        .select_related("parent")
        .prefetch_related(Prefetch("children", queryset=children, to_attr="active_children"))
    )


def organisation_units() -> QuerySet[Department]:
    """Every active unit of the ΟΕΥ, in the order the chart shows them (one query)."""
    return Department.objects.filter(is_active=True).order_by("position", "name")


def current_organisation_decision() -> OrganisationDecision | None:
    return OrganisationDecision.objects.filter(is_current=True).order_by("-decided_on").first()


def sees_all_departments(user: Actor) -> bool:
    """Tell whether a staff user sees every department's work (Transparency staff)."""
    return has_role(user, Role.TRANSPARENCY_STAFF)


_NOT_LOOKED_UP = object()


def staff_department(user: Actor) -> Department | None:
    """Return the department a staff user works for, or None.

    The StaffProfile is read once per user object, that is once per request
    (`request.user` lives as long as the request): the admin asks many times.
    """
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_staff_department", _NOT_LOOKED_UP)
    if cached is not _NOT_LOOKED_UP:
        return cast("Department | None", cached)
    profile = StaffProfile.objects.select_related("department").filter(user_id=user.pk).first()
    department = profile.department if profile else None
    # A per-request cache on the user object, not a field User declares.
    setattr(user, "_staff_department", department)  # noqa: B010
    return department


def is_blocked_sender(email: str) -> bool:
    """Tell whether this address, or its domain, is on the staff's list of blocked senders."""
    email = (email or "").strip().lower()
    if "@" not in email:
        return False
    domain = email.rsplit("@", 1)[1]
    return BlockedSender.objects.filter(value__in=[email, domain]).exists()
