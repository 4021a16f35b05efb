"""Alerts of procurement: new notices matching a saved filter, the way suppliers use TED
alerts, and every public update of one procurement (`portal.alerting`).

Events come from published procurements only and carry what their public page
shows: title, description (for keywords), CPV codes, department, procedure,
status, budget, deadline, and for one procurement its KIMDIS stages and documents.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from heapq import merge
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.alerting import AlertSource, Event, FollowSource, phrase
from portal.forms import GovGrFormMixin
from portal.models import Department
from portal.municipality import Text
from portal.search import normalize
from procurement.models import ContractType, Document, Procedure, Procurement, Stage, StageKind
from procurement.models import Status as ProcurementStatus

TITLE_CHARS = 300
MAX_CPV_PREFIXES = 10
MAX_WORDS = 12
_CPV = re.compile(r"^(\d{2,8})(?:-\d)?$")
_SEPARATORS = re.compile(r"[\s,;]+")
_WORD = re.compile(r"[^\W_]+")

# The columns of a procurement its alerts carry: what its public page shows.
PROCUREMENT_COLUMNS = (
    "id",
    "title",
    "description",
    "contract_type",
    "procedure",
    "status",
    "cpv_codes",
    "estimated_total",
    "submission_deadline",
    "published_at",
    "status_changed_at",
    "department__slug",
    "department__name",
    "department__name_en",
)


def _euros(amount: Decimal):
    return lazy(lambda: formats.number_format(amount, 2, force_grouping=True) + " €", str)()


def _when(moment: datetime):
    local = timezone.localtime(moment)
    return lazy(lambda: formats.date_format(local, "SHORT_DATETIME_FORMAT"), str)()


def _department(row: Mapping[str, Any], prefix: str = "") -> Text:
    return Text.of(
        {"el": row[f"{prefix}department__name"], "en": row[f"{prefix}department__name_en"]}
    )


def _facts(row: Mapping[str, Any]) -> tuple:
    facts: list[tuple[Any, Any]] = [
        (_("Κατάσταση"), ProcurementStatus(row["status"]).label),
        (_("Διαδικασία"), Procedure(row["procedure"]).label),
        (_("Είδος σύμβασης"), ContractType(row["contract_type"]).label),
        (_("Αρμόδια υπηρεσία"), _department(row)),
        (_("Προϋπολογισμός με ΦΠΑ"), _euros(row["estimated_total"])),
    ]
    if row["cpv_codes"]:
        facts.append((_("Κωδικοί CPV"), ", ".join(row["cpv_codes"])))
    if row["submission_deadline"]:
        facts.append((_("Καταληκτική ημερομηνία υποβολής"), _when(row["submission_deadline"])))
    return tuple(facts)


def _procurement_event(row: Mapping[str, Any], *, key: str, happened_at, what) -> Event:
    return Event(
        key=key,
        happened_at=happened_at,
        subject=str(row["id"]),
        title=Truncator(row["title"]).chars(TITLE_CHARS),
        what=what,
        url_name="procurement:detail",
        url_kwargs={"pk": row["id"]},
        facts=_facts(row),
        attributes={
            "cpv": tuple(code.replace("-", "") for code in row["cpv_codes"]),
            "text": normalize(f"{row['title']} {row['description']}"),
            "department": row["department__slug"],
            "procedure": row["procedure"],
        },
    )


def _published(since: datetime, until: datetime):
    return Procurement.objects.filter(is_published=True).filter(
        published_at__gt=since, published_at__lte=until
    )


def notice_events(*, since: datetime, until: datetime) -> Iterable[Event]:
    """Yield the procurements published in the window, oldest first."""
    rows = (
        _published(since, until)
        .order_by("published_at", "id")
        .values(*PROCUREMENT_COLUMNS)
        .iterator(chunk_size=1000)
    )
    for row in rows:
        yield _procurement_event(
            row,
            key=f"procurement.published:{row['id']}",
            happened_at=row["published_at"],
            what=phrase(
                _("Νέα δημοσίευση: %(procedure)s"), procedure=Procedure(row["procedure"]).label
            ),
        )


def update_events(*, since: datetime, until: datetime) -> Iterable[Event]:
    """Yield every public update of published procurements in the window, oldest first:
    publication, status changes, KIMDIS stages and documents."""
    status_rows = (
        Procurement.objects.filter(is_published=True)
        .filter(status_changed_at__gt=since, status_changed_at__lte=until)
        .order_by("status_changed_at", "id")
        .values(*PROCUREMENT_COLUMNS)
    )
    statuses = (
        _procurement_event(
            row,
            key=_status_key(row),
            happened_at=row["status_changed_at"],
            what=phrase(
                _("Η κατάσταση είναι «%(status)s»"),
                status=ProcurementStatus(row["status"]).label,
            ),
        )
        for row in status_rows.iterator(chunk_size=1000)
    )
    stage_rows = (
        Stage.objects.filter(procurement__is_published=True)
        .filter(created_at__gt=since, created_at__lte=until)
        .order_by("created_at", "id")
        .values(
            "id",
            "kind",
            "adam",
            "amount",
            "created_at",
            "supplier__name",
            *(f"procurement__{column}" for column in PROCUREMENT_COLUMNS),
        )
    )
    stages = (_stage_event(row) for row in stage_rows.iterator(chunk_size=1000))
    document_rows = (
        Document.objects.filter(procurement__is_published=True)
        .filter(uploaded_at__gt=since, uploaded_at__lte=until)
        .order_by("uploaded_at", "id")
        .values(
            "id",
            "title",
            "uploaded_at",
            *(f"procurement__{column}" for column in PROCUREMENT_COLUMNS),
        )
    )
    documents = (_document_event(row) for row in document_rows.iterator(chunk_size=1000))
    published = (
        _procurement_event(
            row,
            key=f"procurement.published:{row['id']}",
            happened_at=row["published_at"],
            what=_("Δημοσιεύθηκε στην πύλη"),
        )
        for row in _published(since, until)
        .order_by("published_at", "id")
        .values(*PROCUREMENT_COLUMNS)
        .iterator(chunk_size=1000)
    )
    return merge(published, statuses, stages, documents, key=lambda event: event.happened_at)


def _status_key(row: Mapping[str, Any]) -> str:
    # A procurement keeps only its last status change: its time tells one change from another.
    moment = int(row["status_changed_at"].timestamp() * 1_000_000)
    return f"procurement.status:{row['id']}:{row['status']}:{moment}"


def _of_procurement(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key.removeprefix("procurement__"): value
        for key, value in row.items()
        if key.startswith("procurement__")
    }


def _stage_event(row: Mapping[str, Any]) -> Event:
    event = _procurement_event(
        _of_procurement(row),
        key=f"procurement.stage:{row['id']}",
        happened_at=row["created_at"],
        what=phrase(
            _("Νέο στάδιο στο ΚΗΜΔΗΣ: %(stage)s, ΑΔΑΜ %(adam)s"),
            stage=StageKind(row["kind"]).label,
            adam=row["adam"],
        ),
    )
    extra: list[tuple[Any, Any]] = []
    if row["amount"] is not None:
        extra.append((_("Ποσό με ΦΠΑ"), _euros(row["amount"])))
    if row["supplier__name"]:
        extra.append((_("Ανάδοχος"), row["supplier__name"]))
    return _with_facts(event, extra)


def _document_event(row: Mapping[str, Any]) -> Event:
    return _procurement_event(
        _of_procurement(row),
        key=f"procurement.document:{row['id']}",
        happened_at=row["uploaded_at"],
        what=phrase(_("Νέο έγγραφο: %(title)s"), title=row["title"]),
    )


def _with_facts(event: Event, extra: list) -> Event:
    return replace(event, facts=(*extra, *event.facts)) if extra else event


# --- new notices: a saved filter ---------------------------------------------------------------


def _departments():
    return [("", _("Όλες"))] + [
        (slug, Text.of({"el": name, "en": name_en}))
        for slug, name, name_en in Department.objects.filter(is_active=True)
        .order_by("name")
        .values_list("slug", "name", "name_en")
    ]


class NoticeCriteriaForm(GovGrFormMixin, forms.Form):
    """A supplier's saved filter: CPV prefixes, keywords, department, procedure."""

    cpv = forms.CharField(
        label=_("Κωδικοί CPV"),
        required=False,
        max_length=120,
        help_text=_(
            "Ολόκληροι ή τα πρώτα ψηφία, χωρισμένα με κόμμα, π.χ. 45233, 3413 (έως 10 κωδικοί)."
        ),
        error_messages={"max_length": _("Συμπληρώστε έως %(limit_value)d χαρακτήρες.")},
    )
    words = forms.CharField(
        label=_("Λέξεις-κλειδιά"),
        required=False,
        max_length=200,
        help_text=_("Όλες οι λέξεις στον τίτλο ή στην περιγραφή, π.χ. ασφαλτόστρωση."),
        error_messages={"max_length": _("Συμπληρώστε έως %(limit_value)d χαρακτήρες.")},
    )
    department = forms.ChoiceField(
        label=_("Αρμόδια υπηρεσία"),
        required=False,
        choices=_departments,
        error_messages={"invalid_choice": _("Επιλέξτε υπηρεσία από τη λίστα.")},
    )
    procedure = forms.ChoiceField(
        label=_("Διαδικασία"),
        required=False,
        choices=[("", _("Όλες")), *Procedure.choices],
        error_messages={"invalid_choice": _("Επιλέξτε διαδικασία από τη λίστα.")},
    )

    def clean_cpv(self):
        prefixes = []
        for item in _SEPARATORS.split(self.cleaned_data["cpv"].strip()):
            if not item:
                continue
            found = _CPV.match(item)
            if found is None:
                raise forms.ValidationError(
                    _(
                        "Ο κωδικός CPV «%(code)s» δεν είναι έγκυρος: γράψτε από 2 έως 8 ψηφία, "
                        "π.χ. 45233."
                    )
                    % {"code": Truncator(item).chars(20)}
                )
            prefixes.append(found.group(1))
        if len(prefixes) > MAX_CPV_PREFIXES:
            raise forms.ValidationError(
                _("Συμπληρώστε έως %(count)d κωδικούς CPV.") % {"count": MAX_CPV_PREFIXES}
            )
        return sorted(set(prefixes))

    def clean_words(self):
        words = " ".join(self.cleaned_data["words"].split())
        if len(_WORD.findall(words)) > MAX_WORDS:
            raise forms.ValidationError(
                _("Συμπληρώστε έως %(count)d λέξεις.") % {"count": MAX_WORDS}
            )
        return words

    def clean(self):
        data = super().clean()
        if not self.errors and not any(
            data.get(name) for name in ("cpv", "words", "department", "procedure")
        ):
            raise forms.ValidationError(
                _(
                    "Συμπληρώστε τουλάχιστον ένα κριτήριο: κωδικό CPV, λέξεις-κλειδιά, "
                    "υπηρεσία ή διαδικασία."
                )
            )
        return data

    def criteria(self) -> dict[str, Any]:
        data = self.cleaned_data
        criteria: dict[str, Any] = {}
        if data["cpv"]:
            criteria["cpv"] = ", ".join(data["cpv"])
        for name in ("words", "department", "procedure"):
            if data[name]:
                criteria[name] = data[name]
        return criteria


class _NoticeWanted:
    """A saved filter, prepared for matching many notices."""

    __slots__ = ("cpv", "department", "procedure", "words")

    def __init__(self, criteria: Mapping[str, Any]):
        self.cpv = tuple(filter(None, _SEPARATORS.split(criteria.get("cpv", ""))))
        self.words = tuple(_WORD.findall(normalize(criteria.get("words", ""))))
        self.department = criteria.get("department", "")
        self.procedure = criteria.get("procedure", "")

    def matches(self, event: Event) -> bool:
        attributes = event.attributes
        if self.department and attributes["department"] != self.department:
            return False
        if self.procedure and attributes["procedure"] != self.procedure:
            return False
        if self.cpv and not any(
            code.startswith(prefix) for code in attributes["cpv"] for prefix in self.cpv
        ):
            return False
        text = attributes["text"]
        return all(word in text for word in self.words)


class NoticeSource(AlertSource):
    key = "procurement.notices"
    label = _("Προμήθειες: νέες δημοσιεύσεις")
    description = _(
        "Νέοι διαγωνισμοί και αναθέσεις που ταιριάζουν στο φίλτρο σας: κωδικοί CPV, "
        "λέξεις-κλειδιά, αρμόδια υπηρεσία, διαδικασία."
    )
    form_class = NoticeCriteriaForm

    def events(self, *, since, until):
        return notice_events(since=since, until=until)

    def matches(self, criteria, event):
        return _NoticeWanted(criteria).matches(event)

    def matcher(self, events):
        # Suppliers' filters name CPV prefixes: each looks only at the notices with one.
        by_prefix: dict[str, list[int]] = {}
        for position, event in enumerate(events):
            prefixes = {code[:length] for code in event.attributes["cpv"] for length in range(2, 9)}
            for prefix in prefixes:
                by_prefix.setdefault(prefix, []).append(position)

        def match(criteria):
            wanted = _NoticeWanted(criteria)
            candidates = events
            if wanted.cpv:
                positions = set().union(*(by_prefix.get(prefix, ()) for prefix in wanted.cpv))
                candidates = [events[position] for position in sorted(positions)]
            return [event for event in candidates if wanted.matches(event)]

        return match

    def initial(self, params):
        initial = super().initial(params)
        if params.get("q") and "words" not in initial:
            initial["words"] = params["q"]
        return initial

    def describe(self, criteria):
        lines = []
        if cpv := criteria.get("cpv"):
            lines.append(gettext("Κωδικοί CPV: %(codes)s") % {"codes": cpv})
        if words := criteria.get("words"):
            lines.append(gettext("Λέξεις-κλειδιά: %(words)s") % {"words": words})
        if slug := criteria.get("department"):
            names = dict(_departments())
            lines.append(gettext("Αρμόδια υπηρεσία: %(name)s") % {"name": names.get(slug, slug)})
        if procedure := criteria.get("procedure"):
            lines.append(gettext("Διαδικασία: %(name)s") % {"name": Procedure(procedure).label})
        return lines


# --- one procurement ---------------------------------------------------------------------------


class ProcurementCriteriaForm(GovGrFormMixin, forms.Form):
    """The one published procurement a subscriber follows."""

    procurement = forms.IntegerField(
        label=_("Διαγωνισμός"),
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": _("Δεν βρέθηκε δημοσιευμένος διαγωνισμός."),
            "invalid": _("Δεν βρέθηκε δημοσιευμένος διαγωνισμός."),
            "min_value": _("Δεν βρέθηκε δημοσιευμένος διαγωνισμός."),
            "max_value": _("Δεν βρέθηκε δημοσιευμένος διαγωνισμός."),
        },
    )

    def clean_procurement(self):
        pk = self.cleaned_data["procurement"]
        if not Procurement.objects.filter(pk=pk, is_published=True).exists():
            raise forms.ValidationError(_("Δεν βρέθηκε δημοσιευμένος διαγωνισμός."))
        return pk

    def criteria(self) -> dict[str, Any]:
        return {"procurement": str(self.cleaned_data["procurement"])}


class ProcurementSource(FollowSource):
    key = "procurement.procurement"
    label = _("Ένας διαγωνισμός ή μια ανάθεση")
    description = _("Κάθε δημόσια ενημέρωση: κατάσταση, στάδια στο ΚΗΜΔΗΣ, έγγραφα.")
    form_class = ProcurementCriteriaForm
    subject_field = "procurement"

    def events(self, *, since, until):
        return update_events(since=since, until=until)

    def describe(self, criteria):
        title = (
            Procurement.objects.filter(pk=int(criteria.get("procurement") or 0), is_published=True)
            .values_list("title", flat=True)
            .first()
        )
        return [Truncator(title).chars(200)] if title else []


notices = NoticeSource()
procurement = ProcurementSource()
