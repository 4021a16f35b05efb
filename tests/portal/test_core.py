import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from portal.models import AuditEntry
from portal.roles import Role, has_role
from portal.services import audit_log
from tests.portal.factories import DepartmentFactory, staff_user

ROOT = Path(__file__).resolve().parents[2]


def _settings_env(**overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "HTTPS", "ALLOWED_HOSTS", "GSIS_STANDIN"}
    }
    env.update(overrides)
    return env


def test_settings_refuse_to_start_in_production_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings"],
        cwd=ROOT,
        env=_settings_env(DEBUG="0", DATABASE_URL="postgresql://u@127.0.0.1:1/none"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_settings_env(
            DEBUG="0",
            SECRET_KEY="x" * 20 + "production-grade-secret-key-with-entropy-4f8a9c2e7b",
            ALLOWED_HOSTS="diafaneia.thessaloniki.gr",
            DATABASE_URL=settings.DATABASE_URL,
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_migrations_are_up_to_date():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_role_groups_exist_after_migrating():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.value for role in Role} <= names


@pytest.mark.django_db
def test_transparency_staff_have_the_audit_log_and_department_staff_do_not():
    transparency = Group.objects.get(name=Role.TRANSPARENCY_STAFF.value)
    department_staff = Group.objects.get(name=Role.DEPARTMENT_STAFF.value)
    assert transparency.permissions.filter(codename="view_auditentry").exists()
    assert not department_staff.permissions.filter(codename="view_auditentry").exists()


@pytest.mark.django_db
def test_has_role_follows_group_membership():
    clerk = staff_user(department=DepartmentFactory(), roles=(Role.DEPARTMENT_STAFF,))
    assert has_role(clerk, Role.DEPARTMENT_STAFF)
    assert not has_role(clerk, Role.TRANSPARENCY_STAFF)


@pytest.mark.django_db
def test_audit_log_records_actor_action_object_and_data():
    department = DepartmentFactory(name="Τμήμα Ηλεκτροφωτισμού")
    clerk = staff_user(department=department)
    audit_log(
        actor=clerk, action="portal.department.changed", obj=department, data={"field": "email"}
    )
    entry = AuditEntry.objects.get()
    assert entry.actor == clerk
    assert entry.action == "portal.department.changed"
    assert entry.object_id == str(department.pk)
    assert entry.object_repr == "Τμήμα Ηλεκτροφωτισμού"
    assert entry.data == {"field": "email"}


@pytest.mark.django_db
def test_audit_log_is_read_only_in_the_admin(admin_client):
    department = DepartmentFactory()
    entry = audit_log(actor=None, action="portal.department.created", obj=department)
    assert admin_client.get("/admin/portal/auditentry/").status_code == 200
    assert admin_client.get("/admin/portal/auditentry/add/").status_code == 403
    response = admin_client.post(f"/admin/portal/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_admin_is_branded_and_in_greek(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Δήμος Θεσσαλονίκης — Διαφάνεια" in html
    assert 'lang="el"' in html


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_seed_demo_runs_once_and_is_deterministic():
    from django.contrib.auth.models import User

    from portal.models import Department

    call_command("seed_demo", stdout=StringIO())
    first = list(Department.objects.order_by("slug").values_list("slug", "name", "parent__slug"))
    call_command("seed_demo", stdout=StringIO())
    assert Department.objects.count() == len(first)
    call_command("seed_demo", "--reset", stdout=StringIO())
    again = list(Department.objects.order_by("slug").values_list("slug", "name", "parent__slug"))
    assert again == first
    assert User.objects.filter(username="diafaneia").count() == 1


@pytest.mark.django_db
def test_api_keys_are_stored_hashed_and_verified_by_their_plain_value():
    from portal.models import ApiKey
    from portal.services import api_key_create, api_key_verify

    key, plain = api_key_create(name="FixMyStreet", owner="mySociety")
    stored = ApiKey.objects.get(pk=key.pk)
    assert plain not in (stored.key_hash, stored.prefix)
    assert api_key_verify(plain) == key
    assert api_key_verify(plain + "x") is None
    assert api_key_verify("") is None
    ApiKey.objects.filter(pk=key.pk).update(is_active=False)
    assert api_key_verify(plain) is None


@pytest.mark.django_db
def test_admin_shows_a_new_api_key_once(admin_client):
    from portal.models import ApiKey

    response = admin_client.post(
        "/admin/portal/apikey/add/",
        {
            "name": "Εφαρμογή κινητού",
            "owner": "Δήμος",
            "owner_email": "",
            "is_active": "on",
            "hourly_quota": "10",
        },
        follow=True,
    )
    key = ApiKey.objects.get()
    html = response.content.decode()
    assert f"{key.prefix}." in html
    assert "δεν θα εμφανιστεί ξανά" in html
    assert (
        f"{key.prefix}."
        not in admin_client.get(f"/admin/portal/apikey/{key.pk}/change/").content.decode()
    )
