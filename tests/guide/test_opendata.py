"""The guide as open data: CSV and JSON, and CPSV-AP 3 JSON-LD that rdflib reads."""

import csv
import io
import json

import pytest
from django.urls import reverse
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, XSD

from guide.models import ChannelKind, FeeKind, Status
from tests.guide.factories import (
    ChannelFactory,
    EvidenceFactory,
    LegalResourceFactory,
    LifeEventFactory,
    ProcedureFactory,
)

pytestmark = pytest.mark.django_db

CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")


def _body(response) -> str:
    return (
        b"".join(response.streaming_content).decode("utf-8-sig")
        if response.streaming
        else response.content.decode()
    )


@pytest.fixture
def published():
    procedure = ProcedureFactory(
        slug="pistopoiitiko",
        title="Πιστοποιητικό οικογενειακής κατάστασης",
        alternative_titles="οικογενειακή κατάσταση",
        fee_kind=FeeKind.FIXED,
        fee_amount="5.00",
        duration="P10D",
        mitos_id="366142",
    )
    EvidenceFactory(procedure=procedure, title="Αστυνομική ταυτότητα")
    EvidenceFactory(procedure=procedure, title="Εξουσιοδότηση")
    LegalResourceFactory(
        procedure=procedure, citation="ν. 2690/1999, άρθρο 5", url="https://www.et.gr/ν"
    )
    ChannelFactory(procedure=procedure, kind=ChannelKind.DESK)
    ChannelFactory(procedure=procedure, kind=ChannelKind.ONLINE, value="https://www.gov.gr/")
    procedure.life_events.add(LifeEventFactory(slug="gennisi", name="Γέννηση"))
    ProcedureFactory(title="Πρόχειρη", status=Status.DRAFT)
    return procedure


def test_the_cpsv_ap_json_ld_parses_and_carries_the_required_properties(client, published):
    response = client.get(reverse("guide:data_cpsv"))
    assert response["Content-Type"] == "application/ld+json"
    graph = Graph().parse(data=response.content, format="json-ld")

    services = list(graph.subjects(RDF.type, CPSV.PublicService))
    assert len(services) == 1  # the draft is not published
    service = services[0]
    assert str(service) == "http://testserver/guide/procedures/pistopoiitiko/"
    assert graph.value(service, DCTERMS.identifier) == Literal("pistopoiitiko")
    assert graph.value(service, DCTERMS.title) == Literal(
        "Πιστοποιητικό οικογενειακής κατάστασης", lang="el"
    )
    assert graph.value(service, DCTERMS.description) is not None
    assert graph.value(service, CV.processingTime) == Literal("P10D", datatype=XSD.duration)

    authority = graph.value(service, CV.hasCompetentAuthority)
    assert (authority, RDF.type, CV.PublicOrganisation) in graph
    assert graph.value(authority, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))

    evidence = list(graph.objects(service, CPSV.hasInput))
    assert len(evidence) == 2
    assert all(
        (e, RDF.type, CV.Evidence) in graph and graph.value(e, DCTERMS.title) for e in evidence
    )

    cost = graph.value(service, CV.hasCost)
    assert (cost, RDF.type, CV.Cost) in graph
    assert graph.value(cost, CV.hasValue).toPython() == 5.0
    assert str(graph.value(cost, CV.currency)).endswith("/currency/EUR")

    channels = list(graph.objects(service, CV.hasChannel))
    assert len(channels) == 2 and all((c, RDF.type, CV.Channel) in graph for c in channels)

    law = graph.value(service, CV.hasLegalResource)
    assert (law, RDF.type, ELI.LegalResource) in graph
    assert str(law).startswith("https://www.et.gr/%CE%BD")  # a URI, not an IRI

    output = graph.value(service, CPSV.produces)
    assert (output, RDF.type, CV.Output) in graph
    event = graph.value(service, CV.isGroupedBy)
    assert (event, RDF.type, CV.LifeEvent) in graph


def test_a_free_procedure_costs_zero_euros_in_cpsv(client):
    ProcedureFactory(fee_kind=FeeKind.NONE)
    graph = Graph().parse(data=client.get(reverse("guide:data_cpsv")).content, format="json-ld")
    cost = next(graph.subjects(RDF.type, CV.Cost))
    assert graph.value(cost, CV.hasValue).toPython() == 0.0


def test_the_csv_lists_published_procedures_with_their_unit_and_documents(client, published):
    rows = list(csv.DictReader(io.StringIO(_body(client.get(reverse("guide:data_csv"))))))
    assert [row["slug"] for row in rows] == ["pistopoiitiko"]
    row = rows[0]
    assert row["department"] == published.department.slug
    assert row["evidence_count"] == "2"
    assert row["fee_kind"] == "fixed" and row["fee_min_eur"] == "5.00"
    assert row["channels"] == "desk online" and row["online_url"] == "https://www.gov.gr/"
    assert row["life_events"] == "gennisi" and row["mitos_id"] == "366142"


def test_the_json_holds_each_procedure_in_full(client, published):
    data = json.loads(client.get(reverse("guide:data_json")).content)
    assert data["count"] == 1
    record = data["results"][0]
    assert record["alternative_titles"] == ["οικογενειακή κατάσταση"]
    assert [e["title"] for e in record["evidence"]] == ["Αστυνομική ταυτότητα", "Εξουσιοδότηση"]
    assert record["legal_basis"][0]["citation"] == "ν. 2690/1999, άρθρο 5"


@pytest.mark.parametrize("count", [1, 12])
def test_the_open_data_files_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    for _ in range(count):
        procedure = ProcedureFactory()
        EvidenceFactory.create_batch(2, procedure=procedure)
        ChannelFactory(procedure=procedure)
    for name in ("guide:data_csv", "guide:data_json", "guide:data_cpsv"):
        with django_assert_max_num_queries(9):
            response = client.get(reverse(name))
            _body(response)
        assert response.status_code == 200


def test_the_catalogue_lists_the_guide_and_the_organisation(client, published):
    html = client.get(reverse("portal:data_catalogue")).content.decode()
    for name in ("guide:data_csv", "guide:data_json", "guide:data_cpsv", "portal:organisation_csv"):
        assert f'href="{reverse(name)}"' in html
