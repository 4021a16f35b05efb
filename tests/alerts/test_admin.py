"""The back office of alerts: read only, scoped; addresses only for data-protection duty;
the data-protection tool finds, exports and erases an address and its alerts."""

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Permission

from alerts.models import Delivery, Subscriber, Subscription
from portal.roles import Role
from tests.alerts.factories import SubscriptionFactory
from tests.portal.factories import DepartmentFactory, staff_user
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/alerts/subscription/"


def test_department_staff_cannot_open_the_alerts(client):
    SubscriptionFactory()
    sign_in(client, staff_user(department=DepartmentFactory(), roles=(Role.DEPARTMENT_STAFF,)))
    assert client.get(CHANGELIST).status_code == 403


def test_staff_without_data_protection_duty_see_what_is_subscribed_not_who(client):
    subscription = SubscriptionFactory(subscriber__email="eleni@example.gr", summary="CPV 4523")
    viewer = staff_user()
    viewer.user_permissions.add(Permission.objects.get(codename="view_subscription"))
    sign_in(client, viewer)
    listing = client.get(CHANGELIST).content.decode()
    assert "CPV 4523" in listing and "eleni@example.gr" not in listing
    page = client.get(f"{CHANGELIST}{subscription.pk}/change/")
    assert page.status_code == 200 and "eleni@example.gr" not in page.content.decode()
    # Nor can they find someone's alerts by address.
    assert "CPV 4523" not in client.get(CHANGELIST, {"q": "eleni"}).content.decode()


def test_the_transparency_department_sees_addresses_and_can_change_nothing(client):
    subscription = SubscriptionFactory(subscriber__email="eleni@example.gr")
    sign_in(client, staff_user(roles=(Role.TRANSPARENCY_STAFF,)))
    assert "eleni@example.gr" in client.get(CHANGELIST).content.decode()
    page = client.get(f"{CHANGELIST}{subscription.pk}/change/").content.decode()
    assert "eleni@example.gr" in page and 'name="_save"' not in page
    assert client.post(f"{CHANGELIST}{subscription.pk}/delete/").status_code == 403
    assert client.get(f"{CHANGELIST}add/").status_code == 403


def test_the_change_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    subscription = SubscriptionFactory()
    sign_in(client, staff_user(roles=(Role.TRANSPARENCY_STAFF,)))
    with django_assert_max_num_queries(12):
        assert client.get(f"{CHANGELIST}{subscription.pk}/change/").status_code == 200
    for _ in range(30):
        SubscriptionFactory()
    with django_assert_max_num_queries(12):
        assert client.get(CHANGELIST).status_code == 200


def test_the_data_protection_tool_exports_and_erases_an_address_and_its_alerts(client, send):
    mine = SubscriptionFactory(subscriber__email="Eleni@Example.gr", criteria={"cpv": "45"})
    theirs = SubscriptionFactory(subscriber__email="kostas@example.gr")
    Delivery.objects.create(
        subscriber=mine.subscriber, kind="digest", sent_at=mine.created_at, token_hash="a" * 64
    )
    sign_in(client, staff_user(roles=(Role.TRANSPARENCY_STAFF,)))
    url = "/admin/portal/auditentry/personal-data/"

    response = client.post(url, {"email": "eleni@example.gr", "action": "export"})
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    [record] = data["alerts"]
    assert record["email"] == "Eleni@Example.gr"
    assert record["subscriptions"][0]["criteria"] == {"cpv": "45"}
    assert len(record["emails_sent"]) == 1

    client.post(url, {"email": "eleni@example.gr", "action": "erase", "confirm": "on"})
    assert not Subscriber.objects.filter(email__iexact="eleni@example.gr").exists()
    assert not Delivery.objects.exists()
    assert list(Subscription.objects.all()) == [theirs]
