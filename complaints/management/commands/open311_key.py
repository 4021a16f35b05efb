"""Manage Open311 API keys: `open311_key create NAME --owner ...` prints a new key once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from portal.models import ApiKey
from portal.services import api_key_create


class Command(BaseCommand):
    help = "Δημιουργεί (create) ή απαριθμεί (list) κλειδιά API του Open311."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="νέο κλειδί· εμφανίζεται μία φορά")
        create.add_argument(
            "name", help="ονομασία του κλειδιού, π.χ. η εφαρμογή που το χρησιμοποιεί"
        )
        create.add_argument("--owner", default="", help="φορέας ή πρόσωπο κάτοχος")
        create.add_argument("--email", default="", help="email του κατόχου")
        commands.add_parser("list", help="τα κλειδιά, χωρίς τις τιμές τους")

    def handle(self, *args, action, **options):
        if action == "create":
            self._create(name=options["name"], owner=options["owner"], email=options["email"])
        else:
            self._list()

    def _create(self, *, name: str, owner: str, email: str) -> None:
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError("Η ονομασία χρειάζεται 1 έως 100 χαρακτήρες.")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"Μη έγκυρο email: {email}") from None
        key, plain = api_key_create(name=name, owner=owner.strip() or name, owner_email=email)
        self.stderr.write(
            f"Κλειδί «{key.name}» ({key.prefix}…): αντιγράψτε το τώρα, δεν θα εμφανιστεί ξανά."
        )
        self.stdout.write(plain)

    def _list(self) -> None:
        for key in ApiKey.objects.order_by("name"):
            state = "ενεργό" if key.is_active else "ανενεργό"
            used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "—"
            self.stdout.write(f"{key.prefix}…  {state:8}  {used:16}  {key.name} ({key.owner})")
