"""Alerts of the complaints register: new and changed complaints by category and place,
and every public update of one complaint (`portal.alerting`).

Events come from the public timeline of published complaints and carry only what
the register and the complaint's public page show: the public summary, category,
area, department and status, the kind of update (never its text), and the
coordinates rounded to about 100 m for matching a map rectangle.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django import forms
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints.models import (
    PUBLIC_COORDINATE_DIGITS,
    Category,
    Complaint,
    Kind,
    Status,
    TimelineEntry,
    TimelineKind,
)
from portal.alerting import AlertSource, Event, FollowSource, phrase
from portal.forms import GovGrFormMixin
from portal.municipality import Text, municipality
from portal.privacy import public_columns
from portal.search import normalize
from portal.types import StrOrPromise

# The complaint's columns an event may carry: the register's whitelist, through the model's.
COMPLAINT_COLUMNS = public_columns(
    Complaint,
    "protocol_number",
    "kind",
    "public_summary",
    "public_area",
    "status",
    "category__code",
    "category__name",
    "category__name_en",
    "department__name",
    "department__name_en",
)
# What the register's subscribers hear of: new complaints in it and their status changes.
REGISTER_KINDS = (TimelineKind.PUBLISHED, TimelineKind.STATUS_CHANGED)
SUMMARY_CHARS = 300


def _text(row: Mapping[str, Any], name: str) -> Text:
    return Text.of({"el": row[name] or "", "en": row.get(f"{name}_en") or ""})


def _what(kind: str, to_status: str, department: Text):
    """The heading of a timeline entry, as the complaint's public page words it."""
    if kind == TimelineKind.SUBMITTED:
        return _("Υποβλήθηκε")
    if kind == TimelineKind.FORWARDED:
        return phrase(_("Διαβιβάστηκε στην αρμόδια υπηρεσία: %(name)s"), name=department)
    if kind == TimelineKind.STATUS_CHANGED:
        return phrase(
            _("Η κατάσταση του αιτήματος είναι «%(status)s»"), status=Status(to_status).label
        )
    if kind == TimelineKind.PUBLISHED:
        return _("Δημοσιεύθηκε στο μητρώο")
    headings: dict[str, StrOrPromise] = {
        TimelineKind.PUBLIC_REPLY: _("Απάντηση του Δήμου"),
        TimelineKind.INFORMATION_REQUESTED: _("Ο Δήμος ζήτησε συμπληρωματικά στοιχεία"),
        TimelineKind.CITIZEN_MESSAGE: _("Συμπληρωματικά στοιχεία του πολίτη"),
        TimelineKind.SATISFACTION: _("Αξιολόγηση της επίλυσης"),
        TimelineKind.DUPLICATE_MARKED: _("Εξετάζεται μαζί με όμοιο αίτημα"),
    }
    return headings.get(kind, TimelineKind(kind).label)


def public_events(*, since: datetime, until: datetime, register: bool = False) -> Iterable[Event]:
    """Yield the public timeline entries of published complaints in the window, oldest first.

    For the register, only its news: publications (a staff entry, but the complaint
    appearing in the register is public) and public status changes.
    """
    entries = TimelineEntry.objects.filter(
        created_at__gt=since, created_at__lte=until, complaint__is_published=True
    )
    if register:
        entries = entries.filter(
            Q(kind=TimelineKind.PUBLISHED) | Q(kind=TimelineKind.STATUS_CHANGED, is_public=True)
        )
    else:
        entries = entries.filter(is_public=True)
    digits = PUBLIC_COORDINATE_DIGITS
    rows = (
        entries.order_by("created_at", "id")
        .values(
            "id",
            "kind",
            "created_at",
            "to_status",
            "department__name",
            "department__name_en",
            *(f"complaint__{column}" for column in COMPLAINT_COLUMNS),
            latitude=Round(F("complaint__latitude"), digits),
            longitude=Round(F("complaint__longitude"), digits),
        )
        .iterator(chunk_size=2000)
    )
    for row in rows:
        complaint = {key.removeprefix("complaint__"): value for key, value in row.items()}
        yield _event(row, complaint)


def _event(row: Mapping[str, Any], complaint: Mapping[str, Any]) -> Event:
    category = _text(complaint, "category__name")
    facts: list[tuple[Any, Any]] = [
        (_("Κατηγορία"), category),
        (_("Κατάσταση"), Status(complaint["status"]).label),
        (_("Αρμόδια υπηρεσία"), _text(complaint, "department__name")),
    ]
    if complaint["public_area"]:
        facts.insert(1, (_("Περιοχή"), complaint["public_area"]))
    latitude, longitude = row["latitude"], row["longitude"]
    return Event(
        key=f"complaints.timeline:{row['id']}",
        happened_at=row["created_at"],
        subject=complaint["protocol_number"],
        title=Truncator(complaint["public_summary"]).chars(SUMMARY_CHARS),
        what=_what(row["kind"], row["to_status"], _text(row, "department__name")),
        url_name="complaints:detail",
        url_kwargs={"protocol": complaint["protocol_number"]},
        facts=(
            (Kind(complaint["kind"]).label, complaint["protocol_number"]),
            *facts,
        ),
        attributes={
            "kind": row["kind"],
            "category": complaint["category__code"],
            "area": normalize(complaint["public_area"]),
            "point": None if latitude is None else (float(latitude), float(longitude)),
        },
    )


# --- the register: by category, street or area, map rectangle ------------------------------


def _categories():
    return [
        (code, Text.of({"el": name, "en": name_en}))
        for code, name, name_en in Category.objects.filter(is_active=True)
        .order_by("group", "position", "name")
        .values_list("code", "name", "name_en")
    ]


class RegisterCriteriaForm(GovGrFormMixin, forms.Form):
    """What a subscriber to the register asks for: categories, a street or area, a rectangle."""

    categories = forms.MultipleChoiceField(
        label=_("Κατηγορίες"),
        required=False,
        choices=_categories,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Καμία επιλογή: όλες οι κατηγορίες."),
        error_messages={"invalid_choice": _("Επιλέξτε κατηγορίες από τη λίστα.")},
    )
    area = forms.CharField(
        label=_("Οδός ή περιοχή"),
        required=False,
        max_length=120,
        help_text=_("Όπως γράφεται στο μητρώο, π.χ. Εγνατία. Έως 120 χαρακτήρες."),
        error_messages={"max_length": _("Συμπληρώστε έως %(limit_value)d χαρακτήρες.")},
    )
    south = forms.DecimalField(
        label=_("Νότιο όριο (γεωγραφικό πλάτος)"), required=False, max_digits=9, decimal_places=6
    )
    west = forms.DecimalField(
        label=_("Δυτικό όριο (γεωγραφικό μήκος)"), required=False, max_digits=9, decimal_places=6
    )
    north = forms.DecimalField(
        label=_("Βόρειο όριο (γεωγραφικό πλάτος)"), required=False, max_digits=9, decimal_places=6
    )
    east = forms.DecimalField(
        label=_("Ανατολικό όριο (γεωγραφικό μήκος)"),
        required=False,
        max_digits=9,
        decimal_places=6,
    )

    BOX = ("south", "west", "north", "east")

    def clean_area(self):
        return " ".join(self.cleaned_data["area"].split())

    def clean(self):
        data = super().clean()
        box = [data.get(name) for name in self.BOX]
        if any(value is not None for value in box) and not self.errors:
            if any(value is None for value in box):
                raise forms.ValidationError(
                    _("Συμπληρώστε και τα τέσσερα όρια της περιοχής στον χάρτη, ή κανένα.")
                )
            south, west, north, east = box
            bounds = municipality().bounds
            inside = bounds.contains(south, west) and bounds.contains(north, east)
            if not (south < north and west < east and inside):
                raise forms.ValidationError(
                    _(
                        "Τα όρια της περιοχής πρέπει να σχηματίζουν ορθογώνιο μέσα στα όρια "
                        "του Δήμου (πλάτος %(south)s έως %(north)s, μήκος %(west)s έως %(east)s)."
                    )
                    % {
                        "south": bounds.south,
                        "north": bounds.north,
                        "west": bounds.west,
                        "east": bounds.east,
                    }
                )
        if not self.errors and not (data.get("categories") or data.get("area") or box[0]):
            raise forms.ValidationError(
                _("Επιλέξτε τουλάχιστον μία κατηγορία, μια οδό ή περιοχή, ή ένα τμήμα του χάρτη.")
            )
        return data

    def criteria(self) -> dict[str, Any]:
        data = self.cleaned_data
        criteria: dict[str, Any] = {}
        if data["categories"]:
            criteria["categories"] = sorted(data["categories"])
        if data["area"]:
            criteria["area"] = data["area"]
        if data["south"] is not None:
            criteria |= {name: str(data[name]) for name in self.BOX}
        return criteria


class _RegisterWanted:
    """A register subscription's criteria, prepared for matching many events."""

    __slots__ = ("area", "box", "categories")

    def __init__(self, criteria: Mapping[str, Any]):
        self.categories = frozenset(criteria.get("categories") or ())
        self.area = normalize(criteria.get("area", ""))
        self.box = (
            tuple(float(criteria[name]) for name in RegisterCriteriaForm.BOX)
            if "south" in criteria
            else None
        )

    def matches(self, event: Event) -> bool:
        attributes = event.attributes
        if attributes["kind"] not in REGISTER_KINDS:
            return False
        if self.categories and attributes["category"] not in self.categories:
            return False
        if self.area and self.area not in attributes["area"]:
            return False
        if self.box is not None:
            point = attributes["point"]
            if point is None:
                return False
            south, west, north, east = self.box
            return south <= point[0] <= north and west <= point[1] <= east
        return True


class RegisterSource(AlertSource):
    key = "complaints.register"
    label = _("Αιτήματα & καταγγελίες: το δημόσιο μητρώο")
    description = _(
        "Νέα αιτήματα που δημοσιεύονται στο μητρώο και αλλαγές της κατάστασής τους, "
        "ανά κατηγορία, οδό ή περιοχή του χάρτη."
    )
    form_class = RegisterCriteriaForm

    def events(self, *, since, until):
        return public_events(since=since, until=until, register=True)

    def matches(self, criteria, event):
        return _RegisterWanted(criteria).matches(event)

    def initial(self, params):
        initial = super().initial(params)
        # The register's own filter names one category.
        if params.get("category") and "categories" not in initial:
            initial["categories"] = [params["category"]]
        return initial

    def matcher(self, events):
        # Criteria are prepared once per subscription; those naming categories look only
        # at the events of those categories.
        by_category: dict[str, list[int]] = {}
        for position, event in enumerate(events):
            by_category.setdefault(event.attributes["category"], []).append(position)

        def match(criteria):
            wanted = _RegisterWanted(criteria)
            candidates = events
            if wanted.categories:
                positions = set().union(*(by_category.get(code, ()) for code in wanted.categories))
                candidates = [events[position] for position in sorted(positions)]
            return [event for event in candidates if wanted.matches(event)]

        return match

    def describe(self, criteria):
        lines = []
        if codes := criteria.get("categories"):
            names = dict(_categories())
            listed = ", ".join(str(names.get(code, code)) for code in codes)
            lines.append(gettext("Κατηγορίες: %(names)s") % {"names": listed})
        if area := criteria.get("area"):
            lines.append(gettext("Οδός ή περιοχή: %(area)s") % {"area": area})
        if "south" in criteria:
            lines.append(
                gettext("Περιοχή του χάρτη: πλάτος %(south)s–%(north)s, μήκος %(west)s–%(east)s")
                % {name: criteria[name] for name in RegisterCriteriaForm.BOX}
            )
        return lines


# --- one complaint ----------------------------------------------------------------------------


class ComplaintCriteriaForm(GovGrFormMixin, forms.Form):
    """The one published complaint a subscriber follows, by its protocol number."""

    protocol = forms.CharField(
        label=_("Αριθμός πρωτοκόλλου"),
        max_length=11,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Δεν βρέθηκε δημοσιευμένο αίτημα με αυτόν τον αριθμό πρωτοκόλλου."),
            "max_length": _("Δεν βρέθηκε δημοσιευμένο αίτημα με αυτόν τον αριθμό πρωτοκόλλου."),
        },
    )

    def clean_protocol(self):
        protocol = self.cleaned_data["protocol"].strip()
        if not Complaint.objects.published().filter(protocol_number=protocol).exists():
            raise forms.ValidationError(
                _("Δεν βρέθηκε δημοσιευμένο αίτημα με αυτόν τον αριθμό πρωτοκόλλου.")
            )
        return protocol

    def criteria(self) -> dict[str, Any]:
        return {"protocol": self.cleaned_data["protocol"]}


class ComplaintSource(FollowSource):
    key = "complaints.complaint"
    label = _("Ένα αίτημα του μητρώου")
    description = _("Κάθε δημόσια ενημέρωση ενός αιτήματος: αλλαγές κατάστασης, διαβιβάσεις.")
    form_class = ComplaintCriteriaForm
    subject_field = "protocol"

    def events(self, *, since, until):
        return public_events(since=since, until=until)

    def describe(self, criteria):
        summary = (
            Complaint.objects.published()
            .filter(protocol_number=criteria.get("protocol"))
            .values_list("public_summary", flat=True)
            .first()
        )
        lines = [gettext("Αίτημα %(number)s") % {"number": criteria.get("protocol")}]
        if summary:
            lines.append(Truncator(summary).chars(120))
        return lines


register = RegisterSource()
complaint = ComplaintSource()
