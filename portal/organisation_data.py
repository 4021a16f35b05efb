"""The organisation (ΟΕΥ) as open data: one row per active unit, with its parent."""

from django.db.models import Case, CharField, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Column, TableSchema
from portal.models import Department, UnitKind
from portal.privacy import public_columns
from portal.selectors import current_organisation_decision, organisation_units

UNITS_SCHEMA = TableSchema(
    columns=(
        Column("slug", "string", _("Κωδικός της μονάδας."), {"required": True, "unique": True}),
        Column(
            "parent", "string", _("Κωδικός της μονάδας στην οποία υπάγεται (κενό στην κορυφή).")
        ),
        Column("kind", "string", _("Επίπεδο στον ΟΕΥ (κωδικός)."), {"enum": UnitKind.values}),
        Column("name", "string", _("Ονομασία."), {"required": True}),
        Column("name_en", "string", _("Ονομασία στα αγγλικά.")),
        Column("head_title", "string", _("Η θέση του προϊσταμένου.")),
        Column("head_name", "string", _("Όνομα προϊσταμένου, μόνο όπου η υπηρεσία το δημοσιεύει.")),
        Column("competences", "string", _("Οι αρμοδιότητες, αριθμημένες, χωρισμένες με « | ».")),
        Column("address", "string", _("Διεύθυνση.")),
        Column("floor", "string", _("Όροφος.")),
        Column("office", "string", _("Γραφείο.")),
        Column("phones", "string", _("Τηλέφωνα.")),
        Column("email", "string", _("Email της υπηρεσίας.")),
        Column("opening_hours", "string", _("Ωράριο εξυπηρέτησης.")),
    ),
    primary_key=("slug",),
)

COLUMNS = public_columns(
    Department,
    "slug",
    "parent__slug",
    "kind",
    "name",
    "name_en",
    "head_title",
    "responsibilities",
    "address",
    "floor",
    "office",
    "phones",
    "email",
    "opening_hours",
)


def coverage():
    """The organisation as it stands since the decision in force, to today (None without one)."""
    decision = current_organisation_decision()
    if decision is None:
        return None
    return decision.decided_on, timezone.localdate()


def unit_rows() -> list[dict]:
    """Each active unit as a dict of its public columns, the head's name only where shown."""
    shown_name = Case(
        When(show_head_name=True, then=F("head_name")), default=Value(""), output_field=CharField()
    )
    rows = (
        organisation_units()
        .annotate(shown_head_name=shown_name)
        .values(*COLUMNS, "shown_head_name")
    )
    active = {row["slug"] for row in rows}
    result = []
    for row in rows:
        competences = [
            line.strip() for line in row["responsibilities"].splitlines() if line.strip()
        ]
        parent = row["parent__slug"] if row["parent__slug"] in active else ""
        result.append(
            {
                "slug": row["slug"],
                "parent": parent,
                "kind": row["kind"],
                "name": row["name"],
                "name_en": row["name_en"],
                "head_title": row["head_title"],
                "head_name": row["shown_head_name"],
                "competences": competences,
                "address": row["address"],
                "floor": row["floor"],
                "office": row["office"],
                "phones": row["phones"],
                "email": row["email"],
                "opening_hours": row["opening_hours"],
            }
        )
    return result


def csv_row(unit: dict) -> list:
    competences = " | ".join(
        f"{number}. {text}" for number, text in enumerate(unit["competences"], 1)
    )
    return [competences if name == "competences" else unit[name] for name in UNITS_SCHEMA.header]
