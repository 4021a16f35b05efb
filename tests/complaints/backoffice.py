"""Builders shared by the back-office tests (admin, reports, exports)."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from portal.roles import Role
from tests.portal.factories import staff_user


def clerk_of(department, *roles: Role):
    """A staff member of the department (Department staff unless other roles are given)."""
    return staff_user(department=department, roles=roles or (Role.DEPARTMENT_STAFF,))


def transparency_officer(department):
    return staff_user(department=department, roles=(Role.TRANSPARENCY_STAFF,))


def revoke(role: Role, codename: str) -> None:
    """Take a permission away from a role's group (for tests of what it then cannot do)."""
    Group.objects.get(name=role.value).permissions.remove(
        Permission.objects.get(content_type__app_label="complaints", codename=codename)
    )


def change_url(complaint) -> str:
    return reverse("admin:complaints_complaint_change", args=[complaint.pk])


def act_url(complaint, action: str) -> str:
    return reverse("admin:complaints_complaint_act", args=[complaint.pk, action])


CHANGELIST = "/admin/complaints/complaint/"
