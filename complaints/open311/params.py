"""Parameters of the GeoReport v2 calls, checked and turned into Python values.

A blank optional parameter is treated as an absent one. Every problem found
raises `Open311Error(400, ...)` with one Greek description per problem.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.open311.errors import Open311Error
from portal.municipality import municipality

MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
MAX_DESCRIPTION = 4000
MAX_IDS = 1000
MAX_NAME = 150  # Complaint.citizen_name
STATUSES = ("open", "closed")

# W3C datetime with a time and a zone: 2026-11-22T10:00:00+02:00, ...Z, fractions allowed.
_W3C_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$"
)
# An unencoded "+" in a query string arrives as a space: "…T10:00:00 02:00".
_SPACE_FOR_PLUS = re.compile(r" (\d{2}:\d{2})$")
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]{1,60})\](\[\])?$")
REQUEST_ID = re.compile(r"^[0-9A-Za-z-]{1,20}$")
_SERVICE_CODE = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def optional(data, name: str) -> str | None:
    """Return a parameter stripped of spaces, or None when it is absent or blank."""
    value = data.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def comma_list(value: str | None) -> list[str]:
    """Split "a, b,,c" into ["a", "b", "c"]."""
    if value is None:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def check_jurisdiction(data) -> None:
    """Accept a missing jurisdiction_id or the configured one; refuse any other."""
    jurisdiction = optional(data, "jurisdiction_id")
    expected = municipality().open311_jurisdiction
    if jurisdiction is not None and jurisdiction.lower() != expected.lower():
        raise Open311Error(
            400,
            _("Άγνωστο jurisdiction_id «%(value)s»· η υπηρεσία εξυπηρετεί το «%(expected)s».")
            % {"value": jurisdiction[:100], "expected": expected},
        )


def parse_datetime(name: str, value: str) -> datetime:
    """Parse a W3C datetime that carries its time zone, or raise a 400 error.

    The moment is returned in UTC: PostgreSQL refuses offsets past ±15:59,
    which ISO 8601 and Python allow.
    """
    value = _SPACE_FOR_PLUS.sub(r"+\1", value)
    if _W3C_DATETIME.match(value):
        try:
            return datetime.fromisoformat(value).astimezone(UTC)
        except (ValueError, OverflowError):
            pass
    raise Open311Error(
        400,
        _(
            "Το %(name)s πρέπει να είναι ημερομηνία και ώρα W3C με ζώνη ώρας, "
            "π.χ. 2026-11-22T10:00:00+02:00."
        )
        % {"name": name},
    )


def _positive_int(data, name: str, default: int, maximum: int) -> int:
    value = optional(data, name)
    if value is None:
        return default
    if not re.fullmatch("[0-9]{1,7}", value) or not 1 <= int(value) <= maximum:
        raise Open311Error(
            400,
            _("Το %(name)s πρέπει να είναι ακέραιος από 1 έως %(maximum)s.")
            % {"name": name, "maximum": maximum},
        )
    return int(value)


@dataclass(frozen=True)
class RequestQuery:
    """What `GET requests` asks for."""

    ids: list[str] | None = None  # given: fetch these ids and ignore the other filters
    service_codes: list[str] | None = None  # None: every service
    start: datetime | None = None
    end: datetime | None = None
    statuses: list[str] = field(default_factory=list)
    page: int = 1
    page_size: int = MAX_RESULTS


def _date_window(data) -> tuple[datetime, datetime]:
    start_text = optional(data, "start_date")
    end_text = optional(data, "end_date")
    given_start = parse_datetime("start_date", start_text) if start_text else None
    given_end = parse_datetime("end_date", end_text) if end_text else None
    try:
        if given_start is not None and given_end is not None:
            start, end = given_start, given_end
        elif given_end is not None:
            start, end = given_end - MAX_SPAN, given_end
        elif given_start is not None:
            start, end = given_start, given_start + MAX_SPAN
        else:
            end = timezone.now()
            start = end - MAX_SPAN
    except OverflowError:
        raise Open311Error(400, _("Η ημερομηνία είναι εκτός ορίων.")) from None
    if end < start:
        raise Open311Error(400, _("Το end_date δεν μπορεί να είναι πριν από το start_date."))
    if end - start > MAX_SPAN:
        raise Open311Error(
            400, _("Το διάστημα start_date–end_date δεν μπορεί να ξεπερνά τις 90 ημέρες.")
        )
    return start, end


def parse_request_query(data) -> RequestQuery:
    """Check the parameters of `GET requests`; service_request_id overrides the rest."""
    check_jurisdiction(data)
    ids = comma_list(optional(data, "service_request_id"))
    if ids:
        if len(ids) > MAX_IDS:
            raise Open311Error(
                400,
                _("Το service_request_id δέχεται έως %(count)s αριθμούς.") % {"count": MAX_IDS},
            )
        # Malformed ids cannot match anything; with none left the answer is empty.
        return RequestQuery(ids=[i for i in ids if REQUEST_ID.match(i)], page_size=MAX_IDS)
    statuses = [status.lower() for status in comma_list(optional(data, "status"))]
    unknown = [status for status in statuses if status not in STATUSES]
    if unknown:
        raise Open311Error(400, _("Το status δέχεται μόνο τις τιμές open και closed."))
    start, end = _date_window(data)
    codes = comma_list(optional(data, "service_code"))
    return RequestQuery(
        # Codes that cannot exist match nothing; they never widen the search.
        service_codes=[code for code in codes if _SERVICE_CODE.match(code)][:100]
        if codes
        else None,
        start=start,
        end=end,
        statuses=sorted(set(statuses)),
        page=_positive_int(data, "page", 1, 100_000),
        page_size=_positive_int(data, "page_size", MAX_RESULTS, MAX_RESULTS),
    )


@dataclass(frozen=True)
class NewRequest:
    """What `POST requests` carries, checked but not yet matched to a service."""

    service_code: str
    latitude: Decimal | None
    longitude: Decimal | None
    address: str
    email: str
    first_name: str
    last_name: str
    phone: str
    description: str
    media_url: str
    attributes: dict[str, list[str]]


def _coordinate(data, name: str, limit: int, errors: list[str]) -> Decimal | None:
    value = optional(data, name)
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not -limit <= number <= limit:
        errors.append(
            _("Το %(name)s πρέπει να είναι αριθμός από -%(limit)s έως %(limit)s.")
            % {"name": name, "limit": limit}
        )
        return None
    return number.quantize(Decimal("0.000001"))


def _text(data, name: str, max_length: int, errors: list[str]) -> str:
    value = optional(data, name) or ""
    if len(value) > max_length:
        errors.append(
            _("Το %(name)s επιτρέπει έως %(max)s χαρακτήρες (δόθηκαν %(length)s).")
            % {"name": name, "max": max_length, "length": len(value)}
        )
        return ""
    return _CONTROL.sub("", value)


def attributes_from(data) -> dict[str, list[str]]:
    """Collect attribute[code]=v and attribute[code][]=v1&attribute[code][]=v2 answers."""
    answers: dict[str, list[str]] = {}
    for key in data:
        match = _ATTRIBUTE.match(key)
        if not match:
            continue
        values = [_CONTROL.sub("", value).strip() for value in data.getlist(key)]
        values = [value for value in values if value]
        if values:
            answers.setdefault(match.group(1), []).extend(values)
    return answers


def parse_new_request(data) -> NewRequest:
    """Check the parameters of `POST requests` (the api_key is checked before)."""
    check_jurisdiction(data)
    errors: list[str] = []
    service_code = optional(data, "service_code")
    if service_code is None:
        errors.append(_("Λείπει το service_code."))
    elif not _SERVICE_CODE.match(service_code):
        errors.append(_("Άγνωστο service_code."))
    latitude = _coordinate(data, "lat", 90, errors)
    longitude = _coordinate(data, "long", 180, errors)
    address = _text(data, "address_string", 200, errors)
    has_lat, has_long = optional(data, "lat") is not None, optional(data, "long") is not None
    if has_lat != has_long:
        errors.append(_("Τα lat και long δίνονται μαζί."))
    elif not has_lat and not address:
        errors.append(_("Λείπει η τοποθεσία: δώστε lat και long ή address_string."))
    email = _text(data, "email", 254, errors)
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors.append(_("Το email δεν είναι έγκυρη διεύθυνση email."))
    media_url = _text(data, "media_url", 500, errors)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            errors.append(_("Το media_url πρέπει να είναι διεύθυνση http ή https."))
    first_name = _text(data, "first_name", 75, errors)
    last_name = _text(data, "last_name", 75, errors)
    if len(f"{first_name} {last_name}".strip()) > MAX_NAME:
        errors.append(
            _("Τα first_name και last_name μαζί επιτρέπουν έως %(max)s χαρακτήρες.")
            % {"max": MAX_NAME}
        )
    request = NewRequest(
        service_code=service_code or "",
        latitude=latitude,
        longitude=longitude,
        address=address,
        email=email,
        first_name=first_name,
        last_name=last_name,
        phone=_text(data, "phone", 30, errors),
        description=_text(data, "description", MAX_DESCRIPTION, errors),
        media_url=media_url,
        attributes=attributes_from(data),
    )
    if errors:
        raise Open311Error(400, *errors)
    return request
