"""The open data catalogue for machines: DCAT-AP in JSON-LD and Frictionless data packages.

A harvester (data.gov.gr, data.europa.eu) reads the JSON-LD as RDF; rdflib
does the same here. Each CSV's data package is validated by Frictionless
against the file the portal serves.
"""

import csv
import io
import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import rfc3987
from django.urls import reverse
from django.utils import timezone
from frictionless import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from budget.models import Revision
from portal.catalogue import FREQUENCY_BASE, LICENCE_URI, all_datasets
from portal.models import OrganisationDecision
from tests.appointments.factories import BookingFactory, SlotFactory, local
from tests.budget.factories import make_execution, make_line, make_year
from tests.complaints.factories import PublishedComplaintFactory
from tests.disclosures.factories import DeclarationFactory, EntryFactory, TermFactory
from tests.guide.factories import ProcedureFactory
from tests.procurement.factories import ProcurementFactory

EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
DATASETS = all_datasets()
WITH_CSV = [dataset for dataset in DATASETS if dataset.csv]


@pytest.fixture
def published_data(settings, tmp_path):
    """One published row in every dataset (a past booking for the statistics)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    ProcurementFactory(title="Προμήθεια «λαμπτήρων» LED, 2η φάση")
    PublishedComplaintFactory()
    declaration = DeclarationFactory(published=True)
    EntryFactory(declaration=declaration)
    EntryFactory(declaration=declaration, amount="12.50")
    TermFactory(official=declaration.official)
    past = timezone.localdate() - timedelta(days=3)
    BookingFactory(slot=SlotFactory(starts_at=local(past, 9)))
    ProcedureFactory()
    OrganisationDecision.objects.create(
        title="Οργανισμός Εσωτερικών Υπηρεσιών", gazette="Β΄ 5311/2023", decided_on=past
    )
    budget_line = make_line(make_year(2026), "6641.0001")
    make_execution(budget_line, 1, committed="10", ordered="5", paid="1")
    Revision.objects.create(
        year=budget_line.year, number=1, ada="ΨΩ1ΑΩ1Ε-ΑΒΓ", decided_on=past, subject="1η"
    ).changes.create(line=budget_line, amount="5.00")


def _graph(client) -> Graph:
    response = client.get(reverse("portal:data_catalogue_jsonld"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return Graph().parse(data=response.content.decode(), format="json-ld")


def _texts(graph, subject, predicate) -> dict[str, str]:
    return {o.language: str(o) for o in graph.objects(subject, predicate)}


@pytest.mark.django_db
def test_the_data_page_links_the_catalogue_for_harvesters(client):
    html = client.get(reverse("portal:data_catalogue")).content.decode()
    url = reverse("portal:data_catalogue_jsonld")
    assert f'<link rel="alternate" type="application/ld+json" href="{url}"' in html
    for dataset in WITH_CSV:
        assert reverse("portal:datapackage", kwargs={"slug": dataset.slug}) in html


@pytest.mark.django_db
def test_the_dcat_catalogue_describes_every_dataset_for_harvesting(client, published_data):
    graph = _graph(client)
    catalogue = graph.value(predicate=RDF.type, object=DCAT.Catalog)
    assert catalogue is not None
    assert _texts(graph, catalogue, DCTERMS.title).keys() == {"el", "en"}
    datasets = set(graph.objects(catalogue, DCAT.dataset))
    assert len(datasets) == len(DATASETS)
    for dataset in DATASETS:
        node = next(d for d in datasets if str(d).endswith(f"#dataset-{dataset.slug}"))
        assert (node, RDF.type, DCAT.Dataset) in graph
        titles = _texts(graph, node, DCTERMS.title)
        assert titles["el"] == str(dataset.title)
        assert titles["en"] and titles["en"] != titles["el"]
        descriptions = _texts(graph, node, DCTERMS.description)
        assert descriptions.keys() == {"el", "en"}
        publisher = graph.value(node, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in graph
        assert _texts(graph, publisher, FOAF.name)["el"] == "Δήμος Θεσσαλονίκης"
        assert graph.value(node, DCTERMS.license) == URIRef(LICENCE_URI)
        assert graph.value(node, DCTERMS.accrualPeriodicity) == URIRef(dataset.frequency_uri)
        assert str(dataset.frequency_uri).startswith(FREQUENCY_BASE)
        period = graph.value(node, DCTERMS.temporal)
        assert (period, RDF.type, DCTERMS.PeriodOfTime) in graph
        start = graph.value(period, DCAT.startDate)
        end = graph.value(period, DCAT.endDate)
        assert isinstance(start, Literal) and start.datatype.endswith("#date")
        assert start.toPython() <= end.toPython() <= timezone.localdate() + timedelta(days=1)
        distributions = list(graph.objects(node, DCAT.distribution))
        assert len(distributions) == len(dataset.distributions)
        for described, distribution in zip(
            sorted(distributions, key=str), sorted(dataset.distributions, key=lambda d: d.url_name)
        ):
            assert str(graph.value(described, DCAT.accessURL)).endswith(distribution.url)
            media = str(graph.value(described, DCAT.mediaType))
            assert media == IANA + distribution.media_type
            assert str(graph.value(described, DCTERMS.format)).startswith(EU_FILE_TYPE)
            download = graph.value(described, DCAT.downloadURL)
            assert (download is None) == distribution.paged


@pytest.mark.django_db
def test_every_address_in_the_catalogue_is_a_uri_that_answers(client, published_data):
    graph = _graph(client)
    addresses = {str(o) for o in graph.objects() if isinstance(o, URIRef)}
    local_addresses = [a for a in addresses if a.startswith("http://testserver/")]
    for address in addresses:
        rfc3987.parse(address, rule="URI")
    assert len(local_addresses) > 10
    for address in local_addresses:
        path = address.removeprefix("http://testserver").split("#")[0]
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", WITH_CSV, ids=lambda d: d.slug)
def test_each_data_package_describes_its_csv_in_greek_and_english(client, dataset):
    url = reverse("portal:datapackage", kwargs={"slug": dataset.slug})
    package = client.get(url).json()
    assert package["licenses"][0]["path"] == LICENCE_URI
    (resource,) = package["resources"]
    csv_url = reverse(dataset.csv.url_name)
    assert resource["path"] == f"http://testserver{csv_url}"
    text = b"".join(client.get(csv_url).streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    fields = resource["schema"]["fields"]
    assert [field["name"] for field in fields] == header
    assert set(resource["schema"]["primaryKey"]) <= set(header)
    for field in fields:
        assert field["description"] and field["description_en"]
        assert field["description"] != field["description_en"], field["name"]


def test_an_unknown_data_package_is_a_404(client, db):
    assert client.get("/data/no-such-dataset/datapackage.json").status_code == 404


@pytest.mark.django_db
def test_frictionless_validates_every_package_against_the_csv_the_portal_serves(
    client, published_data, tmp_path
):
    for dataset in WITH_CSV:
        package = client.get(reverse("portal:datapackage", kwargs={"slug": dataset.slug})).json()
        resource = package["resources"][0]
        served = client.get(urlsplit(resource["path"]).path)
        assert served.status_code == 200, dataset.slug
        # The file as served, next to its package: Frictionless reads both from the folder.
        folder = tmp_path / dataset.slug
        folder.mkdir()
        (folder / "data.csv").write_bytes(b"".join(served.streaming_content))
        resource["path"] = "data.csv"
        (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")

        report = validate(str(folder / "datapackage.json"))

        assert report.valid, (dataset.slug, report.flatten(["rowNumber", "fieldName", "note"]))
        assert report.tasks[0].stats["rows"] >= 1, dataset.slug
