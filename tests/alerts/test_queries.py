"""The alerts pages run a fixed number of queries, with one subscription or many."""

import pytest
from django.core import mail

from tests.alerts.factories import SubscriberFactory, SubscriptionFactory
from tests.alerts.helpers import tokens
from tests.complaints.factories import CategoryFactory
from tests.portal.factories import DepartmentFactory
from tests.procurement.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("many", [1, 25])
def test_the_forms_are_budgeted(client, django_assert_max_num_queries, many):
    for _ in range(many):
        CategoryFactory()
        DepartmentFactory()
    procurement = ProcurementFactory()
    with django_assert_max_num_queries(4):
        assert client.get("/alerts/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/alerts/new/procurement.notices/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/alerts/new/complaints.register/").status_code == 200
    with django_assert_max_num_queries(5):
        page = client.get(f"/alerts/new/procurement.procurement/?procurement={procurement.pk}")
        assert page.status_code == 200


@pytest.mark.parametrize("many", [1, 25])
def test_the_management_and_unsubscribe_pages_are_budgeted(
    client, send, django_assert_max_num_queries, many
):
    subscriber = SubscriberFactory()
    for number in range(many):
        SubscriptionFactory(subscriber=subscriber, criteria={"cpv": f"45{number:02d}"})
    ProcurementFactory(cpv_codes=[f"45{number:02d}0000-0" for number in range(many)])
    send()
    [message] = mail.outbox
    client.get(f"/alerts/manage/{tokens(message, 'manage')[0]}/")
    with django_assert_max_num_queries(6):
        page = client.get("/alerts/manage/")
    assert page.content.decode().count('name="subscription"') == many
    with django_assert_max_num_queries(5):
        assert (
            client.get(f"/alerts/unsubscribe/{tokens(message, 'unsubscribe')[0]}/").status_code
            == 200
        )
