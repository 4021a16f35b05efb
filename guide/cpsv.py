"""The guide in CPSV-AP 3 (the EU's Core Public Service Vocabulary), as JSON-LD.

Each published procedure is a `cpsv:PublicService` with its identifier, title
and description, its competent authority (the unit, a `cv:PublicOrganisation`),
its evidence (`cpsv:hasInput` → `cv:Evidence`), its cost (`cv:hasCost` →
`cv:Cost` in euros), its channels (`cv:hasChannel` → `cv:Channel`), its legal
basis (`cv:hasLegalResource` → `eli:LegalResource`), its output
(`cpsv:produces` → `cv:Output`), its life events (`cv:isGroupedBy` →
`cv:LifeEvent`) and its processing time (`cv:processingTime`, an
`xsd:duration`). Every address is a URI (`portal.urls_iri`).
"""

from django.utils import translation

from guide.models import ChannelKind, FeeKind, Procedure
from portal.municipality import municipality
from portal.urls_iri import absolute_uri

CONTEXT = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EURO = "http://publications.europa.eu/resource/authority/currency/EUR"
GREEK = "http://publications.europa.eu/resource/authority/language/ELL"


def _el(text: object) -> dict:
    return {"@language": "el", "@value": str(text)}


def _id(uri: str) -> dict:
    return {"@id": uri}


class Graph:
    """Builds the JSON-LD graph of the published procedures, each node once."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.nodes: dict[str, dict] = {}

    def uri(self, path: str) -> str:
        return absolute_uri(self.base_url, path)

    def add(self, node: dict) -> dict:
        self.nodes.setdefault(node["@id"], node)
        return _id(node["@id"])

    def organisation(self, department) -> dict:
        return self.add(
            {
                "@id": self.uri(department.get_absolute_url()),
                "@type": "cv:PublicOrganisation",
                "dct:identifier": department.slug,
                "skos:prefLabel": _el(department.name),
                "foaf:homepage": _id(self.uri(department.get_absolute_url())),
                "dct:isPartOf": {"skos:prefLabel": _el(municipality().name)},
            }
        )

    def procedure(self, p: Procedure) -> None:
        service_uri = self.uri(p.get_absolute_url())
        node: dict = {
            "@id": service_uri,
            "@type": "cpsv:PublicService",
            "dct:identifier": p.slug,
            "dct:title": _el(p.title),
            "dct:description": _el(p.description or p.summary),
            "dct:language": _id(GREEK),
            "cv:hasCompetentAuthority": self.organisation(p.department),
            "cpsv:hasInput": [
                self.add(
                    {
                        "@id": f"{service_uri}#evidence-{index}",
                        "@type": "cv:Evidence",
                        "dct:identifier": f"{p.slug}-evidence-{index}",
                        "dct:title": _el(evidence.title),
                        **({"dct:description": _el(evidence.note)} if evidence.note else {}),
                        **(
                            {"foaf:page": _id(self.uri(evidence.form.url))} if evidence.form else {}
                        ),
                    }
                )
                for index, evidence in enumerate(p.evidence.all(), start=1)
            ],
            "cv:hasCost": [self.add(self.cost(p, service_uri))],
            "cv:hasChannel": [
                self.add(self.channel(channel, f"{service_uri}#channel-{index}", p.slug, index))
                for index, channel in enumerate(p.channels.all(), start=1)
            ],
            "cv:hasLegalResource": [
                self.add(
                    {
                        "@id": self.uri(resource.url)
                        if resource.url
                        else f"{service_uri}#law-{index}",
                        "@type": "eli:LegalResource",
                        "dct:title": _el(
                            f"{resource.citation} — {resource.title}"
                            if resource.title
                            else resource.citation
                        ),
                    }
                )
                for index, resource in enumerate(p.legal_resources.all(), start=1)
            ],
            "cpsv:produces": [
                self.add(
                    {
                        "@id": f"{service_uri}#output",
                        "@type": "cv:Output",
                        "dct:identifier": f"{p.slug}-output",
                        "dct:title": _el(p.output),
                        "dct:type": _el(p.get_output_kind_display()),
                    }
                )
            ],
            "cv:isGroupedBy": [
                self.add(
                    {
                        "@id": self.uri(event.get_absolute_url()),
                        "@type": "cv:LifeEvent",
                        "dct:identifier": event.slug,
                        "dct:title": _el(event.name),
                    }
                )
                for event in p.life_events.all()
            ],
            "dcat:keyword": [_el(title) for title in p.alternative_title_list],
        }
        if p.parsed_duration is not None:
            node["cv:processingTime"] = {"@type": "xsd:duration", "@value": p.duration}
        self.nodes[service_uri] = node

    def cost(self, p: Procedure, service_uri: str) -> dict:
        cost: dict = {
            "@id": f"{service_uri}#cost",
            "@type": "cv:Cost",
            "dct:identifier": f"{p.slug}-cost",
            "cv:currency": _id(EURO),
        }
        if p.fee_kind == FeeKind.NONE:
            cost["cv:hasValue"] = {"@type": "xsd:double", "@value": "0"}
            cost["dct:description"] = _el(str(FeeKind.NONE.label))
        elif p.fee_kind == FeeKind.FIXED:
            cost["cv:hasValue"] = {"@type": "xsd:double", "@value": str(p.fee_amount)}
        else:
            # A range has no single value: the description says it, the value is the least.
            cost["cv:hasValue"] = {"@type": "xsd:double", "@value": str(p.fee_amount)}
            cost["dct:description"] = _el(f"{p.fee_amount} – {p.fee_max} €")
        if p.fee_note:
            cost["dct:description"] = _el(p.fee_note)
        return cost

    def channel(self, channel, uri: str, slug: str, index: int) -> dict:
        node: dict = {
            "@id": uri,
            "@type": "cv:Channel",
            "dct:identifier": f"{slug}-channel-{index}",
            "dct:type": _el(str(ChannelKind(channel.kind).label)),
            "dct:description": _el(
                f"{channel.value} — {channel.note}" if channel.note else channel.value
            ),
        }
        if channel.kind == ChannelKind.ONLINE:
            node["foaf:page"] = _id(self.uri(channel.value))
        return node


def document(procedures, *, base_url: str) -> dict:
    """The CPSV-AP 3 JSON-LD document of these procedures (fetched by `open_data_procedures`)."""
    with translation.override("el"):
        graph = Graph(base_url)
        for procedure in procedures:
            graph.procedure(procedure)
        # No "@id" beside "@graph": that would make the services a named graph.
        return {"@context": CONTEXT, "@graph": list(graph.nodes.values())}
