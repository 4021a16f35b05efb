"""Public pages, open data and OCDS endpoints of procurement (all read-only)."""

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.exports import csv_response
from portal.pagecache import cached_page
from portal.pagination import CappedPaginator
from portal.ratelimit import limit_downloads
from procurement import selectors
from procurement.ocds import Builder
from procurement.opendata import CSV_SCHEMA
from procurement.resources import TEMPLATE_EXAMPLE, TEMPLATE_HEADER

PAGE_SIZE = 20
OCDS_PAGE_SIZE = 100
CSV_HEADER = CSV_SCHEMA.header


def _crumbs(*trail):
    return [(reverse("procurement:index"), _("Προμήθειες")), *trail]


@cached_page("procurement", "portal")
@require_safe
def index(request):
    filterset, queryset, matches = selectors.procurement_list(request.GET)
    paginator = CappedPaginator(queryset, PAGE_SIZE, cap=selectors.COUNT_CAP, count=matches)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "procurement/procurement_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "open_now": [] if request.GET else selectors.open_procurements(),
            "breadcrumb_trail": [(None, _("Προμήθειες"))],
        },
    )


@cached_page("procurement", "portal")
@require_safe
def detail(request, pk: int):
    procurement = selectors.procurement_public_detail(pk=pk)
    return render(
        request,
        "procurement/procurement_detail.html",
        {
            "procurement": procurement,
            "timeline": selectors.timeline(procurement),
            "breadcrumb_trail": _crumbs((None, procurement.title)),
        },
    )


@cached_page("procurement", "portal")
@require_safe
def supplier_detail(request, afm: str):
    supplier, stages, totals = selectors.supplier_public_detail(afm=afm)
    page = Paginator(stages, PAGE_SIZE * 2).get_page(request.GET.get("page"))
    return render(
        request,
        "procurement/supplier_detail.html",
        {
            "supplier": supplier,
            "page_obj": page,
            "totals": totals,
            "breadcrumb_trail": _crumbs((None, supplier.name)),
        },
    )


@require_safe
@limit_downloads
def export_csv(request):
    rows = (
        [*row[:5], " ".join(row[5]), *row[6:]]
        for row in selectors.export_rows(selectors.published_procurements())
    )
    return csv_response("procurements.csv", CSV_HEADER, rows)


@require_safe
@limit_downloads
def export_json(request):
    """Return a page of published procurements as plain JSON (OCDS is richer)."""
    filterset = selectors.procurement_filter(request.GET)
    page = Paginator(filterset.qs.order_by("id"), OCDS_PAGE_SIZE).get_page(request.GET.get("page"))
    data = {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [
            {
                "id": p.pk,
                "url": request.build_absolute_uri(p.get_absolute_url()),
                "title": p.title,
                "contract_type": p.contract_type,
                "procedure": p.procedure,
                "status": p.status,
                "cpv_codes": p.cpv_codes,
                "department": p.department.name,
                "esidis_number": p.esidis_number,
                "estimated_net": str(p.estimated_net),
                "estimated_vat": str(p.estimated_vat),
                "estimated_total": str(p.estimated_total),
                "submission_deadline": p.submission_deadline,
                "published_at": p.published_at,
                "updated_at": p.updated_at,
            }
            for p in page.object_list
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _builder(request) -> Builder:
    return Builder(base_url=request.build_absolute_uri("/"))


def _ocds_json(data: dict) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _ocds_page(request):
    """Return one page of published procurements, keyed by id, and the next page's link."""
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        after = 0
    queryset = selectors.published_procurements().filter(pk__gt=after).order_by("pk")
    procurements = list(selectors.ocds_procurements(queryset)[: OCDS_PAGE_SIZE + 1])
    links = {}
    if len(procurements) > OCDS_PAGE_SIZE:
        procurements = procurements[:OCDS_PAGE_SIZE]
        next_url = f"{request.path}?after={procurements[-1].pk}"
        links["next"] = request.build_absolute_uri(next_url)
    return procurements, links


@require_safe
def ocds_releases(request):
    procurements, links = _ocds_page(request)
    uri = request.build_absolute_uri()
    return _ocds_json(_builder(request).release_package(procurements, uri=uri, links=links))


@require_safe
def ocds_records(request):
    procurements, links = _ocds_page(request)
    uri = request.build_absolute_uri()
    return _ocds_json(_builder(request).record_package(procurements, uri=uri, links=links))


def _one_for_ocds(pk: int):
    queryset = selectors.published_procurements().filter(pk=pk)
    procurement = selectors.ocds_procurements(queryset).first()
    if procurement is None:
        raise Http404
    return procurement


@require_safe
def ocds_record(request, pk: int):
    procurement = _one_for_ocds(pk)
    uri = request.build_absolute_uri()
    return _ocds_json(_builder(request).record_package([procurement], uri=uri))


@require_safe
def ocds_procurement_releases(request, pk: int):
    procurement = _one_for_ocds(pk)
    uri = request.build_absolute_uri()
    return _ocds_json(_builder(request).release_package([procurement], uri=uri))


@require_safe
def ocds_policy(request):
    return render(
        request,
        "procurement/ocds_policy.html",
        {"breadcrumb_trail": _crumbs((None, _("Δημοσίευση κατά OCDS")))},
    )


@require_safe
def import_template(request):
    """Return the CSV column template a department fills in to import its register."""
    return csv_response("procurement-import-template.csv", TEMPLATE_HEADER, [TEMPLATE_EXAMPLE])
