"""Reads of procurement. Everything public starts from `published_procurements()`."""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone

from portal.search import Folded, normalize
from procurement.filters import ProcurementFilter, order_without_index
from procurement.models import (
    STAGE_ORDER,
    WITH_SUPPLIER,
    DiavgeiaDecision,
    Document,
    Procurement,
    Stage,
    StageKind,
    Status,
    Supplier,
)

COUNT_CAP = 2000
FEW_MATCHES = 500
# The search columns are only for filtering; never load them.
SEARCH_COLUMNS = ("search_document", "search_vector")


def supplier_lookup(queryset: QuerySet[Supplier], text: str) -> QuerySet[Supplier]:
    """Suppliers by ΑΦΜ prefix, or by name, tolerating typos, the most similar first.

    A name matches when it contains what was typed or when a part of it is
    similar enough (pg_trgm's `%>`), both through the name's trigram index.
    """
    term = text.strip()
    if not term:
        return queryset
    if term.isdigit():
        return queryset.filter(afm__startswith=term)
    folded = normalize(term)
    return (
        queryset.alias(
            folded_name=Folded("name"),
            similarity=TrigramWordSimilarity(folded, Folded("name")),
        )
        .filter(Q(folded_name__contains=folded) | Q(folded_name__trigram_word_similar=folded))
        .order_by("-similarity", "name")
    )


def published_procurements() -> QuerySet[Procurement]:
    """Return the procurements the public may see, with their department."""
    return (
        Procurement.objects.filter(is_published=True)
        .select_related("department")
        .defer(*SEARCH_COLUMNS)
    )


def procurement_filter(params: QueryDict) -> ProcurementFilter:
    """Return the public list's filter set; its `.qs` is the filtered, sorted list."""
    queryset = published_procurements().defer("description")
    return ProcurementFilter(params, queryset=queryset.order_by("-published_at", "-id"))


def procurement_list(params: QueryDict) -> tuple[ProcurementFilter, QuerySet[Procurement], int]:
    """Return the filter set, the matching rows in order, and how many (at most COUNT_CAP + 1).

    Counting stops past COUNT_CAP, so a page costs the same on 100 or 100,000
    rows; few matches are sorted on their own instead of walking an index.
    """
    filterset = procurement_filter(params)
    queryset = filterset.qs
    matches = queryset.order_by()[: COUNT_CAP + 1].count()
    if matches <= FEW_MATCHES:
        queryset = order_without_index(queryset)
    return filterset, queryset, matches


def open_procurements(*, limit: int = 6) -> QuerySet[Procurement]:
    """Return published tenders still accepting offers, the nearest deadline first."""
    return (
        published_procurements()
        .filter(status=Status.ACTIVE, submission_deadline__gt=timezone.now())
        .order_by("submission_deadline", "id")[:limit]
    )


def _stages_with_links() -> QuerySet[Stage]:
    return (
        Stage.objects.select_related("supplier", "parent", "budget_line__year")
        .prefetch_related(
            Prefetch("decisions", queryset=DiavgeiaDecision.objects.order_by("date", "id"))
        )
        .order_by("date", "id")
    )


def procurement_public_detail(*, pk: int) -> Procurement:
    """Return one published procurement with its timeline, decisions and documents, or 404."""
    queryset = published_procurements().prefetch_related(
        Prefetch("stages", queryset=_stages_with_links()),
        Prefetch(
            "decisions",
            queryset=DiavgeiaDecision.objects.filter(stage__isnull=True).order_by("date"),
            to_attr="unlinked_decisions",
        ),
        Prefetch("documents", queryset=Document.objects.order_by("uploaded_at", "id")),
    )
    return get_object_or_404(queryset, pk=pk)


def timeline(procurement: Procurement) -> list[Stage]:
    """Return the stages in KIMDIS order: by date, and the registration order on one day."""
    return sorted(
        procurement.stages.all(), key=lambda stage: (stage.date, STAGE_ORDER[stage.kind], stage.pk)
    )


def supplier_public_detail(*, afm: str) -> tuple[Supplier, QuerySet[Stage], dict]:
    """Return a supplier, its awards and contracts in published procurements, and totals."""
    supplier = get_object_or_404(Supplier, afm=afm)
    stages = (
        Stage.objects.filter(
            supplier=supplier,
            kind__in=(StageKind.AWARD, StageKind.CONTRACT),
            procurement__is_published=True,
        )
        .select_related("procurement", "procurement__department")
        .order_by("-date", "-id")
    )
    if not stages.exists():
        raise Http404
    totals = (
        Stage.objects.filter(
            supplier=supplier, kind__in=WITH_SUPPLIER, procurement__is_published=True
        )
        .values("kind")
        .annotate(total=Sum("amount"), count=Count("id"))
    )
    return supplier, stages, {row["kind"]: row for row in totals}


def feed_procurements(*, limit: int = 50) -> QuerySet[Procurement]:
    """Return the latest new or changed published procurements."""
    return published_procurements().order_by("-updated_at", "-id")[:limit]


def export_rows(queryset: QuerySet[Procurement]):
    """Yield flat rows of published procurements for CSV, in constant memory."""
    return (
        queryset.order_by("id")
        .values_list(
            "id",
            "title",
            "contract_type",
            "procedure",
            "status",
            "cpv_codes",
            "department__name",
            "esidis_number",
            "estimated_net",
            "estimated_vat",
            "estimated_total",
            "submission_deadline",
            "published_at",
            "updated_at",
        )
        .iterator(chunk_size=2000)
    )


def ocds_procurements(queryset: QuerySet[Procurement]) -> QuerySet[Procurement]:
    """Return procurements with everything an OCDS release or record needs, in 4 queries."""
    return queryset.select_related("department").prefetch_related(
        Prefetch(
            "stages",
            queryset=Stage.objects.select_related("supplier").order_by("date", "id"),
        ),
        Prefetch("decisions", queryset=DiavgeiaDecision.objects.order_by("date", "id")),
        Prefetch("documents", queryset=Document.objects.order_by("uploaded_at", "id")),
    )
