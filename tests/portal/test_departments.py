import pytest
from django.apps import apps

from tests.portal.factories import DepartmentFactory


@pytest.mark.django_db
def test_department_directory_lists_active_top_level_units_with_their_sub_units(client):
    parent = DepartmentFactory(name="Διεύθυνση Τεχνικών Έργων")
    DepartmentFactory(name="Τμήμα Ηλεκτροφωτισμού", parent=parent)
    DepartmentFactory(name="Καταργημένη Υπηρεσία", is_active=False)
    html = client.get("/departments/").content.decode()
    assert "Διεύθυνση Τεχνικών Έργων" in html
    assert "Τμήμα Ηλεκτροφωτισμού" in html
    assert "Καταργημένη Υπηρεσία" not in html


@pytest.mark.django_db
def test_department_directory_query_count_does_not_grow_with_departments(
    client, django_assert_max_num_queries
):
    for index in range(30):
        parent = DepartmentFactory()
        DepartmentFactory(parent=parent, name=f"Υποτμήμα {index}")
    with django_assert_max_num_queries(3):
        assert client.get("/departments/").status_code == 200


@pytest.mark.django_db
def test_department_page_shows_duties_and_contacts(client):
    department = DepartmentFactory(
        name="Αυτοτελές Τμήμα Διαφάνειας",
        responsibilities="Παραλαβή αιτημάτων\nΔιαβίβαση στις αρμόδιες υπηρεσίες",
        phones="2313 317390, 2313 317394",
        email="diafaneia@thessaloniki.gr",
    )
    html = client.get(department.get_absolute_url()).content.decode()
    assert "<li>Παραλαβή αιτημάτων</li>" in html
    assert "<li>Διαβίβαση στις αρμόδιες υπηρεσίες</li>" in html
    assert 'href="tel:2313317394"' in html


@pytest.mark.django_db
def test_inactive_department_page_is_not_found(client):
    department = DepartmentFactory(is_active=False)
    assert client.get(department.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_transparency_department_has_its_eighteen_duties_in_the_demo_data(client):
    import random
    from datetime import date
    from io import StringIO

    from django.core.management.base import OutputWrapper

    from portal import seed
    from portal.seeding import SeedContext

    seed.seed(SeedContext(random.Random(1), 1, date(2026, 1, 1), OutputWrapper(StringIO())))
    html = client.get("/departments/diafaneia/").content.decode()
    assert html.count("<li>", html.index("portal-duties")) >= 18
    assert "<h1" in html and "Τμήμα Διαφάνειας</h1>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("sub_units", [1, 12])
def test_department_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, sub_units
):
    parent = DepartmentFactory(name="Γενική Διεύθυνση")
    department = DepartmentFactory(parent=parent, name="Διεύθυνση Καθαριότητας")
    for index in range(sub_units):
        DepartmentFactory(parent=department, name=f"Τμήμα {index}")
    # The unit and its sub-units, and one query for each block the apps add (portal.organisation).
    sections = sum(len(getattr(config, "unit_sections", ())) for config in apps.get_app_configs())
    with django_assert_max_num_queries(2 + sections):
        response = client.get(department.get_absolute_url())
    assert response.status_code == 200
    assert "Τμήμα 0" in response.content.decode()
