import factory
from django.utils import timezone

from accounts.identity import afm_hash
from accounts.models import Citizen


class CitizenFactory(factory.django.DjangoModelFactory):
    """A citizen signed up by email link (confirmed email, no ΑΦΜ)."""

    class Meta:
        model = Citizen

    email = factory.Sequence(lambda n: f"politis{n}@example.gr")
    email_verified_at = factory.LazyFunction(timezone.now)


class TaxisCitizenFactory(CitizenFactory):
    """A citizen who signed in with TAXISnet (an ΑΦΜ hash, names from GSIS, no email)."""

    first_name = "ΜΑΡΙΑ"
    last_name = "ΠΑΠΑΔΟΠΟΥΛΟΥ"
    email = ""
    email_verified_at = None
    afm_hash = factory.Sequence(lambda n: afm_hash(f"{100000000 + n}"))
