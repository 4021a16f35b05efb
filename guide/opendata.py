"""The guide's open data: the CSV's columns (described once), its rows and the JSON records."""

from django.utils.translation import gettext_lazy as _

from guide.models import FeeKind, OutputKind, Procedure
from guide.selectors import published_procedures
from portal.catalogue import Column, TableSchema
from portal.catalogue import coverage as span
from portal.urls_iri import absolute_uri

CSV_SCHEMA = TableSchema(
    columns=(
        Column("slug", "string", _("Κωδικός της διαδικασίας στην πύλη."), {"required": True}),
        Column("title", "string", _("Επίσημος τίτλος."), {"required": True}),
        Column("alternative_titles", "string", _("Εναλλακτικοί τίτλοι, χωρισμένοι με « | ».")),
        Column("summary", "string", _("Σύντομη περιγραφή.")),
        Column("department", "string", _("Κωδικός της αρμόδιας υπηρεσίας."), {"required": True}),
        Column("department_name", "string", _("Αρμόδια υπηρεσία.")),
        Column("life_events", "string", _("Γεγονότα ζωής (κωδικοί), χωρισμένα με κενό.")),
        Column(
            "output_kind",
            "string",
            _("Είδος αποτελέσματος (κωδικός)."),
            {"enum": OutputKind.values},
        ),
        Column("output", "string", _("Τι παίρνει ο πολίτης.")),
        Column("fee_kind", "string", _("Κόστος: none, fixed ή range."), {"enum": FeeKind.values}),
        Column("fee_min_eur", "number", _("Κόστος ή ελάχιστο κόστος, σε ευρώ.")),
        Column("fee_max_eur", "number", _("Μέγιστο κόστος, σε ευρώ (για range).")),
        Column("duration", "string", _("Εκτιμώμενη διάρκεια κατά ISO 8601 (π.χ. P10D).")),
        Column("evidence_count", "integer", _("Πλήθος δικαιολογητικών."), {"minimum": 0}),
        Column("channels", "string", _("Τρόποι εξυπηρέτησης (desk, online, phone, email).")),
        Column("online_url", "string", _("Σύνδεσμος της ηλεκτρονικής υπηρεσίας, αν υπάρχει.")),
        Column("legal_basis", "string", _("Νομική βάση, χωρισμένη με « | ».")),
        Column("mitos_id", "string", _("Κωδικός της διαδικασίας στο ΜΙΤΟΣ (mitos.gov.gr).")),
        Column("appointment_service", "string", _("Κωδικός της υπηρεσίας ραντεβού, αν υπάρχει.")),
        Column("last_reviewed_on", "date", _("Τελευταίος έλεγχος από την υπηρεσία.")),
        Column("url", "string", _("Η σελίδα της διαδικασίας."), {"required": True}),
    ),
    primary_key=("slug",),
)


def coverage():
    """The days the guide covers: the oldest review to the latest change."""
    return span(published_procedures(), "last_reviewed_on", "updated_at")


def csv_rows(procedures, base_url: str):
    """The CSV rows of procedures fetched by `selectors.open_data_procedures`."""
    for p in procedures:
        yield [
            p.slug,
            p.title,
            " | ".join(p.alternative_title_list),
            p.summary,
            p.department.slug,
            p.department.name,
            " ".join(event.slug for event in p.life_events.all()),
            p.output_kind,
            p.output,
            p.fee_kind,
            p.fee_amount if p.fee_amount is not None else "",
            p.fee_max if p.fee_max is not None else "",
            p.duration,
            len(p.evidence.all()),
            " ".join(dict.fromkeys(c.kind for c in p.channels.all())),
            absolute_uri(base_url, p.online_channel.value) if p.online_channel else "",
            " | ".join(r.citation for r in p.legal_resources.all()),
            p.mitos_id,
            p.appointment_service.slug if p.appointment_service else "",
            p.last_reviewed_on.isoformat(),
            absolute_uri(base_url, p.get_absolute_url()),
        ]


def json_record(p: Procedure, base_url: str) -> dict:
    """One procedure as plain JSON, with its documents, legal basis and channels."""
    return {
        "slug": p.slug,
        "url": absolute_uri(base_url, p.get_absolute_url()),
        "title": p.title,
        "alternative_titles": p.alternative_title_list,
        "summary": p.summary,
        "description": p.description,
        "audience": p.audience,
        "department": {"slug": p.department.slug, "name": p.department.name},
        "life_events": [event.slug for event in p.life_events.all()],
        "output_kind": p.output_kind,
        "output": p.output,
        "fee": {
            "kind": p.fee_kind,
            "min_eur": str(p.fee_amount) if p.fee_amount is not None else None,
            "max_eur": str(p.fee_max) if p.fee_max is not None else None,
            "note": p.fee_note,
        },
        "duration": p.duration,
        "steps": p.step_list,
        "evidence": [
            {
                "title": e.title,
                "note": e.note,
                "obtained_by_office": e.obtained_by_office,
                "form": absolute_uri(base_url, e.form.url) if e.form else None,
            }
            for e in p.evidence.all()
        ],
        "legal_basis": [
            {
                "citation": r.citation,
                "title": r.title,
                "url": r.url and absolute_uri(base_url, r.url),
            }
            for r in p.legal_resources.all()
        ],
        "channels": [{"kind": c.kind, "value": c.value, "note": c.note} for c in p.channels.all()],
        "remarks": p.remarks,
        "mitos_id": p.mitos_id or None,
        "appointment_service": p.appointment_service.slug if p.appointment_service else None,
        "complaint_category": p.complaint_category.code if p.complaint_category else None,
        "last_reviewed_on": p.last_reviewed_on.isoformat(),
        "updated_at": p.updated_at.isoformat(),
    }
