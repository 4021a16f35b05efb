"""axe (WCAG 2.0/2.1 A and AA) finds nothing on any public page or the clerk's main pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Permission
from django.urls import reverse

from complaints.models import Status
from guide.models import CharterVersion
from portal.roles import Role
from tests.appointments.factories import ServiceFactory
from tests.complaints.backoffice import CHANGELIST, change_url
from tests.complaints.factories import CategoryFactory, PublishedComplaintFactory
from tests.disclosures.factories import DeclarationFactory, TermFactory, income
from tests.guide.factories import (
    ArticleFactory,
    CharterVersionFactory,
    EvidenceFactory,
    LifeEventFactory,
    ProcedureFactory,
)
from tests.portal.factories import staff_user
from tests.procurement.factories import ProcurementFactory, full_chain
from tests.signin import current_code, totp_device

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations", "incomplete"],
}
# Rules whose "needs review" answer is as bad as a violation here: axe cannot weigh a link's
# colour against its text when the link holds an image (Leaflet's attribution), but an
# underline settles it either way.
DECIDED_BY_STYLE = {"link-in-text-block"}
PASSWORD = "pass-Δοκιμή-123"


def _violations(page, path: str) -> list[str]:
    # Wait for the scripts' work too (the map and its attribution are drawn by JS).
    page.goto(path, wait_until="networkidle")
    response = Axe().run(page, options=WCAG).response
    found = response["violations"] + [
        result for result in response["incomplete"] if result["id"] in DECIDED_BY_STYLE
    ]
    return [
        f"{path}: {result['id']} ({result['impact']}) at "
        + ", ".join(str(node["target"]) for node in result["nodes"][:3])
        for result in found
    ]


def _department_clerk(department):
    """A clerk of the department's staff role, with that role's view of the queue on the user.

    Earlier transactional tests flush the database and restore a snapshot; after that the
    role groups have been seen to lose their permissions for these last browser tests (the
    roles themselves are tested elsewhere). Giving the clerk the role's queue permissions
    directly keeps this file about what it checks: accessibility and the queue's width.
    """
    clerk = staff_user(department=department, roles=(Role.DEPARTMENT_STAFF,), password=PASSWORD)
    clerk.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="complaints",
            codename__in=["view_complaint", "change_complaint"],
        )
    )
    return clerk


def _sign_in(page, user) -> None:
    """Sign in through the forms, as staff do: password, then the one-time code."""
    device = totp_device(user)
    page.goto("/admin/login/")
    page.get_by_label("Όνομα χρήστη").fill(user.username)
    page.get_by_label("Συνθηματικό").fill(PASSWORD)
    page.get_by_role("button").filter(has_text="Σύνδεση").click()
    page.get_by_label("Κωδικός μίας χρήσης").fill(current_code(device))
    page.get_by_role("button").filter(has_text="Επιβεβαίωση").click()
    page.wait_for_url("**/admin/")


@pytest.fixture
def published_world():
    """One published item of each kind, so every public detail page has something to show."""
    category = CategoryFactory()
    complaint = PublishedComplaintFactory(category=category, department=category.department)
    procurement = ProcurementFactory(department=category.department)
    full_chain(procurement, payments=[procurement.estimated_total / 2])
    term = TermFactory()
    declaration = DeclarationFactory(official=term.official, published=True)
    income(declaration, "23500.00")
    service = ServiceFactory()
    procedure = ProcedureFactory(department=category.department, appointment_service=service)
    procedure.life_events.add(LifeEventFactory())
    EvidenceFactory(procedure=procedure)
    ArticleFactory(version=CharterVersionFactory())
    return {
        "procedure": procedure,
        "complaint": complaint,
        "procurement": procurement,
        "official": term.official,
        "declaration": declaration,
        "service": service,
        "department": category.department,
    }


def _public_paths(world) -> list[str]:
    paths = [
        reverse("portal:home"),
        reverse("portal:department_list"),
        reverse("portal:department_detail", args=[world["department"].slug]),
        reverse("portal:data_catalogue"),
        reverse("portal:accessibility"),
        reverse("portal:privacy"),
        reverse("complaints:index"),
        reverse("complaints:new"),
        reverse("complaints:track"),
        reverse("complaints:detail", args=[world["complaint"].protocol_number]),
        reverse("procurement:index"),
        reverse("procurement:detail", args=[world["procurement"].pk]),
        reverse("procurement:ocds_policy"),
        reverse("disclosures:index"),
        reverse("disclosures:official_detail", args=[world["official"].slug]),
        reverse("disclosures:official_compare", args=[world["official"].slug]),
        reverse("disclosures:declaration_detail", args=[world["declaration"].pk]),
        reverse("appointments:index"),
        reverse("appointments:service", args=[world["service"].slug]),
        reverse("guide:index"),
        reverse("guide:index") + "?q=βεβαίωση",
        world["procedure"].get_absolute_url(),
        world["procedure"].life_events.get().get_absolute_url(),
        reverse("guide:booklet"),
        world["procedure"].department.get_absolute_url(),
        CharterVersion.objects.get().charter.get_absolute_url() + "?changes=1",
        reverse("portal:organisation") + "?chart=svg",
        "/no-such-page/",
    ]
    return [*paths, *(f"/en{path}" for path in paths)]


def test_no_public_page_has_an_accessibility_violation(page, published_world):
    violations = [
        violation
        for path in _public_paths(published_world)
        for violation in _violations(page, path)
    ]

    assert not violations, "\n".join(violations)


def test_the_clerks_queue_and_ticket_page_have_no_accessibility_violation(page, published_world):
    complaint = published_world["complaint"]
    clerk = _department_clerk(complaint.department)
    _sign_in(page, clerk)

    violations = [
        violation
        for path in (
            "/admin/",
            CHANGELIST,
            f"{CHANGELIST}?status={Status.SUBMITTED}",
            change_url(complaint),
        )
        for violation in _violations(page, path)
    ]

    assert not violations, "\n".join(violations)


def test_the_clerks_queue_shows_every_column_a_clerk_needs_on_a_1280_px_screen(page):
    complaint = PublishedComplaintFactory()
    clerk = _department_clerk(complaint.department)
    _sign_in(page, clerk)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(CHANGELIST)

    table = page.locator("#changelist .results")
    right_edge = table.bounding_box()["x"] + table.bounding_box()["width"]
    for column in (
        "protocol_number",
        "subject",
        "category",
        "department",
        "status",
        "deadline_tag",
    ):
        box = page.locator(f"#result_list th.column-{column}").bounding_box()
        assert box["x"] + box["width"] <= right_edge, f"the {column} column is cut off"
    assert table.evaluate("element => element.scrollWidth <= element.clientWidth")
