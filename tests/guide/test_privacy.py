"""Who edited the guide, and a unit head's name staff chose not to show, reach no public page,
feed or open-data file. A positive control shows the pages do carry the procedure itself."""

import pytest
from django.urls import reverse

from guide import services
from portal.roles import Role
from tests.guide.factories import (
    ArticleFactory,
    CharterVersionFactory,
    EvidenceFactory,
    LifeEventFactory,
    ProcedureFactory,
)
from tests.portal.factories import DepartmentFactory, staff_user

pytestmark = pytest.mark.django_db

PLANTED = {
    "username": "kryfos-epimelitis",
    "email": "xanthippi.kryfo@example.gr",
    "first_name": "Ξανθίππη",
    "last_name": "Κρυφοπούλου",
}
HEAD = "Ευστάθιος Αθέατος"


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def test_editors_and_hidden_heads_appear_on_no_public_page_or_dataset(client):
    unit = DepartmentFactory(name="Τμήμα Δημοτολογίου", head_title="Προϊστάμενος/η", head_name=HEAD)
    editor = staff_user(department=unit, roles=(Role.DEPARTMENT_STAFF,), **PLANTED)
    event = LifeEventFactory()
    procedure = ProcedureFactory(department=unit, title="Πιστοποιητικό οικογενειακής κατάστασης")
    procedure.life_events.add(event)
    EvidenceFactory(procedure=procedure)
    services.procedure_record_save(procedure=procedure, actor=editor, created=True)
    services.procedure_mark_reviewed(procedure=procedure, actor=editor)
    version = CharterVersionFactory()
    ArticleFactory(version=version)

    data_json, units_csv = reverse("guide:data_json"), reverse("portal:organisation_csv")
    public = [
        reverse("guide:index"),
        reverse("guide:index") + "?q=πιστοποιητικο",
        event.get_absolute_url(),
        reverse("guide:department", args=[unit.slug]),
        procedure.get_absolute_url(),
        reverse("guide:booklet"),
        reverse("guide:department_booklet", args=[unit.slug]),
        version.charter.get_absolute_url(),
        reverse("guide:data_csv"),
        reverse("guide:data_json"),
        reverse("guide:data_cpsv"),
        reverse("portal:organisation"),
        reverse("portal:organisation") + "?chart=svg",
        reverse("portal:organisation_csv"),
        reverse("portal:organisation_json"),
        unit.get_absolute_url(),
        reverse("portal:department_list"),
        reverse("portal:data_catalogue"),
        reverse("portal:data_catalogue_jsonld"),
        f"/en{procedure.get_absolute_url()}",
        f"/en{unit.get_absolute_url()}",
    ]
    bodies = {}
    for path in public:
        response = client.get(path)
        assert response.status_code == 200, path
        bodies[path] = _body(response)

    for path, body in bodies.items():
        for value in (*PLANTED.values(), HEAD, "Αθέατος"):
            assert value not in body, (path, value)
    # Positive control: the procedure and the unit are there, and the head's name shows
    # as soon as staff choose to show it.
    assert procedure.title in bodies[data_json]
    assert unit.name in bodies[units_csv]
    unit.show_head_name = True
    unit.save()
    assert HEAD in _body(client.get(unit.get_absolute_url()))
    assert HEAD in _body(client.get(units_csv))
