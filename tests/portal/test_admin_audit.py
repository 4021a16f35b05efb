"""Edits made in the back office's plain forms reach the audit log, by field name only."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import capfirst
from import_export.admin import ExportMixin

from appointments.models import Closure, OpeningHours
from complaints.models import Category
from portal.admin_audit import AuditedExportMixin
from portal.models import ApiKey, AuditEntry
from portal.roles import Role
from tests.admin_forms import admin_form_data
from tests.appointments.factories import ServiceFactory
from tests.complaints.factories import CategoryFactory
from tests.portal.factories import DepartmentFactory, UserFactory, staff_user
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, user)
    return user


def _label(model, field: str) -> str:
    """The field's name as the admin's change message writes it."""
    return capfirst(model._meta.get_field(field).verbose_name)


def _save(client, url, **changes):
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_a_department_edit_names_the_changed_field_and_not_its_value(client, superuser):
    department = DepartmentFactory(email="old@thessaloniki.gr")
    _save(
        client,
        reverse("admin:portal_department_change", args=[department.pk]),
        email="new-desk@thessaloniki.gr",
    )
    entry = AuditEntry.objects.get(action="portal.department.changed")
    assert entry.actor == superuser
    assert entry.object_id == str(department.pk)
    assert entry.data["changes"] == [{"changed": {"fields": ["Email"]}}]
    assert entry.data["personal_fields"] == ["email"]
    assert "new-desk" not in str(entry.data) and "old@" not in str(entry.data)


def test_a_changed_non_personal_field_keeps_its_before_and_after(client, superuser):
    department = DepartmentFactory(name="Τμήμα Πρασίνου", email="desk@thessaloniki.gr")
    _save(
        client,
        reverse("admin:portal_department_change", args=[department.pk]),
        name="Τμήμα Πρασίνου και Πάρκων",
        email="park@thessaloniki.gr",
    )
    entry = AuditEntry.objects.get(action="portal.department.changed")
    assert entry.data["values"]["name"] == {
        "before": "Τμήμα Πρασίνου",
        "after": "Τμήμα Πρασίνου και Πάρκων",
    }
    assert "email" not in entry.data["values"]
    assert entry.data["personal_fields"] == ["email"]
    assert "park@" not in str(entry.data)


def test_deleting_a_user_leaves_the_history_readable(client, superuser):
    clerk = staff_user(username="m.georgiou", is_superuser=True)
    sign_in(client, clerk)
    department = DepartmentFactory()
    _save(
        client,
        reverse("admin:portal_department_change", args=[department.pk]),
        name="Νέο όνομα",
    )
    clerk.delete()
    entry = AuditEntry.objects.get(action="portal.department.changed")
    assert entry.actor is None
    assert entry.actor_username == "m.georgiou"
    sign_in(client, superuser)
    listing = client.get(reverse("admin:portal_auditentry_changelist")).content.decode()
    assert "m.georgiou" in listing


def test_giving_a_staff_member_a_role_is_audited(client, superuser):
    clerk = staff_user(roles=(Role.DEPARTMENT_STAFF,))
    url = reverse("admin:auth_user_change", args=[clerk.pk])
    data = admin_form_data(client.get(url))
    data["groups"] = [
        str(pk)
        for pk in Group.objects.filter(
            name__in=[Role.DEPARTMENT_STAFF, Role.TRANSPARENCY_STAFF]
        ).values_list("pk", flat=True)
    ]
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="auth.user.changed", object_id=str(clerk.pk))
    assert entry.actor == superuser
    # Django stores the labels of its own fields untranslated, as its admin log does.
    assert "Groups" in entry.data["changes"][0]["changed"]["fields"]


def test_opening_hours_changed_inline_are_part_of_the_service_entry(client, superuser):
    service = ServiceFactory()
    url = reverse("admin:appointments_service_change", args=[service.pk])
    data = admin_form_data(client.get(url))
    data["hours-0-end"] = "13:00:00"
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="appointments.service.changed")
    assert entry.data["changes"][0]["changed"]["fields"] == [_label(OpeningHours, "end")]
    assert entry.data["changes"][0]["changed"]["name"] == "ωράριο"


def test_deleting_categories_in_bulk_audits_each_one(client, superuser):
    kept, *gone = CategoryFactory.create_batch(3)
    response = client.post(
        reverse("admin:complaints_category_changelist"),
        {"action": "delete_selected", "_selected_action": [c.pk for c in gone], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(Category.objects.all()) == [kept]
    deleted = AuditEntry.objects.filter(action="complaints.category.deleted")
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(str(c.pk) for c in gone)


def test_a_closure_saved_by_its_service_is_audited_once(client, superuser):
    service = ServiceFactory()
    response = client.post(
        reverse("admin:appointments_closure_add"),
        {"service": service.pk, "date": "2026-12-08", "reason": "Απεργία"},
    )
    assert response.status_code == 302
    closure = Closure.objects.get()
    assert AuditEntry.objects.filter(object_id=str(closure.pk)).count() == 1
    client.post(reverse("admin:appointments_closure_delete", args=[closure.pk]), {"post": "yes"})
    assert AuditEntry.objects.filter(action="appointments.closure.deleted").count() == 1


def test_revoking_an_api_key_is_audited(client, superuser):
    client.post(
        reverse("admin:portal_apikey_add"),
        {
            "name": "Εφαρμογή",
            "owner": "Εταιρεία",
            "owner_email": "",
            "is_active": "on",
            "hourly_quota": "50",
        },
    )
    key = ApiKey.objects.get()
    assert key.hourly_quota == 50
    url = reverse("admin:portal_apikey_change", args=[key.pk])
    data = admin_form_data(client.get(url))
    data.pop("is_active")
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="portal.apikey.changed")
    assert entry.data["changes"] == [{"changed": {"fields": [_label(ApiKey, "is_active")]}}]
    assert entry.data["values"] == {"is_active": {"before": True, "after": False}}


def test_every_admin_with_an_import_export_export_audits_it():
    exporting = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, ExportMixin)
    ]
    assert "CategoryAdmin" in exporting  # the check below sees the admins that export
    for model_admin in admin.site._registry.values():
        if isinstance(model_admin, ExportMixin):
            assert isinstance(model_admin, AuditedExportMixin), type(model_admin).__name__


def test_an_admin_export_is_audited_with_who_and_how_many_rows(client, superuser):
    CategoryFactory.create_batch(3)
    url = reverse("admin:complaints_category_export")
    form = client.get(url).context["form"]
    data = {
        name: "on" for name, field in form.fields.items() if field.widget.input_type == "checkbox"
    }
    csv = next(value for value, label in form.fields["format"].choices if label == "csv")
    response = client.post(url, {**data, "format": csv})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = response.content.decode("utf-8-sig").strip().splitlines()
    entry = AuditEntry.objects.get(action="complaints.category.exported")
    assert entry.actor == superuser and entry.actor_username == superuser.username
    assert entry.data["rows"] == len(rows) - 1 == 3
    assert "code" in entry.data["columns"]
