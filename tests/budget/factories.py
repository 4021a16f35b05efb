"""Small builders of budget rows for the tests."""

from decimal import Decimal

from budget.models import Execution, Kind, Line, Service, Year


def make_year(year: int = 2026, *, published: bool = True) -> Year:
    return Year.objects.create(year=year, is_published=published)


def make_service(
    code: str = "20", name: str = "Υπηρεσίες καθαριότητας", department=None
) -> Service:
    service, _created = Service.objects.get_or_create(
        code=code, defaults={"name": name, "department": department}
    )
    return service


def make_line(
    year: Year, kae: str, initial: str | Decimal = "1000.00", *, service=None, title="Γραμμή"
) -> Line:
    kind = Kind.REVENUE if kae[0] in "012345" else Kind.EXPENDITURE
    if kind == Kind.EXPENDITURE and service is None:
        service = make_service()
    line = Line(
        year=year, kind=kind, service=service, kae=kae, title=title, initial=Decimal(initial)
    )
    line.save()
    return line


def make_execution(line: Line, month: int, **stages) -> Execution:
    return Execution.objects.create(
        line=line, month=month, **{k: Decimal(v) for k, v in stages.items()}
    )
