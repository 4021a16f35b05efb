"""Public pages of the Citizen's Guide: search, life events, units, procedures, charters, data."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guide import cpsv, opendata, selectors
from guide.charters import article_changes
from portal.exports import csv_response
from portal.models import Department
from portal.ratelimit import limit_downloads

PAGE_SIZE = 20
JSON_OPTIONS = {"ensure_ascii": False, "indent": 1}


def _crumbs(*trail):
    return [(reverse("guide:index"), _("Οδηγός του Δημότη")), *trail]


@require_safe
def index(request):
    filterset = selectors.procedure_list(request.GET)
    searching = any(request.GET.get(name) for name in filterset.filters)
    page = (
        Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")) if searching else None
    )
    return render(
        request,
        "guide/procedure_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "searching": searching,
            "life_events": selectors.life_events_with_counts() if not searching else [],
            "departments": selectors.departments_with_counts() if not searching else [],
            "charters": selectors.charter_list() if not searching else [],
            "breadcrumb_trail": [(None, _("Οδηγός του Δημότη"))],
        },
    )


@require_safe
def life_event(request, slug: str):
    event, procedures = selectors.life_event_detail(slug=slug)
    return render(
        request,
        "guide/lifeevent_detail.html",
        {"event": event, "procedures": procedures, "breadcrumb_trail": _crumbs((None, event.name))},
    )


@require_safe
def department(request, slug: str):
    unit = get_object_or_404(Department.objects.filter(is_active=True), slug=slug)
    return render(
        request,
        "guide/procedure_department.html",
        {
            "department": unit,
            "procedures": selectors.unit_procedures(unit).select_related("department"),
            "breadcrumb_trail": _crumbs((None, unit.name)),
        },
    )


@require_safe
def procedure(request, slug: str):
    found = selectors.procedure_public_detail(slug=slug)
    return render(
        request,
        "guide/procedure_detail.html",
        {"procedure": found, "breadcrumb_trail": _crumbs((None, found.title))},
    )


@require_safe
def booklet(request, slug: str | None = None):
    """The whole guide, or one unit's procedures, as a printable booklet."""
    unit = get_object_or_404(Department.objects.filter(is_active=True), slug=slug) if slug else None
    procedures = list(selectors.booklet_procedures(department=unit))
    guide_document = selectors.guide_charter()
    return render(
        request,
        "guide/procedure_booklet.html",
        {
            "department": unit,
            "procedures": procedures,
            "guide_document": guide_document,
            "breadcrumb_trail": _crumbs((None, unit.name if unit else _("Έντυπη έκδοση"))),
        },
    )


# --- charters and regulations -------------------------------------------------------------------


@require_safe
def charter(request, slug: str, number: int | None = None):
    document, version, previous, versions = selectors.charter_detail(slug=slug, number=number)
    show_changes = previous is not None and request.GET.get("changes") == "1"
    return render(
        request,
        "guide/charter_detail.html",
        {
            "charter": document,
            "version": version,
            "previous": previous,
            "versions": versions,
            "is_current": version == versions[0],
            "show_changes": show_changes,
            "articles": article_changes(version, previous if show_changes else None),
            "breadcrumb_trail": _crumbs((None, document.title)),
        },
    )


# --- open data ----------------------------------------------------------------------------------


@require_safe
@limit_downloads
def data_csv(request):
    rows = opendata.csv_rows(
        selectors.open_data_procedures(), base_url=request.build_absolute_uri("/")
    )
    return csv_response("procedures.csv", opendata.CSV_SCHEMA.header, rows)


@require_safe
@limit_downloads
def data_json(request):
    base_url = request.build_absolute_uri("/")
    records = [opendata.json_record(p, base_url) for p in selectors.open_data_procedures()]
    response = JsonResponse(
        {"count": len(records), "results": records}, json_dumps_params=JSON_OPTIONS
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@limit_downloads
def data_cpsv(request):
    data = cpsv.document(selectors.open_data_procedures(), base_url=request.build_absolute_uri("/"))
    response = JsonResponse(
        data, content_type="application/ld+json", json_dumps_params=JSON_OPTIONS
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
