"""Reads of the Citizen's Guide: public pages, open data, the staff's scope and reminders."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404, QueryDict

from guide.filters import ProcedureFilter
from guide.models import (
    Article,
    Channel,
    Charter,
    CharterKind,
    CharterVersion,
    Evidence,
    LegalResource,
    LifeEvent,
    Procedure,
    ProcedureVersion,
    Status,
    VersionStatus,
)
from portal.i18n import in_every_language
from portal.models import Department
from portal.privacy import public_columns
from portal.search import normalize
from portal.selectors import sees_all_departments, staff_department
from portal.types import Actor

# The columns of a procedure a list shows (its page reads them all).
LIST_COLUMNS = public_columns(Procedure, "slug", "title", "summary", "output", "fee_kind")


def published_procedures() -> QuerySet[Procedure]:
    """Return the procedures the public may see."""
    return Procedure.objects.filter(status=Status.PUBLISHED, department__is_active=True)


def procedure_list(params: QueryDict) -> ProcedureFilter:
    """Return the public search's filter set; its `.qs` lists the matches, best first."""
    queryset = (
        published_procedures()
        .select_related("department")
        .only(*LIST_COLUMNS, "department__slug", "department__name", "department__name_en")
        .order_by("title", "id")
    )
    return ProcedureFilter(params, queryset=queryset)


def procedure_public_detail(*, slug: str) -> Procedure:
    """Return a published procedure with everything its page shows, or raise Http404."""
    procedure = (
        published_procedures()
        .select_related(
            "department",
            "department__parent",
            "appointment_service",
            "complaint_category",
        )
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("position", "id")),
            Prefetch("legal_resources", queryset=LegalResource.objects.order_by("position", "id")),
            Prefetch("channels", queryset=Channel.objects.order_by("position", "id")),
            Prefetch("life_events", queryset=LifeEvent.objects.order_by("position", "name")),
        )
        .filter(slug=slug)
        .first()
    )
    if procedure is None:
        raise Http404
    return procedure


def life_events_with_counts() -> QuerySet[LifeEvent]:
    """Return the life events with how many published procedures each groups."""
    published = Q(procedures__status=Status.PUBLISHED, procedures__department__is_active=True)
    return LifeEvent.objects.annotate(procedure_count=Count("procedures", filter=published))


def departments_with_counts() -> QuerySet[Department]:
    """Return the active units that are responsible for published procedures, with how many."""
    return (
        Department.objects.filter(is_active=True)
        .annotate(
            procedure_count=Count("procedures", filter=Q(procedures__status=Status.PUBLISHED))
        )
        .filter(procedure_count__gt=0)
        .order_by("name")
        .only("slug", "name", "name_en")
    )


def life_event_detail(*, slug: str) -> tuple[LifeEvent, QuerySet[Procedure]]:
    event = LifeEvent.objects.filter(slug=slug).first()
    if event is None:
        raise Http404
    procedures = (
        published_procedures()
        .filter(life_events=event)
        .select_related("department")
        .only(*LIST_COLUMNS, "department__slug", "department__name", "department__name_en")
        .order_by("title")
    )
    return event, procedures


def unit_procedures(department: Department) -> QuerySet[Procedure]:
    """The published procedures a unit is responsible for (a block of its public page)."""
    return (
        published_procedures()
        .filter(department=department)
        .only(*LIST_COLUMNS, "department_id")
        .order_by("title")
    )


def booklet_procedures(*, department: Department | None = None) -> QuerySet[Procedure]:
    """Every published procedure in full, by unit and title, for the printed guide."""
    queryset = published_procedures()
    if department is not None:
        queryset = queryset.filter(department=department)
    return (
        queryset.select_related("department", "appointment_service")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("position", "id")),
            Prefetch("legal_resources", queryset=LegalResource.objects.order_by("position", "id")),
            Prefetch("channels", queryset=Channel.objects.order_by("position", "id")),
        )
        .order_by("department__position", "department__name", "title")
    )


# --- open data ----------------------------------------------------------------------------------


def open_data_procedures() -> QuerySet[Procedure]:
    """Published procedures with their related rows, for the CSV, JSON and CPSV-AP files."""
    return (
        published_procedures()
        .select_related("department", "appointment_service", "complaint_category")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("position", "id")),
            Prefetch("legal_resources", queryset=LegalResource.objects.order_by("position", "id")),
            Prefetch("channels", queryset=Channel.objects.order_by("position", "id")),
            Prefetch("life_events", queryset=LifeEvent.objects.order_by("position", "name")),
        )
        .defer("search_document")
        .order_by("slug")
    )


# --- staff --------------------------------------------------------------------------------------


def procedures_for_staff(user: Actor) -> QuerySet[Procedure]:
    """The procedures a staff user may see and edit: their unit's, or all for Transparency."""
    queryset = Procedure.objects.all()
    if sees_all_departments(user):
        return queryset
    department = staff_department(user)
    return queryset.filter(department=department) if department else queryset.none()


def may_edit_department(user: Actor, department: Department | None) -> bool:
    """Tell whether a staff user may write procedures of this unit."""
    if sees_all_departments(user):
        return True
    own = staff_department(user)
    return own is not None and department is not None and own.pk == department.pk


def procedure_history(procedure: Procedure) -> QuerySet[ProcedureVersion]:
    return procedure.versions.defer("snapshot").order_by("-number")


def due_for_review(*, cutoff: date) -> QuerySet[Procedure]:
    """Published procedures reviewed on or before `cutoff`, not yet reminded for that review."""
    return (
        published_procedures()
        .filter(last_reviewed_on__lte=cutoff)
        .exclude(review_reminded_for=F("last_reviewed_on"))
        .select_related("department")
        .order_by("department_id", "last_reviewed_on", "title")
    )


def department_editors(department_ids: list[int]) -> dict[int, list[str]]:
    """The email addresses of each unit's active staff who may edit procedures."""
    user_model = get_user_model()
    may_edit = Q(groups__permissions__codename="change_procedure") | Q(
        user_permissions__codename="change_procedure"
    )
    rows = (
        user_model.objects.filter(
            is_active=True,
            is_staff=True,
            staff_profile__department_id__in=department_ids,
        )
        .filter(may_edit)
        .exclude(email="")
        .values_list("staff_profile__department_id", "email")
        .distinct()
        .order_by("staff_profile__department_id", "email")
    )
    editors: dict[int, list[str]] = {}
    for department_id, email in rows:
        editors.setdefault(department_id, []).append(email)
    return editors


def mitos_department_index() -> dict[str, Department]:
    """Units by slug and by folded name: how a ΜΙΤΟΣ record names its unit."""
    index: dict[str, Department] = {}
    for department in Department.objects.all():
        index[department.slug] = department
        for name in in_every_language(department, "name"):
            index[normalize(name)] = department
    return index


def mitos_life_event_index() -> dict[str, LifeEvent]:
    """Life events by slug and by folded name."""
    index: dict[str, LifeEvent] = {}
    for event in LifeEvent.objects.all():
        index[event.slug] = event
        for name in in_every_language(event, "name"):
            index[normalize(name)] = event
    return index


# --- charters -----------------------------------------------------------------------------------


def charter_list() -> list[Charter]:
    """The charters that have a published version (the others are still being written)."""
    charters = list(Charter.objects.order_by("position", "title"))
    current = current_versions([charter.pk for charter in charters])
    return [charter for charter in charters if charter.pk in current]


def current_versions(charter_ids: list[int]) -> dict[int, CharterVersion]:
    """Each charter's version in force: the published one that took effect last."""
    versions = (
        CharterVersion.objects.filter(charter_id__in=charter_ids, status=VersionStatus.PUBLISHED)
        .order_by("charter_id", "-effective_on", "-number")
        .distinct("charter_id")
    )
    return {version.charter_id: version for version in versions}


def charter_detail(*, slug: str, number: int | None = None):
    """Return the charter, the version asked for (the current one by default) and all versions.

    Only published versions are public; the previous published version comes
    along so that the page can mark what changed.
    """
    charter = Charter.objects.filter(slug=slug).first()
    if charter is None:
        raise Http404
    versions = list(
        CharterVersion.objects.filter(charter=charter, status=VersionStatus.PUBLISHED)
        .select_related("charter")
        .prefetch_related(Prefetch("articles", queryset=Article.objects.order_by("number")))
        .order_by("-effective_on", "-number")
    )
    if not versions:
        raise Http404
    found = (
        versions[0] if number is None else next((v for v in versions if v.number == number), None)
    )
    if found is None:
        raise Http404
    version = found
    older = [
        v for v in versions if (v.effective_on, v.number) < (version.effective_on, version.number)
    ]
    previous = older[0] if older else None
    return charter, version, previous, versions


def guide_charter() -> tuple[Charter, CharterVersion] | None:
    """The Citizen's Guide as a document: its charter row and current version, if published."""
    charter = Charter.objects.filter(kind=CharterKind.GUIDE).first()
    if charter is None:
        return None
    version = (
        CharterVersion.objects.filter(charter=charter, status=VersionStatus.PUBLISHED)
        .prefetch_related(Prefetch("articles", queryset=Article.objects.order_by("number")))
        .order_by("-effective_on", "-number")
        .first()
    )
    return (charter, version) if version else None
