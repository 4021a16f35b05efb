import factory
from django.utils import timezone

from guide.models import (
    Article,
    Channel,
    ChannelKind,
    Charter,
    CharterVersion,
    Evidence,
    LegalResource,
    LifeEvent,
    Procedure,
    Status,
    VersionStatus,
)
from tests.portal.factories import DepartmentFactory


class LifeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeEvent

    slug = factory.Sequence(lambda n: f"gegonos-{n}")
    name = factory.Sequence(lambda n: f"Γεγονός ζωής {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    """A published procedure with its search document filled, as the services leave it."""

    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"diadikasia-{n}")
    title = factory.Sequence(lambda n: f"Βεβαίωση δοκιμής {n}")
    summary = "Μια διαδικασία για τις δοκιμές."
    department = factory.SubFactory(DepartmentFactory)
    output_kind = "certificate"
    output = "Βεβαίωση"
    duration = "P5D"
    status = Status.PUBLISHED
    last_reviewed_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def search(self, create, extracted, **kwargs):
        self.refresh_search_document()
        if create:
            Procedure.objects.filter(pk=self.pk).update(search_document=self.search_document)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    procedure = factory.SubFactory(ProcedureFactory)
    title = factory.Sequence(lambda n: f"Δικαιολογητικό {n}")


class LegalResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalResource

    procedure = factory.SubFactory(ProcedureFactory)
    citation = "ν. 2690/1999, άρθρο 5"
    url = "https://www.et.gr/"


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    procedure = factory.SubFactory(ProcedureFactory)
    kind = ChannelKind.DESK
    value = "Δημαρχιακό Μέγαρο, ισόγειο"


class CharterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Charter

    slug = factory.Sequence(lambda n: f"charta-{n}")
    kind = "charter"
    title = "Χάρτα Δικαιωμάτων και Υποχρεώσεων"


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion

    charter = factory.SubFactory(CharterFactory)
    number = 1
    status = VersionStatus.PUBLISHED
    effective_on = factory.LazyFunction(timezone.localdate)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    version = factory.SubFactory(CharterVersionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Σκοπός"
    body = "Πρώτη παράγραφος.\nΔεύτερη παράγραφος."
