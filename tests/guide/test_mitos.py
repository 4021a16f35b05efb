"""Import from ΜΙΤΟΣ-shaped JSON: a dry run writes nothing; one bad row, and nothing is written."""

import json

import pytest

from guide import services
from guide.errors import GuideError
from guide.models import Procedure, ProcedureVersion, Status
from portal.roles import Role
from tests.guide.factories import LifeEventFactory, ProcedureFactory
from tests.portal.factories import DepartmentFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return DepartmentFactory(name="Τμήμα Δημοτολογίου", slug="dimotologio")


@pytest.fixture
def transparency():
    return staff_user(department=DepartmentFactory(), roles=(Role.TRANSPARENCY_STAFF,))


def record(**fields) -> dict:
    return {
        "process_id": "366142",
        "process_official_title": "Πιστοποιητικό οικογενειακής κατάστασης",
        "process_alternative_titles": "οικογενειακή κατάσταση; family status",
        "process_description": "Τα μέλη της μερίδας σας.",
        "process_provision_org_directory": "Τμήμα Δημοτολογίου",
        "process_life_events": ["gennisi"],
        "process_output_type": "Πιστοποιητικό",
        "process_cost_min": "0",
        "process_cost_max": "",
        "process_estimated_implementation_time": "P1D",
        "process_evidences": [
            {"process_evidence_title": "Αστυνομική ταυτότητα"},
            {
                "process_evidence_title": "Εξουσιοδότηση",
                "process_evidence_description": "Αν έρχεται άλλος.",
            },
        ],
        "process_rules": [
            {
                "process_rule_decision_number": "ν. 2690/1999, άρθρο 5",
                "process_rule_url": "https://www.et.gr/",
            }
        ],
        "process_steps": [
            {"process_step_title": "Αίτηση", "process_step_description": "στο γκισέ"}
        ],
        "process_provision_digital_locations": ["https://www.gov.gr/"],
        **fields,
    }


def _file(*records) -> bytes:
    return json.dumps(list(records), ensure_ascii=False).encode()


def test_a_dry_run_checks_everything_and_writes_nothing(unit, transparency):
    LifeEventFactory(slug="gennisi")
    report = services.procedures_import(data=_file(record()), actor=transparency, dry_run=True)
    assert report.ok and report.created == ["Πιστοποιητικό οικογενειακής κατάστασης"]
    assert not Procedure.objects.exists()


def test_an_import_creates_drafts_with_their_documents_and_a_first_version(unit, transparency):
    LifeEventFactory(slug="gennisi")
    data = _file(
        record(),
        record(
            process_id="366143",
            process_official_title="Πιστοποιητικό εντοπιότητας",
            process_cost_min="2",
            process_cost_max="5",
        ),
    )
    report = services.procedures_import(data=data, actor=transparency, dry_run=False)

    assert report.ok and len(report.created) == 2
    procedure = Procedure.objects.get(mitos_id="366142")
    assert procedure.status == Status.DRAFT and procedure.department == unit
    assert procedure.alternative_title_list == ["οικογενειακή κατάσταση", "family status"]
    assert [e.title for e in procedure.evidence.order_by("position")] == [
        "Αστυνομική ταυτότητα",
        "Εξουσιοδότηση",
    ]
    assert procedure.legal_resources.get().citation == "ν. 2690/1999, άρθρο 5"
    assert procedure.channels.get().value == "https://www.gov.gr/"
    assert procedure.step_list == ["Αίτηση: στο γκισέ"]
    assert procedure.fee_kind == "none" and procedure.duration == "P1D"
    assert procedure.life_events.get().slug == "gennisi"
    assert ProcedureVersion.objects.get(procedure=procedure).number == 1
    assert "οικογενειακη" in procedure.search_document
    other = Procedure.objects.get(mitos_id="366143")
    assert (other.fee_kind, str(other.fee_amount), str(other.fee_max)) == ("range", "2.00", "5.00")


def test_a_procedure_already_here_is_updated_not_duplicated(unit, transparency):
    LifeEventFactory(slug="gennisi")
    existing = ProcedureFactory(
        department=unit, mitos_id="366142", title="Παλιός τίτλος", status=Status.PUBLISHED
    )
    report = services.procedures_import(data=_file(record()), actor=transparency, dry_run=False)
    assert report.updated == ["Πιστοποιητικό οικογενειακής κατάστασης"]
    existing.refresh_from_db()
    assert existing.title == "Πιστοποιητικό οικογενειακής κατάστασης"
    assert existing.status == Status.PUBLISHED
    assert Procedure.objects.count() == 1


def test_one_bad_row_rejects_the_whole_file_with_row_numbered_errors(unit, transparency):
    LifeEventFactory(slug="gennisi")
    data = _file(
        record(),
        record(process_id="12a", process_official_title=""),
        record(process_id="3", process_provision_org_directory="Τμήμα που δεν υπάρχει"),
        record(process_id="4", process_life_events="άγνωστο", process_cost_min="πολύ"),
        record(process_id="5", process_estimated_implementation_time="δέκα μέρες"),
    )
    report = services.procedures_import(data=data, actor=transparency, dry_run=False)

    assert not report.ok
    messages = [str(error) for error in report.errors]
    assert "Γραμμή 2, process_official_title: λείπει ο τίτλος" in messages
    assert "Γραμμή 2, process_id: ο κωδικός ΜΙΤΟΣ έχει μόνο ψηφία" in messages
    assert any(
        m.startswith("Γραμμή 3, process_provision_org_directory: δεν υπάρχει υπηρεσία")
        for m in messages
    )
    assert any(m.startswith("Γραμμή 4, process_life_events") for m in messages)
    assert any(m.startswith("Γραμμή 4, process_cost_min") for m in messages)
    assert any(m.startswith("Γραμμή 5, process_estimated_implementation_time") for m in messages)
    assert not any(m.startswith("Γραμμή 1,") for m in messages)
    assert not Procedure.objects.exists()  # not even the good first row


def test_the_same_procedure_twice_in_a_file_is_an_error(unit, transparency):
    report = services.procedures_import(
        data=_file(record(process_life_events=[]), record(process_life_events=[])),
        actor=transparency,
        dry_run=True,
    )
    assert [str(e) for e in report.errors] == [
        "Γραμμή 2, process_id: η ίδια διαδικασία υπάρχει ήδη στη γραμμή 1"
    ]


def test_a_units_staff_import_only_their_units_procedures(unit):
    other = DepartmentFactory(name="Τμήμα Καθαριότητας")
    editor = staff_user(department=unit, roles=(Role.DEPARTMENT_STAFF,))
    data = _file(
        record(process_life_events=[]),
        record(process_id="9", process_life_events=[], process_provision_org_directory=other.name),
    )
    report = services.procedures_import(data=data, actor=editor, dry_run=False)
    assert [str(e) for e in report.errors] == [
        "Γραμμή 2, process_provision_org_directory: εισάγετε μόνο διαδικασίες της υπηρεσίας σας"
    ]
    assert not Procedure.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "δεν είναι έγκυρο JSON"),
        (b'{"a": 1}', "λίστα διαδικασιών"),
        (b"[]", "καμία διαδικασία"),
        (b"\xff\xfe", "δεν είναι έγκυρο JSON"),
    ],
)
def test_a_file_that_is_not_mitos_json_is_refused_in_greek(content, message, transparency):
    with pytest.raises(GuideError, match=message):
        services.procedures_import(data=content, actor=transparency, dry_run=True)
