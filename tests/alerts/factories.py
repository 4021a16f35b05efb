"""Factories of the alerts app (citizens: tests.accounts.factories)."""

from datetime import timedelta

import factory
from django.utils import timezone

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
