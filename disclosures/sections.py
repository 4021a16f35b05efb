"""The sections of a declaration that the law lists, and what each one holds."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.types import StrOrPromise


class Section(models.TextChoices):
    REAL_ESTATE = "real_estate", _("Ακίνητα")
    VEHICLES = "vehicles", _("Οχήματα και σκάφη")
    DEPOSITS = "deposits", _("Καταθέσεις και επενδύσεις")
    INCOME = "income", _("Εισοδήματα")
    LOANS = "loans", _("Δάνεια και υποχρεώσεις")
    HOLDINGS = "holdings", _("Συμμετοχές σε επιχειρήσεις")
    OTHER = "other", _("Λοιπά περιουσιακά στοιχεία")


@dataclass(frozen=True)
class SectionSpec:
    """Which entry fields a section uses, which it needs, and how it is totalled."""

    fields: tuple[str, ...]
    required: tuple[str, ...]
    kinds: tuple[str, ...]
    kind_label: StrOrPromise
    monetary: bool
    entry_label: StrOrPromise  # one entry of the section, as the admin names a row


ENTRY_DATA_FIELDS = (
    "kind",
    "description",
    "location",
    "area_m2",
    "year",
    "institution",
    "share_percent",
    "amount",
)

SECTIONS: dict[str, SectionSpec] = {
    Section.REAL_ESTATE: SectionSpec(
        fields=("kind", "location", "area_m2", "year", "share_percent"),
        required=("kind", "location", "area_m2"),
        kinds=(
            "Διαμέρισμα",
            "Μονοκατοικία",
            "Κατάστημα",
            "Γραφείο",
            "Αποθήκη",
            "Θέση στάθμευσης",
            "Οικόπεδο",
            "Αγροτεμάχιο",
        ),
        kind_label=_("Είδος ακινήτου"),
        monetary=False,
        entry_label=_("ακίνητο"),
    ),
    Section.VEHICLES: SectionSpec(
        fields=("kind", "year", "share_percent"),
        required=("kind", "year"),
        kinds=("Επιβατικό", "Δίκυκλο", "Φορτηγό", "Αγροτικό", "Σκάφος"),
        kind_label=_("Είδος οχήματος"),
        monetary=False,
        entry_label=_("όχημα"),
    ),
    Section.DEPOSITS: SectionSpec(
        fields=("kind", "institution", "amount"),
        required=("kind", "institution", "amount"),
        kinds=(
            "Καταθέσεις όψεως",
            "Καταθέσεις ταμιευτηρίου",
            "Προθεσμιακές καταθέσεις",
            "Μετοχές",
            "Ομόλογα",
            "Αμοιβαία κεφάλαια",
            "Ασφαλιστικά προϊόντα",
        ),
        kind_label=_("Είδος"),
        monetary=True,
        entry_label=_("κατάθεση ή επένδυση"),
    ),
    Section.INCOME: SectionSpec(
        fields=("kind", "description", "amount"),
        required=("kind", "amount"),
        kinds=(
            "Μισθωτές υπηρεσίες",
            "Αποζημίωση αιρετού",
            "Συντάξεις",
            "Ελευθέριο επάγγελμα",
            "Επιχειρηματική δραστηριότητα",
            "Ενοίκια",
            "Αγροτική δραστηριότητα",
            "Τόκοι και μερίσματα",
            "Λοιπά",
        ),
        kind_label=_("Πηγή"),
        monetary=True,
        entry_label=_("εισόδημα"),
    ),
    Section.LOANS: SectionSpec(
        fields=("kind", "description", "amount"),
        required=("kind", "amount"),
        kinds=(
            "Τράπεζα",
            "Εταιρεία χρηματοδοτικής μίσθωσης",
            "Δημόσιο ή ασφαλιστικός φορέας",
            "Ιδιώτης",
            "Λοιποί πιστωτές",
        ),
        kind_label=_("Τύπος πιστωτή"),
        monetary=True,
        entry_label=_("δάνειο ή υποχρέωση"),
    ),
    Section.HOLDINGS: SectionSpec(
        fields=("kind", "description", "share_percent", "amount"),
        required=("kind", "description", "share_percent"),
        kinds=("Ο.Ε.", "Ε.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε.", "Α.Ε.", "Συνεταιρισμός", "Λοιπή"),
        kind_label=_("Νομική μορφή"),
        monetary=True,
        entry_label=_("συμμετοχή σε επιχείρηση"),
    ),
    Section.OTHER: SectionSpec(
        fields=("kind", "description", "amount"),
        required=("kind", "description", "amount"),
        kinds=("Κοσμήματα και τιμαλφή", "Έργα τέχνης", "Θυρίδα", "Μετρητά", "Λοιπά"),
        kind_label=_("Είδος"),
        monetary=True,
        entry_label=_("λοιπό στοιχείο"),
    ),
}
