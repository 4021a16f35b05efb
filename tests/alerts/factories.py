"""Factories of the alerts app, and a signed-in citizen for the test client."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import Citizen
from accounts.selectors import SESSION_CITIZEN, SESSION_GENERATION
from alerts.models import Frequency, Status, Subscriber, Subscription


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"syndromitis{n}@example.gr")


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """An active subscription, confirmed an hour ago (events made in a test come after it)."""

    class Meta:
        model = Subscription

    subscriber = factory.SubFactory(SubscriberFactory)
    source = "procurement.notices"
    criteria = factory.LazyFunction(lambda: {"cpv": "30192"})
    frequency = Frequency.DAILY
    status = Status.ACTIVE
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen

    first_name = "Ελένη"
    last_name = "Ζαχαρίου"
    email = factory.Sequence(lambda n: f"politis{n}@example.gr")
    email_verified_at = factory.LazyFunction(timezone.now)


def sign_in_citizen(client, citizen: Citizen) -> None:
    """Sign a citizen in on the test client, as `accounts.services.citizen_sign_in` leaves it."""
    session = client.session
    session[SESSION_CITIZEN] = citizen.pk
    session[SESSION_GENERATION] = citizen.session_generation
    session.save()
