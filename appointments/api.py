"""Machine-readable views: the availability JSON API and the open-data statistics."""

import json
from datetime import timedelta

from django.http import JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from appointments import selectors
from appointments.forms import parse_day
from appointments.opendata import STATISTICS_SCHEMA
from portal.exports import csv_response
from portal.ratelimit import limit_downloads

STATISTICS_HEADER = STATISTICS_SCHEMA.header


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def service_slots(request, slug):
    """Free slots of a service with their remaining places, from one day to another."""
    service = selectors.service_list().filter(slug=slug).prefetch_related("hours").first()
    if service is None:
        return _error(_("Δεν υπάρχει ενεργή υπηρεσία ραντεβού με αυτό το όνομα."), status=404)
    today = timezone.localdate()
    start = parse_day(request.GET.get("from")) if "from" in request.GET else today
    end = (
        parse_day(request.GET.get("to"))
        if "to" in request.GET
        else start and start + timedelta(days=6)
    )
    if start is None or end is None:
        return _error(_("Οι παράμετροι from και to είναι ημερομηνίες της μορφής ΕΕΕΕ-ΜΜ-ΗΗ."))
    if end < start:
        return _error(_("Η ημερομηνία to πρέπει να είναι ίδια ή μεταγενέστερη της from."))
    if (end - start).days >= selectors.MAX_RANGE_DAYS:
        return _error(
            _("Το διάστημα δεν μπορεί να ξεπερνά τις %(days)d ημέρες.")
            % {"days": selectors.MAX_RANGE_DAYS}
        )
    days = selectors.service_days(service, start=start, end=end)
    payload = {
        "service": {
            "slug": service.slug,
            "name": service.name,
            "department": service.department.name,
            "location": service.location,
            "slot_minutes": service.slot_minutes,
        },
        "from": start.isoformat(),
        "to": end.isoformat(),
        "days": [
            {
                "date": day.date.isoformat(),
                "closed": bool(day.closed_reason),
                "closed_reason": day.closed_reason,
                "slots": [
                    {
                        "start": timezone.localtime(offer.starts_at).isoformat(),
                        "end": timezone.localtime(offer.ends_at).isoformat(),
                        "remaining": offer.remaining,
                    }
                    for offer in day.free_offers
                ],
            }
            for day in days
        ],
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=30"
    return response


def _statistics_rows():
    for figures in selectors.daily_statistics():
        yield [
            figures.day.isoformat(),
            figures.service_slug,
            figures.service_name,
            figures.places_offered,
            figures.booked,
            figures.cancelled,
            figures.arrived,
            figures.no_shows,
        ]


@require_GET
@limit_downloads
def statistics_csv(request):
    return csv_response("appointments-daily-statistics.csv", STATISTICS_HEADER, _statistics_rows())


@require_GET
@limit_downloads
def statistics_json(request):
    """Stream the daily statistics as a JSON array, one object per service and day."""

    def chunks():
        yield "["
        for index, row in enumerate(_statistics_rows()):
            yield ("," if index else "") + json.dumps(
                dict(zip(STATISTICS_HEADER, row, strict=True)), ensure_ascii=False
            )
        yield "]"

    return StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
