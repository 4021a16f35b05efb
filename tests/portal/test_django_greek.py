"""The Greek strings Django 6.1 lacks (locale_django) reach the admin and its calendar."""

import json
import re

import pytest

from tests.portal.factories import DepartmentFactory, UserFactory
from tests.signin import sign_in


@pytest.fixture
def superuser_client(client, db):
    sign_in(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def test_greek_admin_changelist_runs_actions_in_greek(superuser_client):
    DepartmentFactory()

    html = superuser_client.get("/admin/portal/department/").content.decode()

    assert 'lang="el"' in html
    assert "Ενέργεια:" in html  # from Django's own Greek catalogue
    assert ">Εκτέλεση</button>" in html
    assert ">Run</button>" not in html
    assert "Μετάβαση στο κύριο περιεχόμενο" in html
    assert "Skip to main content" not in html


def test_greek_admin_javascript_catalogue_has_the_day_names(superuser_client):
    response = superuser_client.get("/admin/jsi18n/")

    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\n  \});", response.content.decode(), re.DOTALL)
    catalogue = json.loads(found.group(1))
    assert catalogue["January"] == "Ιανουάριος"  # from Django's own Greek catalogue
    assert catalogue["Sunday"] == "Κυριακή"
    assert catalogue["abbrev. day Monday\x04Mon"] == "Δευ"
    assert catalogue["Today (%(date)s)"] == "Σήμερα (%(date)s)"
