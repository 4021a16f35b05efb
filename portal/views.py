from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal import dcat, organisation_data, selectors
from portal.catalogue import all_datasets, dataset_by_slug
from portal.exports import csv_response
from portal.organisation import build_tree, unit_section_apps, unit_sections, walk
from portal.organisation_chart import organisation_svg
from portal.pagecache import cached_page
from portal.ratelimit import DOWNLOAD_RATE, limit_downloads, parse_rate

JSON_LD = {"ensure_ascii": False, "indent": 1}


def home(request):
    return render(request, "portal/home.html")


@cached_page("portal")
def department_list(request):
    departments = selectors.department_list()
    return render(
        request,
        "portal/department_list.html",
        {"departments": departments, "breadcrumb_trail": [(None, _("Υπηρεσίες του Δήμου"))]},
    )


# The unit's page also shows what the apps add (unit_sections): their writes replace it too.
@cached_page("portal", *unit_section_apps())
def department_detail(request, slug: str):
    department = get_object_or_404(selectors.department_detail_queryset(), slug=slug)
    trail: list[tuple[str | None, str]] = [
        (reverse("portal:department_list"), _("Υπηρεσίες του Δήμου"))
    ]
    if department.parent:
        trail.append((department.parent.get_absolute_url(), department.parent.name))
    trail.append((None, department.name))
    return render(
        request,
        "portal/department_detail.html",
        {
            "department": department,
            # What the apps add: the unit's procedures, appointment desks, complaint categories.
            "sections": unit_sections(department),
            "breadcrumb_trail": trail,
        },
    )


@require_safe
def organisation(request):
    """The organisation chart (ΟΕΥ): every unit as nested lists, with the decision behind it."""
    roots = build_tree(selectors.organisation_units())
    return render(
        request,
        "portal/organisation_chart.html",
        {
            "units": walk(roots),
            "chart": (
                organisation_svg(roots, label=_("Οργανόγραμμα σε διάγραμμα"))
                if request.GET.get("chart") == "svg"
                else None
            ),
            "decision": selectors.current_organisation_decision(),
            "breadcrumb_trail": [
                (reverse("portal:department_list"), _("Υπηρεσίες του Δήμου")),
                (None, _("Οργανόγραμμα")),
            ],
        },
    )


@require_safe
@limit_downloads
def organisation_csv(request):
    rows = (organisation_data.csv_row(unit) for unit in organisation_data.unit_rows())
    return csv_response("organisation.csv", organisation_data.UNITS_SCHEMA.header, rows)


@require_safe
@limit_downloads
def organisation_json(request):
    units = organisation_data.unit_rows()
    response = JsonResponse({"count": len(units), "units": units}, json_dumps_params=JSON_LD)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def data_catalogue(request):
    return render(
        request,
        "portal/data_catalogue.html",
        {
            "datasets": all_datasets(),
            "download_limit": parse_rate(DOWNLOAD_RATE)[0],
            "catalogue_url": reverse("portal:data_catalogue_jsonld"),
            "breadcrumb_trail": [(None, _("Ανοικτά δεδομένα"))],
        },
    )


@require_safe
def data_catalogue_jsonld(request):
    """The DCAT-AP catalogue for harvesters (data.gov.gr, data.europa.eu)."""
    data = dcat.catalogue(base_url=request.build_absolute_uri("/"))
    response = JsonResponse(data, content_type="application/ld+json", json_dumps_params=JSON_LD)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def datapackage(request, slug: str):
    """The Frictionless data package describing a dataset's CSV."""
    dataset = dataset_by_slug(slug)
    if dataset is None or dataset.csv is None:
        raise Http404
    data = dcat.datapackage(dataset, base_url=request.build_absolute_uri("/"))
    response = JsonResponse(data, json_dumps_params=JSON_LD)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def accessibility(request):
    return render(
        request,
        "portal/page_accessibility.html",
        {"breadcrumb_trail": [(None, _("Δήλωση προσβασιμότητας"))]},
    )


def privacy(request):
    return render(
        request,
        "portal/page_privacy.html",
        {"breadcrumb_trail": [(None, _("Προστασία προσωπικών δεδομένων"))]},
    )


@require_safe
@never_cache
def healthz(request):
    """Report whether the database answers, as JSON for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def csrf_failure(request, reason=""):
    """A refused form (expired or without its security token), explained in plain Greek."""
    return render(request, "errors/403_csrf.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
