"""Public pages of the budget: the year at a glance, the treemap, a line."""

import re

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from budget import opendata, selectors
from budget.charts import month_chart, treemap
from budget.models import Kind
from portal.exports import csv_response
from portal.ratelimit import limit_downloads

_PREFIX = re.compile(r"^\d{0,4}$")
_SERVICE = re.compile(r"^\d{2}$")


def _year_or_404(year: int):
    found = selectors.published_year(year) if 2000 <= year <= 2100 else None
    if found is None:
        raise Http404(_("Δεν υπάρχει δημοσιευμένος προϋπολογισμός για αυτό το έτος."))
    return found


def _percent(part, whole) -> float | None:
    return round(float(part) * 100 / float(whole), 1) if whole else None


def index(request):
    years = list(selectors.published_years())
    context: dict = {"years": years, "breadcrumb_trail": [(None, _("Προϋπολογισμός"))]}
    if years:
        year = years[0]
        totals = selectors.totals(year)
        revenue, expenditure = totals[Kind.REVENUE], totals[Kind.EXPENDITURE]
        context.update(
            year=year,
            revenue=revenue,
            expenditure=expenditure,
            collected_percent=_percent(revenue["collected"], revenue["revised"]),
            paid_percent=_percent(expenditure["paid"], expenditure["revised"]),
            biggest_expenditure=selectors.biggest_lines(year, Kind.EXPENDITURE),
            biggest_revenue=selectors.biggest_lines(year, Kind.REVENUE, 5),
        )
        query = request.GET.get("q", "")[:100]
        if query.strip():
            results, suggestion = selectors.search_lines(year, query)
            context.update(query=query, results=list(results[:50]), suggestion=suggestion)
    return render(request, "budget/year_index.html", context)


def year(request, year: int):
    budget_year = _year_or_404(year)
    prefix = request.GET.get("kae", "")
    service = request.GET.get("service", "")
    if not _PREFIX.match(prefix) or (service and not _SERVICE.match(service)):
        raise Http404(_("Άγνωστος κωδικός."))
    if service:
        nodes = selectors.children(budget_year, Kind.EXPENDITURE, prefix, service=service)
    elif request.GET.get("by") == "service":
        nodes = selectors.by_service(budget_year)
    else:
        nodes = selectors.children(budget_year, Kind.EXPENDITURE, prefix)
    if (prefix or service) and not nodes:
        raise Http404(_("Άγνωστος κωδικός."))
    for node in nodes:
        node.href = _node_href(
            budget_year, node, service, by_service=request.GET.get("by") == "service"
        )
    crumbs = [(None, str(budget_year.year))]
    trail = [prefix[:n] for n in range(1, len(prefix) + 1)]
    context = {
        "year": budget_year,
        "years": selectors.published_years(),
        "nodes": nodes,
        "tiles": treemap(nodes),
        "prefix": prefix,
        "service": service,
        "by_service": request.GET.get("by") == "service",
        "trail": trail,
        "breadcrumb_trail": [(reverse("budget:index"), _("Προϋπολογισμός")), *crumbs],
        "total": sum((node.revised for node in nodes), 0),
    }
    return render(request, "budget/year_detail.html", context)


def _node_href(year, node, service: str, *, by_service: bool) -> str:
    if node.is_leaf:
        return reverse("budget:line", kwargs={"year": year.year, "code": node.code})
    query = {"service": node.code} if by_service else {"kae": node.code}
    if service and not by_service:
        query["service"] = service
    return f"{year.get_absolute_url()}?{urlencode(query)}"


def line(request, year: int, code: str):
    budget_year = _year_or_404(year)
    found = selectors.line_detail(budget_year, code[:20])
    if found is None:
        raise Http404(_("Δεν υπάρχει αυτή η γραμμή του προϋπολογισμού."))
    months = selectors.line_months(found)
    if found.kind == Kind.REVENUE:
        stages = [("assessed", _("Βεβαιωθέντα")), ("collected", _("Εισπραχθέντα"))]
    else:
        stages = [
            ("committed", _("Δεσμευθέντα")),
            ("ordered", _("Ενταλματοποιηθέντα")),
            ("paid", _("Πληρωθέντα")),
        ]
    context = {
        "year": budget_year,
        "line": found,
        "months": months,
        "stages": stages,
        "chart": month_chart(months, stages, found.revised) if months else None,
        "history": selectors.line_history(found),
        "changes": selectors.line_changes(found),
        "payments": selectors.line_payments(found),
        "breadcrumb_trail": [
            (reverse("budget:index"), _("Προϋπολογισμός")),
            (budget_year.get_absolute_url(), str(budget_year.year)),
            (None, found.code),
        ],
    }
    return render(request, "budget/line_detail.html", context)


def _json(header: list[str], rows) -> JsonResponse:
    response = JsonResponse(
        {"data": [dict(zip(header, row, strict=True)) for row in rows]},
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _downloads(filename: str, schema, rows):
    """The CSV and JSON views of one open dataset (full downloads: rate-limited)."""

    @require_safe
    @limit_downloads
    def as_csv(request):
        return csv_response(f"{filename}.csv", schema.header, rows())

    @require_safe
    @limit_downloads
    def as_json(request):
        return _json(schema.header, rows())

    return as_csv, as_json


lines_csv, lines_json = _downloads("budget-lines", opendata.LINES_SCHEMA, opendata.line_rows)
revisions_csv, revisions_json = _downloads(
    "budget-revisions", opendata.REVISIONS_SCHEMA, opendata.revision_rows
)
execution_csv, execution_json = _downloads(
    "budget-execution", opendata.EXECUTION_SCHEMA, opendata.execution_rows
)
