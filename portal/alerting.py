"""Alerts by email: each app that publishes says where its public events come from.

An app declares on its AppConfig

    alert_sources = ("procurement.alerts.notices", "procurement.alerts.followed")

dotted paths to `AlertSource` objects. The alerts app asks every source for the
public events of a time window and lets the source match them against a
subscription's saved criteria; it never names an app. An app added later
(calls, consultations, surveys) joins by declaring its own sources, and calls
`public_change_on_commit()` where it makes something public, so that
subscribers who asked for immediate alerts hear of it after the commit.

An event carries only what the app's public page shows: a source builds it
from the app's public selectors, never from a private column.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django import forms
from django.apps import apps
from django.db import transaction
from django.utils.functional import lazy
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from portal.municipality import Text
from portal.types import StrOrPromise


@dataclass(frozen=True, slots=True, eq=False)
class Event:
    """One public change, exactly as the public page shows it.

    `key` names the event across the portal ("complaints.timeline:812"): a person
    never receives the same key twice. `subject` names what changed (a protocol
    number, a procurement's id), for those who follow that one thing.
    `attributes` are what the source's own matcher reads; they are public too.
    """

    key: str
    happened_at: datetime
    subject: str
    title: str
    what: StrOrPromise
    url_name: str
    url_kwargs: Mapping[str, Any]
    facts: tuple[tuple[StrOrPromise, "StrOrPromise | Text"], ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=dict)


def phrase(message: StrOrPromise, **params: object) -> StrOrPromise:
    """`message` (marked with gettext_lazy) translated and filled in when it is rendered.

    An event is built once and rendered in each subscriber's language, so its
    sentences wait for the language: `phrase(_("Η κατάσταση είναι «%(status)s»"), status=…)`.
    Parameters may be lazy too (choice labels, `Text`).
    """

    def render() -> str:
        return gettext(str(message)) % {name: str(value) for name, value in params.items()}

    return lazy(render, str)()


Matcher = Callable[[Mapping[str, Any]], Iterable[Event]]


class AlertSource(ABC):
    """Where one kind of alert comes from: its events, its criteria form, its matcher.

    Subclasses set `key` (stored on subscriptions, e.g. "procurement.notices"),
    `label`, `form_class` (a form whose `criteria()` returns the saved filter as
    JSON-ready data, and which accepts that data back to check it again), and
    implement `events`, `matches` and `describe`. A source that follows one
    thing extends `FollowSource`.
    """

    key: str
    label: StrOrPromise
    description: StrOrPromise = ""
    form_class: type[forms.Form]
    follows_one: bool = False

    @abstractmethod
    def events(self, *, since: datetime, until: datetime) -> Iterable[Event]:
        """Yield the public events with `since < happened_at <= until`."""

    @abstractmethod
    def matches(self, criteria: Mapping[str, Any], event: Event) -> bool:
        """Tell whether an event falls under a subscription's saved criteria."""

    @abstractmethod
    def describe(self, criteria: Mapping[str, Any]) -> list[str]:
        """Say in words, in the active language, what a subscription asks for."""

    def initial(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The criteria form's initial values from a public list's query string."""
        initial: dict[str, Any] = {}
        for name, form_field in self.form_class.base_fields.items():
            if name not in params:
                continue
            many = isinstance(form_field, forms.MultipleChoiceField)
            getlist = getattr(params, "getlist", None)
            if many and getlist is not None:
                initial[name] = getlist(name)
            else:
                initial[name] = params[name]
        return initial

    def matcher(self, events: Sequence[Event]) -> Matcher:
        """Prepare to match many subscriptions against the same events; return the matcher.

        The default tries every event; a source may index the events first.
        """
        return lambda criteria: [event for event in events if self.matches(criteria, event)]


class FollowSource(AlertSource):
    """A source whose subscriptions follow one thing: every public update of it."""

    follows_one = True
    subject_field: str

    def subject_of(self, criteria: Mapping[str, Any]) -> str:
        """The one thing a subscription of this source follows."""
        return str(criteria.get(self.subject_field, ""))

    def matches(self, criteria: Mapping[str, Any], event: Event) -> bool:
        return event.subject == self.subject_of(criteria)

    def matcher(self, events: Sequence[Event]) -> Matcher:
        by_subject: dict[str, list[Event]] = {}
        for event in events:
            by_subject.setdefault(event.subject, []).append(event)
        return lambda criteria: by_subject.get(self.subject_of(criteria), ())


@cache
def _sources() -> dict[str, AlertSource]:
    found: dict[str, AlertSource] = {}
    for config in apps.get_app_configs():
        for path in getattr(config, "alert_sources", ()):
            source = import_string(path)
            found[source.key] = source
    return found


def alert_sources() -> dict[str, AlertSource]:
    """Every source the installed apps declare, by key, in the order of INSTALLED_APPS."""
    return _sources()


def public_change_on_commit() -> None:
    """Once the current transaction commits, tell the listeners that something public changed.

    An app that listens (the alerts app, for immediate alerts) declares
    `public_change_listener = "dotted.path"` on its AppConfig: a callable taking
    no arguments, which should only queue work.
    """
    for config in apps.get_app_configs():
        path = getattr(config, "public_change_listener", None)
        if path:
            transaction.on_commit(import_string(path))
