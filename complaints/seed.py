"""Demo data: categories routed to the seeded departments and ~10,000 × scale complaints.

Complaints span 1 January 2024 to the context's `now` with realistic status
mixes by age, timelines, deadlines (paused while awaiting the citizen), streets
and points in Thessaloniki. Deadlines and search documents come from the
model and service functions the portal itself uses; no clock is read here. Rows go in with PostgreSQL COPY in chunks, so `--scale 100`
(about a million complaints) seeds in minutes with flat memory.
"""

import contextlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse

from complaints import seed_data
from complaints.models import (
    Category,
    CategoryQuestion,
    Complaint,
    Kind,
    ProtocolCounter,
    Satisfaction,
    Source,
    Status,
    TimelineEntry,
    TimelineKind,
)
from complaints.services import deadline_for
from portal.models import Department
from portal.seeding import SeedContext, person
from portal.tokens import token_hash

COMPLAINTS_PER_SCALE = 10_000
CHUNK = 20_000
FIRST_DAY = date(2024, 1, 1)
# Demo data only: the seeder prints this link so the tracking pages can be tried.
DEMO_TRACKING_SECRET = "demo-tracking-link-for-the-newest-complaint"  # noqa: S105

COMPLAINT_COLUMNS = [
    "id",
    "protocol_number",
    "kind",
    "category_id",
    "department_id",
    "subject",
    "description",
    "address",
    "public_area",
    "latitude",
    "longitude",
    "citizen_name",
    "citizen_email",
    "citizen_phone",
    "status",
    "source",
    "assigned_to_id",
    "submitted_at",
    "updated_at",
    "deadline",
    "paused_days",
    "awaiting_since",
    "resolved_at",
    "answered_at",
    "closed_at",
    "satisfaction",
    "duplicate_of_id",
    "public_summary",
    "is_published",
    "tracking_secret_hash",
    "answers",
    "search_document",
]
TIMELINE_COLUMNS = [
    "complaint_id",
    "kind",
    "is_public",
    "actor_id",
    "text",
    "from_status",
    "to_status",
    "department_id",
    "created_at",
]

# Status mixes by age in days: older complaints are mostly finished.
STATUS_MIX = [
    (
        30,
        {
            Status.SUBMITTED: 28,
            Status.ACCEPTED: 18,
            Status.FORWARDED: 10,
            Status.IN_PROGRESS: 20,
            Status.AWAITING_CITIZEN: 5,
            Status.RESOLVED: 13,
            Status.REJECTED: 3,
            Status.DUPLICATE: 3,
        },
    ),
    (
        90,
        {
            Status.ACCEPTED: 5,
            Status.FORWARDED: 7,
            Status.IN_PROGRESS: 18,
            Status.AWAITING_CITIZEN: 5,
            Status.RESOLVED: 42,
            Status.REJECTED: 8,
            Status.DUPLICATE: 4,
            Status.CLOSED: 11,
        },
    ),
    (
        None,
        {
            Status.FORWARDED: 2,
            Status.IN_PROGRESS: 4,
            Status.AWAITING_CITIZEN: 2,
            Status.RESOLVED: 30,
            Status.REJECTED: 10,
            Status.DUPLICATE: 5,
            Status.CLOSED: 47,
        },
    ),
]
SOURCES = {Source.WEB: 70, Source.OPEN311: 10, Source.PHONE: 12, Source.WALK_IN: 6, Source.EMAIL: 2}
KINDS = {Kind.REQUEST: 55, Kind.COMPLAINT: 35, Kind.SUGGESTION: 10}
# The Τμήμα Διαφάνειας receives the reports it cannot place and forwards them.
INTAKE = "diafaneia"
# Where a general suggestion about a neighbourhood ends up.
NEIGHBOURHOOD_UNITS = ["texnika-erga", "prasino", "kathariotita"]


def _weighted(mapping: dict) -> tuple[list, list]:
    """Return the choices and their cumulative weights, for `rng.choices(…, cum_weights=…)`."""
    return list(mapping), list(itertools.accumulate(mapping.values()))


KIND_CHOICES = _weighted(KINDS)
SOURCE_CHOICES = _weighted(SOURCES)


@dataclass
class _World:
    """What the generator draws from, loaded once."""

    categories: list[Category]
    weights: list[int]  # cumulative
    indexes: list[int]
    intake: int
    neighbourhood: list[int]
    handlers: dict[int, int | None]
    now: datetime
    scratch: Complaint = field(default_factory=Complaint)
    status_mix: list[tuple[int | None, tuple[list, list]]] = field(default_factory=list)


def seed(context: SeedContext) -> None:
    categories = _seed_categories()
    context.log(f"{len(categories)} κατηγορίες αιτημάτων")
    total = COMPLAINTS_PER_SCALE * context.scale
    world = _world(categories, context)
    newest = _seed_complaints(context, world, total)
    context.log(f"{total} αιτήματα με ιστορικό")
    if newest:
        link = reverse(
            "complaints:track_link", kwargs={"protocol": newest, "secret": DEMO_TRACKING_SECRET}
        )
        context.log(f"σύνδεσμος παρακολούθησης του νεότερου αιτήματος: {link}")


def _seed_categories() -> list[Category]:
    departments = {department.slug: department for department in Department.objects.all()}
    categories = Category.objects.bulk_create(
        Category(
            code=code,
            name=name,
            group=group,
            department=departments[slug],
            response_days=days,
            description=description,
            keywords=keywords,
            position=position,
        )
        for position, (code, name, group, slug, days, description, keywords, _subjects) in (
            enumerate(seed_data.CATEGORIES)
        )
    )
    by_code = {category.code: category for category in categories}
    CategoryQuestion.objects.bulk_create(
        CategoryQuestion(
            category=by_code[code],
            code=question_code,
            label=label,
            kind=kind,
            required=required,
            choices=choices,
            position=position,
        )
        for code, questions in seed_data.QUESTIONS.items()
        for position, (question_code, label, kind, required, choices) in enumerate(questions)
    )
    return categories


def _world(categories: list[Category], context: SeedContext) -> _World:
    staff = {
        profile_department: user_id
        for user_id, profile_department in User.objects.filter(
            is_staff=True, staff_profile__isnull=False
        ).values_list("id", "staff_profile__department_id")
    }
    # The everyday categories get most of the reports.
    weights = [
        12 if category.group in ("cleanliness", "roads", "lighting") else 5
        for category in categories
    ]
    weights = list(itertools.accumulate(weights))
    departments = dict(Department.objects.values_list("slug", "id"))
    return _World(
        categories=categories,
        weights=weights,
        indexes=list(range(len(categories))),
        intake=departments[INTAKE],
        neighbourhood=[departments[slug] for slug in NEIGHBOURHOOD_UNITS],
        handlers=staff,
        # The newest complaints arrive up to the context's present, never later.
        now=context.now,
        status_mix=[(age, _weighted(mix)) for age, mix in STATUS_MIX],
    )


def _submission_times(context: SeedContext, total: int, now: datetime) -> list[datetime]:
    start = datetime.combine(FIRST_DAY, time(0, 0), tzinfo=UTC).timestamp()
    span = now.timestamp() - start
    rng = context.rng
    # u ** 0.8 leans towards recent years: use of the service grows.
    stamps = sorted(start + span * rng.random() ** 0.8 for _ in range(total))
    return [datetime.fromtimestamp(stamp, tz=UTC) for stamp in stamps]


@contextlib.contextmanager
def _indexes_rebuilt_after(*models) -> Iterator[None]:
    """Drop the tables' plain indexes for a bulk load and build them again afterwards.

    Building an index once over a million rows is far cheaper than updating it
    a million times (the GIN search index above all). Indexes that back a
    constraint (primary and unique keys) stay.
    """
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        # Check foreign keys at the end of each COPY, not all at commit: flat memory,
        # and no pending trigger events to stop CREATE INDEX.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexname::regclass
              )
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _seed_complaints(context: SeedContext, world: _World, total: int) -> str:
    with _indexes_rebuilt_after(Complaint, TimelineEntry):
        return _load_complaints(context, world, total)


def _load_complaints(context: SeedContext, world: _World, total: int) -> str:
    times = _submission_times(context, total, world.now)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM complaints_complaint")
        next_id = cursor.fetchone()[0] + 1
    counters: dict[int, int] = dict(ProtocolCounter.objects.values_list("year", "last_number"))
    newest = ""
    for start in range(0, total, CHUNK):
        complaints, timeline = [], []
        for offset, submitted_at in enumerate(times[start : start + CHUNK]):
            year = submitted_at.year
            counters[year] = counters.get(year, 0) + 1
            protocol = f"{year}-{counters[year]:06d}"
            is_newest = start + offset == total - 1
            row, entries = _complaint(
                context, world, next_id + start + offset, protocol, submitted_at, is_newest
            )
            complaints.append(row)
            timeline.extend(entries)
            newest = protocol
        _copy(Complaint._meta.db_table, COMPLAINT_COLUMNS, complaints)
        _copy(TimelineEntry._meta.db_table, TIMELINE_COLUMNS, timeline)
    ProtocolCounter.objects.bulk_create(
        [ProtocolCounter(year=year, last_number=number) for year, number in counters.items()],
        update_conflicts=True,
        unique_fields=["year"],
        update_fields=["last_number"],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('complaints_complaint', 'id'), "
            "(SELECT COALESCE(MAX(id), 1) FROM complaints_complaint))"
        )
    return newest


def _copy(table: str, columns: list[str], rows: list[tuple]) -> None:
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _status_for(world: _World, rng, age_days: int) -> str:
    for limit, (statuses, weights) in world.status_mix:
        if limit is None or age_days <= limit:
            return rng.choices(statuses, cum_weights=weights)[0]
    raise AssertionError("the last status mix has no age limit")


def _later(rng, after: datetime, days: float, now: datetime) -> datetime:
    return min(after + timedelta(days=rng.uniform(0.05, days)), now)


def _complaint(context, world: _World, pk: int, protocol, submitted_at, is_newest):
    """Return one complaint row and its timeline rows."""
    rng = context.rng
    now = world.now
    index = rng.choices(world.indexes, cum_weights=world.weights)[0]
    category = world.categories[index]
    subjects = seed_data.CATEGORIES[index][7]
    street, at_street, latitude, longitude = rng.choice(seed_data.STREETS)
    number = rng.randint(1, 180)
    subject = rng.choice(subjects)
    has_place = category.code not in seed_data.WITHOUT_PLACE
    age_days = (now - submitted_at).days
    status = Status.SUBMITTED if is_newest else _status_for(world, rng, age_days)
    # Reports reach the unit their category names; some first reach the Τμήμα
    # Διαφάνειας, which forwards them to it (general suggestions: to a unit that fits).
    routed_to = category.department_id
    forwarded = status == Status.FORWARDED or (status != Status.SUBMITTED and rng.random() < 0.08)
    if forwarded and routed_to == world.intake:
        routed_to = rng.choice(world.neighbourhood)
    department_id = world.intake if forwarded else routed_to
    handler = world.handlers.get(department_id)
    citizen = person(rng, formal=False)
    entries = [
        (
            pk,
            TimelineKind.SUBMITTED,
            True,
            None,
            "",
            "",
            Status.SUBMITTED,
            department_id,
            submitted_at,
        )
    ]
    moment = submitted_at
    paused_days = 0
    awaiting_since = resolved_at = answered_at = closed_at = None
    closed_by_citizen = False
    satisfaction = ""
    assigned = None

    def event(kind, *, public=True, text="", to="", from_="", department=None, actor=handler):
        nonlocal moment
        moment = _later(rng, moment, 6, now)
        entries.append((pk, kind, public, actor, text, from_, to, department, moment))

    if status != Status.SUBMITTED:
        event(TimelineKind.STATUS_CHANGED, from_=Status.SUBMITTED, to=Status.ACCEPTED)
    if forwarded:
        event(
            TimelineKind.FORWARDED,
            from_=Status.ACCEPTED,
            to=Status.FORWARDED,
            department=routed_to,
            actor=world.handlers.get(world.intake),
        )
        department_id = routed_to
        handler = world.handlers.get(department_id)
    if status in (Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED, Status.AWAITING_CITIZEN):
        assigned = handler
        if handler is not None:
            event(TimelineKind.ASSIGNED, public=False, text="")
        if rng.random() < 0.4:
            event(TimelineKind.PUBLIC_REPLY, text=rng.choice(seed_data.REPLIES))
    if status == Status.AWAITING_CITIZEN:
        event(
            TimelineKind.INFORMATION_REQUESTED,
            text=rng.choice(seed_data.QUESTIONS_TO_CITIZEN),
            to=Status.AWAITING_CITIZEN,
        )
        awaiting_since = moment
    elif rng.random() < 0.05 and status not in (Status.SUBMITTED, Status.ACCEPTED):
        event(TimelineKind.INFORMATION_REQUESTED, text=rng.choice(seed_data.QUESTIONS_TO_CITIZEN))
        asked = moment
        event(TimelineKind.CITIZEN_MESSAGE, text="Στο ύψος του αριθμού που ανέφερα.", actor=None)
        paused_days = (moment.date() - asked.date()).days
    if status in (Status.RESOLVED, Status.CLOSED):
        moment = _later(rng, moment, 40, now)
        resolved_at = moment
        entries.append(
            (
                pk,
                TimelineKind.STATUS_CHANGED,
                True,
                handler,
                rng.choice(seed_data.RESOLUTIONS),
                Status.IN_PROGRESS,
                Status.RESOLVED,
                None,
                moment,
            )
        )
        answered_at = resolved_at
        if rng.random() < 0.5:
            satisfied = rng.random() < 0.75
            satisfaction = Satisfaction.SATISFIED if satisfied else Satisfaction.NOT_SATISFIED
            event(TimelineKind.SATISFACTION, text=str(satisfaction.label), actor=None)
            if satisfied:  # the citizen's confirmation closes the complaint
                status, closed_by_citizen = Status.CLOSED, True
    if status == Status.REJECTED:
        event(
            TimelineKind.STATUS_CHANGED,
            text=rng.choice(seed_data.REJECTIONS),
            from_=Status.ACCEPTED,
            to=Status.REJECTED,
        )
        answered_at = moment
    duplicate_of = None
    if status == Status.DUPLICATE and pk > 1:
        duplicate_of = rng.randint(max(1, pk - 500), pk - 1)
        event(TimelineKind.DUPLICATE_MARKED, from_=Status.ACCEPTED, to=Status.DUPLICATE)
    if status == Status.CLOSED:
        event(
            TimelineKind.STATUS_CHANGED,
            from_=Status.RESOLVED,
            to=Status.CLOSED,
            actor=None if closed_by_citizen else handler,
        )
        closed_at = moment
    published = status != Status.SUBMITTED and rng.random() < 0.4
    where = f" {at_street}" if has_place else ""
    summary = f"{subject}{where}." if published else ""
    if published:
        event(TimelineKind.PUBLISHED, public=False)
    pinned = has_place and rng.random() < 0.65
    secret = DEMO_TRACKING_SECRET if is_newest else f"{rng.getrandbits(128):032x}"
    answers = _answers(rng, category.code)
    # The portal's own rules give the deadline and the search document. One unsaved
    # instance serves every row: building a model a row would slow a big seed down.
    complaint = world.scratch
    complaint.protocol_number = protocol
    complaint.category = category
    complaint.submitted_at = submitted_at
    complaint.paused_days = paused_days
    complaint.public_summary = summary
    complaint.public_area = street if has_place else ""
    complaint.deadline = deadline_for(complaint)
    complaint.refresh_search_document()
    detail = rng.choice(seed_data.DESCRIPTION_DETAILS)
    row = (
        pk,
        protocol,
        rng.choices(KIND_CHOICES[0], cum_weights=KIND_CHOICES[1])[0],
        category.pk,
        department_id,
        subject,
        f"{subject}{where} {number}. {detail}" if has_place else f"{subject}. {detail}",
        f"{street} {number}" if has_place else "",
        complaint.public_area,
        round(latitude + rng.uniform(-0.002, 0.002), 6) if pinned else None,
        round(longitude + rng.uniform(-0.002, 0.002), 6) if pinned else None,
        citizen.name,
        f"politis{pk}@example.gr",
        f"+3069{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.6 else "",
        status,
        rng.choices(SOURCE_CHOICES[0], cum_weights=SOURCE_CHOICES[1])[0],
        assigned,
        submitted_at,
        moment,
        complaint.deadline,
        paused_days,
        awaiting_since,
        resolved_at,
        answered_at,
        closed_at,
        satisfaction,
        duplicate_of,
        summary,
        published,
        token_hash(secret),
        json.dumps(answers, ensure_ascii=False),
        complaint.search_document,
    )
    return row, entries


def _answers(rng, code: str) -> dict[str, str]:
    answers = {}
    for question_code, _label, kind, required, choices in seed_data.QUESTIONS.get(code, []):
        if not required and rng.random() < 0.5:
            continue
        if kind == "singlevaluelist":
            answers[question_code] = rng.choice(choices)["key"]
        else:
            answers[question_code] = rng.choice(seed_data.TEXT_ANSWERS[code])
    return answers
