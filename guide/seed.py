"""Demo data of the guide: life events, about sixty procedures, the charters and regulations."""

from datetime import timedelta
from decimal import Decimal

from appointments.models import Service
from complaints.models import Category
from guide.models import (
    Article,
    Channel,
    ChannelKind,
    Charter,
    CharterVersion,
    Evidence,
    FeeKind,
    LegalResource,
    LifeEvent,
    Procedure,
    ProcedureVersion,
    Status,
    VersionStatus,
)
from guide.seed_charters import CHARTERS
from guide.seed_data import LIFE_EVENTS, PROCEDURES
from guide.versions import snapshot
from portal.models import Department
from portal.seeding import SeedContext, bulk_insert

# Procedures still being written: the back office shows drafts too.
DRAFTS = {"ekdilosi-dimosio-xoro"}


def _desk(department: Department) -> str:
    place = ", ".join(part for part in (department.address, department.floor) if part)
    return f"{place}, γραφείο {department.office}" if department.office else place


def _fee(data: dict) -> dict:
    kind, low, high, note = data.get("fee") or (FeeKind.NONE, None, None, "")
    return {
        "fee_kind": kind,
        "fee_amount": Decimal(low) if low is not None else None,
        "fee_max": Decimal(high) if high is not None else None,
        "fee_note": note,
    }


def seed(context: SeedContext) -> None:
    """Create the life events, the procedures with their documents and first version, the charters."""
    rng = context.rng
    events = bulk_insert(
        LifeEvent,
        [
            LifeEvent(slug=slug, name=name, description=description, position=position)
            for position, (slug, name, _en, description, _description_en) in enumerate(LIFE_EVENTS)
        ],
    )
    events_by_slug = {event.slug: event for event in events}
    departments = {d.slug: d for d in Department.objects.all()}
    services = {s.slug: s for s in Service.objects.all()}
    categories = {c.code: c for c in Category.objects.all()}

    procedures = []
    for data in PROCEDURES:
        procedure = Procedure(
            slug=data["slug"],
            title=data["title"],
            alternative_titles=data.get("alternative_titles", ""),
            summary=data["summary"],
            description=data.get("description", ""),
            audience=data.get("audience", ""),
            department=departments[data["department"]],
            output_kind=data["output_kind"],
            output=data["output"],
            duration=data.get("duration", ""),
            steps="\n".join(data.get("steps", [])),
            remarks=data.get("remarks", ""),
            mitos_id=data.get("mitos_id", ""),
            appointment_service=services.get(data.get("appointment", "")),
            complaint_category=categories.get(data.get("category", "")),
            status=Status.DRAFT if data["slug"] in DRAFTS else Status.PUBLISHED,
            last_reviewed_on=context.today - timedelta(days=rng.randint(5, 520)),
            version=1,
            created_at=context.now,
            updated_at=context.now,
            **_fee(data),
        )
        procedure.refresh_search_document()
        procedures.append(procedure)
    bulk_insert(Procedure, procedures)

    evidence, legal, channels, links = [], [], [], []
    through = Procedure.life_events.through
    for procedure, data in zip(procedures, PROCEDURES, strict=True):
        for position, item in enumerate(data.get("evidence", [])):
            title, note, *office = item
            evidence.append(
                Evidence(
                    procedure=procedure,
                    position=position,
                    title=title,
                    note=note,
                    obtained_by_office=bool(office and office[0]),
                )
            )
        for position, (citation, title, url) in enumerate(data.get("legal", [])):
            legal.append(
                LegalResource(
                    procedure=procedure, position=position, citation=citation, title=title, url=url
                )
            )
        department = procedure.department
        ways = [(ChannelKind.DESK, _desk(department), department.opening_hours)]
        ways += [(kind, value, note) for kind, value, note in data.get("channels", [])]
        if department.phone_list and not any(kind == ChannelKind.PHONE for kind, _v, _n in ways):
            ways.append((ChannelKind.PHONE, department.phone_list[0], ""))
        for position, (kind, value, note) in enumerate(ways):
            channels.append(
                Channel(procedure=procedure, position=position, kind=kind, value=value, note=note)
            )
        links += [
            through(procedure_id=procedure.pk, lifeevent_id=events_by_slug[slug].pk)
            for slug in data.get("events", [])
        ]
    bulk_insert(Evidence, evidence)
    bulk_insert(LegalResource, legal)
    bulk_insert(Channel, channels)
    bulk_insert(through, links)
    bulk_insert(
        ProcedureVersion,
        [
            ProcedureVersion(
                procedure=procedure, number=1, snapshot=snapshot(procedure), saved_at=context.now
            )
            for procedure in procedures
        ],
    )
    context.log(
        f"{len(events)} γεγονότα ζωής, {len(procedures)} διαδικασίες, {len(evidence)} δικαιολογητικά"
    )

    versions = 0
    for position, (slug, kind, title, _title_en, summary, _summary_en, texts) in enumerate(
        CHARTERS
    ):
        charter = Charter.objects.create(
            slug=slug, kind=kind, title=title, summary=summary, position=position
        )
        for number, effective_on, ada, reference, note, articles in texts:
            version = CharterVersion.objects.create(
                charter=charter,
                number=number,
                status=VersionStatus.PUBLISHED,
                effective_on=effective_on,
                decision_ada=ada,
                decision_reference=reference,
                change_note=note,
            )
            Article.objects.bulk_create(
                Article(version=version, number=index, title=article_title, body=body)
                for index, (article_title, body) in enumerate(articles, start=1)
            )
            versions += 1
    context.log(f"{len(CHARTERS)} χάρτες και κανονισμοί, {versions} εκδόσεις")
