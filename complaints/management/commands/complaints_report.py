"""Write a semester's complaint statistics as CSV to stdout (the admin report's CSV)."""

from django.core.management.base import BaseCommand, CommandError

from complaints.reports import Semester, semester_report
from complaints.resources import report_csv
from portal.models import Department


class Command(BaseCommand):
    help = "Εξαμηνιαία αναφορά αιτημάτων σε CSV (UTF-8 με BOM) στην τυπική έξοδο."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="έτος, π.χ. 2026")
        parser.add_argument(
            "--half", type=int, required=True, choices=[1, 2], help="1: Ιαν–Ιουν, 2: Ιουλ–Δεκ"
        )
        parser.add_argument("--department", help="συντόμευση (slug) υπηρεσίας· κενό: όλες")

    def handle(self, *args, year, half, department, **options):
        try:
            semester = Semester(year, half)
        except ValueError as error:
            raise CommandError(f"Μη έγκυρο εξάμηνο: {error}") from error
        unit = None
        if department:
            unit = Department.objects.filter(slug=department).first()
            if unit is None:
                raise CommandError(f"Δεν υπάρχει υπηρεσία με συντόμευση «{department}».")
        self.stdout.write(
            report_csv(semester_report(semester=semester, department=unit)), ending=""
        )
