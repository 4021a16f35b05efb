"""Categories in the admin: questions inline, CSV import by code with the department's slug."""

import re

import pytest
import tablib

from complaints.models import Category
from complaints.resources import CategoryResource
from tests.complaints.backoffice import transparency_officer
from tests.portal.factories import DepartmentFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

HEADERS = ["code", "name", "group", "description", "keywords", "department", "response_days"]


def dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_a_dry_run_import_writes_nothing():
    roads = DepartmentFactory(slug="odopoiia")

    result = CategoryResource().import_data(
        dataset(("lakkouves", "Λακκούβες", "roads", "", "", roads.slug, "")), dry_run=True
    )

    assert not result.has_errors()
    assert not Category.objects.exists()


def test_an_import_creates_and_then_updates_by_code():
    roads = DepartmentFactory(slug="odopoiia")

    CategoryResource().import_data(
        dataset(("lakkouves", "Λακκούβες", "roads", "", "", roads.slug, "")), dry_run=False
    )
    CategoryResource().import_data(
        dataset(("lakkouves", "Λακκούβες οδοστρώματος", "roads", "", "", roads.slug, "20")),
        dry_run=False,
    )

    category = Category.objects.get()
    assert (category.name, category.department, category.response_days) == (
        "Λακκούβες οδοστρώματος",
        roads,
        20,
    )


def test_an_unknown_department_is_reported_and_nothing_is_written():
    result = CategoryResource().import_data(
        dataset(("lakkouves", "Λακκούβες", "roads", "", "", "nowhere", "")), dry_run=False
    )

    assert result.has_validation_errors() or result.has_errors()
    assert not Category.objects.exists()


def test_transparency_staff_manage_categories_with_import(client):
    sign_in(client, transparency_officer(DepartmentFactory()))

    page = client.get("/admin/complaints/category/").content.decode()
    form = client.get("/admin/complaints/category/add/").content.decode()

    assert "/admin/complaints/category/import/" in page
    assert "questions-TOTAL_FORMS" in form


def test_the_export_page_keeps_to_the_content_security_policy(client):
    sign_in(client, transparency_officer(DepartmentFactory()))

    html = client.get("/admin/complaints/category/export/").content.decode()

    assert 'class="select-toggle"' in html and "js/admin_export.js" in html
    assert not re.search(r"\son[a-z]+=|\sstyle=|<script>", html)
